// Crop-normalised landmarks → image-normalised landmarks, crop-frame world → upright world.

import Foundation
import Imaging

/// Maps landmarks out of the crop (`blazepose-pipeline.md` §10), in f32 as MediaPipe does.
enum LandmarkProjection {
    /// `LandmarkLetterboxRemovalCalculator` then `LandmarkProjectionCalculator` (rect, no image
    /// size): from the crop's normalised frame to the image's, z scaled like x.
    static func toImage(_ point: LandmarkPoint, padding: Letterbox, region: NormalizedRect) -> LandmarkPoint {
        let horizontal = padding.left + padding.right, vertical = padding.top + padding.bottom
        let x = (point.x - padding.left) / (1 - horizontal) - 0.5
        let y = (point.y - padding.top) / (1 - vertical) - 0.5
        let z = point.z / (1 - horizontal)
        let c = cosf(region.rotation), s = sinf(region.rotation)
        let rotatedX = c * x - s * y
        let rotatedY = s * x + c * y
        var result = point
        result.x = rotatedX * region.width + region.xCenter
        result.y = rotatedY * region.height + region.yCenter
        result.z = z * region.width
        return result
    }

    /// `WorldLandmarkProjectionCalculator`: the crop's rotation undone; metres unchanged.
    static func toWorld(_ point: LandmarkPoint, region: NormalizedRect) -> LandmarkPoint {
        let c = cosf(region.rotation), s = sinf(region.rotation)
        var result = point
        result.x = c * point.x - s * point.y
        result.y = s * point.x + c * point.y
        return result
    }
}
