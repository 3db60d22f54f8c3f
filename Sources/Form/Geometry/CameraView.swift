/// Which way the camera looks at the person, judged from the image.
public enum CameraView: String, CaseIterable, Sendable, Codable {
    /// The camera sees the person's side (shoulders overlap in the picture).
    case side
    /// The camera sees the person's front or back (shoulders spread across the picture).
    case front
    /// In between.
    case oblique

    /// The view of `pose`: the shoulders' (or hips') width in the picture compared with the
    /// length of the torso, or `nil` when the torso cannot be seen.
    public static func estimate(_ pose: PoseLandmarks, visibilityThreshold: Double) -> (view: CameraView, foreshortened: Bool)? {
        let needed: [BodyLandmark] = [.leftShoulder, .rightShoulder, .leftHip, .rightHip]
        guard needed.allSatisfy({ min(pose[$0].visibility, pose[$0].presence) >= visibilityThreshold }) else {
            return nil
        }
        func point(_ landmark: BodyLandmark) -> Vector3 { Vector3(pose[landmark].x, pose[landmark].y, 0) }
        let shoulderWidth = (point(.leftShoulder) - point(.rightShoulder)).length
        let hipWidth = (point(.leftHip) - point(.rightHip)).length
        let torso = ((point(.leftShoulder) + point(.rightShoulder)) / 2 - (point(.leftHip) + point(.rightHip)) / 2).length
        // An adult's shoulders are about 0.75 and hips about 0.4 of the torso length across; a
        // torso shorter than 0.9 of that width is seen from well off its side (along the body).
        let width = max(shoulderWidth, hipWidth * 1.8)
        let foreshortened = torso < 0.9 * width
        let ratio = width / max(torso, 1e-9)
        if foreshortened || ratio > 0.6 { return (.front, foreshortened) }
        return (ratio < 0.3 ? .side : .oblique, false)
    }
}
