@testable import Form

/// Measures a posed figure exactly: its room coordinates as world landmarks (y flipped to point
/// down, as a pose model's do), every landmark visible, the room's own up as the camera's up.
enum TruthMeasurer {
    /// The exact landmarks of `body`.
    static func landmarks(_ body: PosedBody) -> PoseLandmarks {
        let hip = body.hipCentre
        let world = body.positions.map { WorldLandmark(x: $0.x - hip.x, y: -($0.y - hip.y), z: -($0.z - hip.z)) }
        // The image is a side projection of the same points at 500 px per metre (unused by world measures).
        let image = body.positions.map { ImageLandmark(x: 640 + 500 * $0.x, y: 700 - 500 * $0.y, visibility: 1, presence: 1) }
        return PoseLandmarks(checked: image, world: world, imageWidth: 1280, imageHeight: 1280)
    }

    /// A measurer of `frame` with the working side `side` and no floor estimate (the room's up).
    static func measurer(_ frame: ExerciseMotion.Frame, workingSide: BodySide? = .left, floor: [BodyLandmark] = []) -> BodyMeasurer {
        let body = frame.body(Skeleton())
        return BodyMeasurer(geometry: PoseGeometry(pose: landmarks(body)), floorContacts: floor, workingSide: workingSide)
    }
}
