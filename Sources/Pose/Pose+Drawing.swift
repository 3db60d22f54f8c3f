// Drawing a pose's skeleton over its image.

import Imaging

extension RGBImage {
    /// Draws `pose`'s skeleton: the bones of `PoseLandmark.connections` and a dot per landmark,
    /// the person's left side in orange, right in cyan, the middle in white.
    ///
    /// Landmarks whose visibility is below `minVisibility` are left out (with their bones), as
    /// MediaPipe's `draw_landmarks` does at 0.5. Line width and dot size grow with the image.
    public mutating func drawPose(_ pose: Pose, minVisibility: Float = 0.5) {
        let scale = Float(max(width, height)) / 640
        let thickness = max(2, 3 * scale), radius = max(2, 4 * scale)
        func shown(_ landmark: PoseLandmark) -> Bool { pose[landmark].visibility >= minVisibility }
        func point(_ landmark: PoseLandmark) -> ImagePoint {
            ImagePoint(Float(pose[landmark].pixelX), Float(pose[landmark].pixelY))
        }
        for (a, b) in PoseLandmark.connections where shown(a) && shown(b) {
            drawLine(from: point(a), to: point(b), color: Self.color(for: a, b), thickness: thickness)
        }
        for landmark in PoseLandmark.allCases where shown(landmark) {
            fillCircle(center: point(landmark), radius: radius + 1, color: .black)
            fillCircle(center: point(landmark), radius: radius, color: Self.color(for: landmark, landmark))
        }
    }

    /// Orange for the person's left side, cyan for the right, white across the middle.
    private static func color(for a: PoseLandmark, _ b: PoseLandmark) -> RGB {
        let left = a.name.hasPrefix("left") || a.name == "mouth_left"
        let right = a.name.hasPrefix("right") || a.name == "mouth_right"
        let bLeft = b.name.hasPrefix("left") || b.name == "mouth_left"
        let bRight = b.name.hasPrefix("right") || b.name == "mouth_right"
        if left && bLeft { return .orange }
        if right && bRight { return .cyan }
        return .white
    }
}
