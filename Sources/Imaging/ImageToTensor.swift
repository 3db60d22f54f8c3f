// MediaPipe's ImageToTensorCalculator (CPU path): region → letterbox → exact crop → floats.

/// The image-to-tensor step of MediaPipe's pose graph, in one call.
///
/// It does what `ImageToTensorCalculator` does with `keep_aspect_ratio: true` on the CPU:
/// take the region (`nil` = the whole image, MediaPipe's `GetRoi`), grow it to the tensor's
/// aspect ratio (`RotatedRect.letterboxed`, MediaPipe's `PadRoi`), crop it exactly
/// (`RotatedCrop`), and convert to floats. It returns the letterbox padding, which the caller
/// needs to map model outputs back to the image.
public enum ImageToTensor {
    /// Fills an NHWC [1, size, size, 3] RGB float tensor from `region` of `image`.
    ///
    /// `region` is in pixels (`nil` for the whole image); `tensor` must hold at least
    /// `size * size * 3` floats. Returns the letterbox padding in normalised tensor units.
    @discardableResult
    public static func fill(_ tensor: UnsafeMutableBufferPointer<Float>, from image: RGBImage,
                            region: RotatedRect?, size: Int, range: TensorValueRange,
                            border: BorderMode) -> Letterbox {
        let roi = region ?? .wholeImage(width: image.width, height: image.height)
        let (padded, padding) = roi.letterboxed(toTensorWidth: size, height: size)
        RotatedCrop.cropToTensor(image, to: padded, size: size, border: border, range: range, into: tensor)
        return padding
    }

    /// The pose detector's input: the whole image letterboxed into 224×224 with black
    /// borders, values in [−1, 1] (`blazepose-pipeline.md` §3). Returns the padding (§3.1).
    @discardableResult
    public static func poseDetectorInput(_ image: RGBImage, into tensor: UnsafeMutableBufferPointer<Float>) -> Letterbox {
        fill(tensor, from: image, region: nil, size: 224, range: .minusOneToOne, border: .zero)
    }

    /// The pose landmark model's input: `region` (pixels) cropped to 256×256 with replicated
    /// borders, values in [0, 1] (`blazepose-pipeline.md` §8). Returns the (near-zero) padding.
    @discardableResult
    public static func poseLandmarkInput(_ image: RGBImage, region: RotatedRect,
                                         into tensor: UnsafeMutableBufferPointer<Float>) -> Letterbox {
        fill(tensor, from: image, region: region, size: 256, range: .zeroToOne, border: .replicate)
    }

    /// The region and padding the crop would use, without cropping (for callers that want
    /// the bytes, e.g. to draw or to debug).
    public static func paddedRegion(for image: RGBImage, region: RotatedRect?, size: Int) -> (rect: RotatedRect, padding: Letterbox) {
        let roi = region ?? .wholeImage(width: image.width, height: image.height)
        return roi.letterboxed(toTensorWidth: size, height: size)
    }
}
