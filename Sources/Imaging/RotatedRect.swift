// A rotated rectangle in image pixels, and MediaPipe's letterbox padding of it.

/// A rectangle in image pixels, rotated about its centre: the region a crop samples.
///
/// Fields are `Float` because MediaPipe computes its regions in single precision, and the crop
/// must see the very same numbers to be bit-exact. `rotation` is in radians; positive turns the
/// rectangle clockwise on screen (y points down), as in MediaPipe's `NormalizedRect`.
public struct RotatedRect: Sendable, Hashable {
    /// Centre, x in pixels (pixel centres at integers + 0.5 in MediaPipe's convention: the
    /// whole image's centre is `width / 2`).
    public var centerX: Float
    /// Centre, y in pixels.
    public var centerY: Float
    /// Width in pixels, before rotation.
    public var width: Float
    /// Height in pixels, before rotation.
    public var height: Float
    /// Rotation in radians, clockwise on screen.
    public var rotation: Float

    /// A rectangle from its centre, size and rotation, all in pixels and radians.
    public init(centerX: Float, centerY: Float, width: Float, height: Float, rotation: Float = 0) {
        self.centerX = centerX
        self.centerY = centerY
        self.width = width
        self.height = height
        self.rotation = rotation
    }

    /// A rectangle given in normalised image units (as MediaPipe's `NormalizedRect`), scaled to
    /// pixels the way MediaPipe's `GetRoi` does (f32: `x_center * W`, `width * W`, ...).
    public init(normalizedCenterX: Float, normalizedCenterY: Float, normalizedWidth: Float,
                normalizedHeight: Float, rotation: Float, imageWidth: Int, imageHeight: Int) {
        let w = Float(imageWidth), h = Float(imageHeight)
        self.init(centerX: normalizedCenterX * w, centerY: normalizedCenterY * h,
                  width: normalizedWidth * w, height: normalizedHeight * h, rotation: rotation)
    }

    /// The whole image as a region: centre (W/2, H/2), size W×H, no rotation (MediaPipe's
    /// `GetRoi` without a rectangle).
    public static func wholeImage(width: Int, height: Int) -> RotatedRect {
        RotatedRect(centerX: 0.5 * Float(width), centerY: 0.5 * Float(height),
                    width: Float(width), height: Float(height), rotation: 0)
    }

    /// This rectangle grown to the tensor's aspect ratio, and the padding that was added
    /// (MediaPipe's `PadRoi` with `keep_aspect_ratio: true`, in f32).
    ///
    /// With `ta = tensorHeight / tensorWidth` and `ra = height / width`: if `ta > ra` the height
    /// grows to `width · ta` and the top and bottom padding are `(1 − ra/ta) / 2`; otherwise the
    /// width grows to `height / ta` and the left and right padding are `(1 − ta/ra) / 2`. The
    /// padding is in normalised tensor units: the share of the tensor that lies outside the
    /// original rectangle on each side.
    public func letterboxed(toTensorWidth tensorWidth: Int, height tensorHeight: Int) -> (rect: RotatedRect, padding: Letterbox) {
        let tensorAspect = Float(tensorHeight) / Float(tensorWidth)
        let roiAspect = height / width
        var padded = self
        var padding = Letterbox()
        if tensorAspect > roiAspect {
            padded.width = width
            padded.height = width * tensorAspect
            let vertical = (1 - roiAspect / tensorAspect) / 2
            padding.top = vertical
            padding.bottom = vertical
        } else {
            padded.width = height / tensorAspect
            padded.height = height
            let horizontal = (1 - tensorAspect / roiAspect) / 2
            padding.left = horizontal
            padding.right = horizontal
        }
        return (padded, padding)
    }
}

/// Letterbox padding of a tensor, in normalised tensor units (0 = none, 0.25 = a quarter of
/// the tensor's width or height on that side).
///
/// To map a point from the tensor back into the region: `x' = (x − left) / (1 − left − right)`,
/// `y' = (y − top) / (1 − top − bottom)`.
public struct Letterbox: Sendable, Hashable {
    /// Share of the tensor's width left of the region.
    public var left: Float
    /// Share of the tensor's height above the region.
    public var top: Float
    /// Share of the tensor's width right of the region.
    public var right: Float
    /// Share of the tensor's height below the region.
    public var bottom: Float

    /// Padding on each side, in normalised tensor units.
    public init(left: Float = 0, top: Float = 0, right: Float = 0, bottom: Float = 0) {
        self.left = left
        self.top = top
        self.right = right
        self.bottom = bottom
    }
}
