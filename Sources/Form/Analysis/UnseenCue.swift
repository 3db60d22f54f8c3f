/// Words for what the camera cannot see: "I can't see your knees — move the camera back…".
enum UnseenCue {
    /// The cue for `hidden` landmarks of `pose` and measures that need another view.
    static func text(hidden: [BodyLandmark], neededViews: [CameraView], pose: PoseLandmarks?) -> String? {
        let parts = Array(Set(hidden.map(\.bodyPart))).sorted()
        if !parts.isEmpty {
            let names = list(parts.map(\.rawValue))
            let outside = pose.map { pose in hidden.contains { !pose.isInsideImage($0) } } ?? true
            if outside {
                return "I can't see your \(names) — move the camera back so your whole body is in the picture."
            }
            return "I can't see your \(names) clearly — keep them in the picture, turn that side toward the camera and make sure nothing blocks the view."
        }
        if let view = neededViews.first {
            switch view {
            case .side: return "I can't judge this from here — turn so the camera sees you from the side."
            case .front: return "I can't judge this from here — turn so the camera sees you from the front or from your feet."
            case .oblique: return "I can't judge this from here — turn a little so the camera sees you at an angle."
            }
        }
        return nil
    }

    /// The cue when no person is found at all.
    static let nobody = "I can't see you — step into the picture so your whole body is in view."

    /// "a", "a and b", "a, b and c".
    static func list(_ words: [String]) -> String {
        guard words.count > 1, let last = words.last else { return words.first ?? "" }
        return words.dropLast().joined(separator: ", ") + " and " + last
    }
}
