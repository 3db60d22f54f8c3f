// The exact rotated crop of MediaPipe's ImageToTensorCalculator (OpenCV path).

/// What the crop reads outside the image.
public enum BorderMode: Sendable, Hashable {
    /// Black (0): OpenCV `BORDER_CONSTANT` with value 0. The pose detector's letterbox uses it.
    case zero
    /// The nearest edge pixel: OpenCV `BORDER_REPLICATE`. The landmark model's crop uses it.
    case replicate
}

/// How crop bytes become tensor floats.
public enum TensorValueRange: Sendable, Hashable {
    /// `u8 · (2/255) − 1`, in [−1, 1] (the pose detector's input).
    case minusOneToOne
    /// `u8 · (1/255)`, in [0, 1] (the pose landmark model's input).
    case zeroToOne

    /// The multiplier in f32, as MediaPipe computes it: `(max − min) / 255`.
    public var scale: Float {
        switch self {
        case .minusOneToOne: return Float(2) / Float(255)
        case .zeroToOne: return Float(1) / Float(255)
        }
    }

    /// The value of byte 0.
    public var offset: Float {
        switch self {
        case .minusOneToOne: return -1
        case .zeroToOne: return 0
        }
    }

    /// The float for a byte, exactly as MediaPipe's `convertTo` computes it: one fused
    /// multiply-add in f32, `fma(u8, scale, offset)`, as OpenCV's AVX2 conversion does
    /// (an unfused `u8 * scale - 1` differs in the last bit for 158 of the 256 values).
    /// As in MediaPipe, byte 255 gives 1.0000001 in `.minusOneToOne` (f32(2/255) is a little
    /// above 2/255).
    public func value(_ byte: UInt8) -> Float {
        offset.addingProduct(Float(byte), scale)
    }

    /// `value(b)` for every byte b = 0...255, computed once (a table lookup is fast on every
    /// CPU, a fused multiply-add is a library call without FMA hardware).
    public var table: [Float] {
        switch self {
        case .minusOneToOne: return TensorValueRange.minusOneToOneTable
        case .zeroToOne: return TensorValueRange.zeroToOneTable
        }
    }

    private static let minusOneToOneTable = (0...255).map { TensorValueRange.minusOneToOne.value(UInt8($0)) }
    private static let zeroToOneTable = (0...255).map { TensorValueRange.zeroToOne.value(UInt8($0)) }
}

/// The exact rotated crop of MediaPipe's pose pipeline (`blazepose-pipeline.md` §3.3).
///
/// A `RotatedRect` of the image is resampled into an N×N RGB square the way MediaPipe's
/// `ImageToTensorCalculator` does on the CPU: the corner correspondence p0→(0,N), p1→(0,0),
/// p2→(N,0), p3→(N,N) solved with OpenCV's `getPerspectiveTransform` (8×8 LU in double),
/// inverted, and sampled by OpenCV 3.4's fixed-point `warpPerspective` (1/32-pixel
/// coordinates, 15-bit bilinear weights, uint8 output). The result is bit-exact with the
/// tensors MediaPipe 0.10.14 feeds its models. Output pixel (x, y) samples the source at the
/// integer point (x, y) of the map, without a half-pixel offset, as OpenCV does.
public enum RotatedCrop {
    /// The N×N crop (`size` = N) as interleaved RGB bytes, `N * N * 3` of them, row by row.
    public static func crop(_ image: RGBImage, to rect: RotatedRect, size: Int, border: BorderMode) -> [UInt8] {
        precondition(size > 0, "crop size must be positive, got \(size)")
        return [UInt8](unsafeUninitializedCapacity: size * size * 3) { buffer, initialized in
            crop(image, to: rect, size: size, border: border, into: buffer)
            initialized = size * size * 3
        }
    }

    /// Writes the N×N crop as interleaved RGB bytes into `output` (at least `N * N * 3` bytes).
    public static func crop(_ image: RGBImage, to rect: RotatedRect, size: Int, border: BorderMode,
                            into output: UnsafeMutableBufferPointer<UInt8>) {
        precondition(size > 0, "crop size must be positive, got \(size)")
        precondition(output.count >= size * size * 3, "output holds \(output.count) bytes, the crop needs \(size * size * 3)")
        guard let base = output.baseAddress else { return }
        guard !image.isEmpty else {
            output.update(repeating: 0)
            return
        }
        let matrix = PerspectiveMatrix.cropMap(for: rect, outputWidth: size, outputHeight: size)
        image.withUnsafeBytes { src in
            if let pixels = src.baseAddress {
                WarpKernel.warp(src: pixels, width: image.width, height: image.height, matrix: matrix,
                                outputWidth: size, outputHeight: size, border: border, sink: ByteSink(base: base))
            }
        }
    }

    /// Writes the N×N crop straight into a float tensor, NHWC [1, N, N, 3] RGB, with the
    /// values of `range` (`tensor` must hold at least `N * N * 3` floats).
    public static func cropToTensor(_ image: RGBImage, to rect: RotatedRect, size: Int, border: BorderMode,
                                    range: TensorValueRange, into tensor: UnsafeMutableBufferPointer<Float>) {
        precondition(size > 0, "crop size must be positive, got \(size)")
        precondition(tensor.count >= size * size * 3, "tensor holds \(tensor.count) floats, the crop needs \(size * size * 3)")
        guard let base = tensor.baseAddress else { return }
        guard !image.isEmpty else {
            tensor.update(repeating: range.offset)
            return
        }
        let matrix = PerspectiveMatrix.cropMap(for: rect, outputWidth: size, outputHeight: size)
        let table = range.table
        image.withUnsafeBytes { src in
            table.withUnsafeBufferPointer { lookup in
                if let pixels = src.baseAddress, let values = lookup.baseAddress {
                    WarpKernel.warp(src: pixels, width: image.width, height: image.height, matrix: matrix,
                                    outputWidth: size, outputHeight: size, border: border,
                                    sink: FloatSink(base: base, table: values))
                }
            }
        }
    }

    /// Converts crop bytes into tensor floats with the values of `range` (`tensor` must hold
    /// at least `bytes.count` floats).
    public static func toTensor(_ bytes: [UInt8], range: TensorValueRange, into tensor: UnsafeMutableBufferPointer<Float>) {
        precondition(tensor.count >= bytes.count, "tensor holds \(tensor.count) floats, need \(bytes.count)")
        let table = range.table
        for (i, byte) in bytes.enumerated() {
            tensor[i] = table[Int(byte)]
        }
    }
}
