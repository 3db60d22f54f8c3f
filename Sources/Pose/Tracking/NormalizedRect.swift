// MediaPipe's NormalizedRect: the region of interest the landmark model looks at.

import Foundation
import Imaging

/// A rotated rectangle in normalised image coordinates (MediaPipe's `NormalizedRect`).
///
/// The centre and size are divided by the image width (x, width) and height (y, height);
/// `rotation` is in radians, clockwise on screen. Single precision throughout, because
/// MediaPipe computes its regions in f32 and the crop must see the same numbers.
public struct NormalizedRect: Sendable, Hashable {
    /// Centre, x / image width.
    public var xCenter: Float
    /// Centre, y / image height.
    public var yCenter: Float
    /// Width / image width.
    public var width: Float
    /// Height / image height.
    public var height: Float
    /// Rotation in radians, clockwise on screen.
    public var rotation: Float

    /// A rectangle from its normalised centre and size and its rotation.
    public init(xCenter: Float, yCenter: Float, width: Float, height: Float, rotation: Float = 0) {
        self.xCenter = xCenter
        self.yCenter = yCenter
        self.width = width
        self.height = height
        self.rotation = rotation
    }

    /// The same rectangle in pixels, computed as MediaPipe's `GetRoi` does (f32 products).
    public func pixelRect(imageWidth: Int, imageHeight: Int) -> RotatedRect {
        RotatedRect(normalizedCenterX: xCenter, normalizedCenterY: yCenter, normalizedWidth: width,
                    normalizedHeight: height, rotation: rotation, imageWidth: imageWidth, imageHeight: imageHeight)
    }
}

/// The region computations of MediaPipe's pose graph (`blazepose-pipeline.md` §8, §11, §12.3).
enum RegionOfInterest {
    /// `rotation_vector_target_angle_degrees: 90` as MediaPipe stores it:
    /// `float(M_PI * 90.0f / 180.f)`, computed in double.
    static let targetAngle = Float(Double.pi * Double(Float(90)) / Double(Float(180)))

    /// `AlignmentPointsRectsCalculator`: a square (in pixels) centred on `start`, of side twice
    /// the distance start–end, rotated so that start→end points up. Points are normalised.
    static func alignmentRect(start: SIMD2<Float>, end: SIMD2<Float>, imageWidth: Int, imageHeight: Int) -> NormalizedRect {
        let w = Float(imageWidth), h = Float(imageHeight)
        let x0 = start.x * w, y0 = start.y * h
        let x1 = end.x * w, y1 = end.y * h
        let dx = x1 - x0, dy = y1 - y0
        // f32 sqrt, then `* 2.0` in double: exact, so a float doubling.
        let boxSize = (dx * dx + dy * dy).squareRoot() * 2
        let rotation = normalizeRadians(targetAngle - atan2f(-dy, dx))
        return NormalizedRect(xCenter: x0 / w, yCenter: y0 / h, width: boxSize / w, height: boxSize / h,
                              rotation: rotation)
    }

    /// `RectTransformationCalculator` with `square_long: true`, no shift, scale 1.25 × 1.25.
    static func squaredAndScaled(_ rect: NormalizedRect, imageWidth: Int, imageHeight: Int,
                                 scale: Float = 1.25) -> NormalizedRect {
        var result = rect
        let w = Float(imageWidth), h = Float(imageHeight)
        let longSide = max(rect.width * w, rect.height * h)
        result.width = longSide / w * scale
        result.height = longSide / h * scale
        return result
    }

    /// The landmark model's region for two alignment points (detector keypoints 0 and 1, or
    /// auxiliary landmarks 33 and 34): alignment rect, then squared and scaled by 1.25.
    static func landmarkRegion(start: SIMD2<Float>, end: SIMD2<Float>, imageWidth: Int, imageHeight: Int) -> NormalizedRect {
        squaredAndScaled(alignmentRect(start: start, end: end, imageWidth: imageWidth, imageHeight: imageHeight),
                         imageWidth: imageWidth, imageHeight: imageHeight)
    }

    /// The object scale the landmark filters divide speeds by (`GetObjectScale` of the
    /// alignment rect of the unfiltered auxiliary landmarks): the mean of its pixel sides.
    static func objectScale(start: SIMD2<Float>, end: SIMD2<Float>, imageWidth: Int, imageHeight: Int) -> Float {
        let rect = alignmentRect(start: start, end: end, imageWidth: imageWidth, imageHeight: imageHeight)
        return (rect.width * Float(imageWidth) + rect.height * Float(imageHeight)) / 2
    }

    /// MediaPipe's `NormalizeRadians`, in double as there: the angle brought into [−π, π).
    static func normalizeRadians(_ angle: Float) -> Float {
        let a = Double(angle)
        return Float(a - 2 * Double.pi * ((a - -Double.pi) / (2 * Double.pi)).rounded(.down))
    }
}
