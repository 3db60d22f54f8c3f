// Camera pixel formats (YUYV, NV12) to RGB.

/// Conversions from camera pixel formats to `RGBImage`.
///
/// Both formats use BT.601 with limited ("studio") range, the V4L2 default for webcams, in the
/// integer form of ffmpeg/libyuv and Microsoft's YUV documentation: with
/// `C = Y − 16`, `D = U − 128`, `E = V − 128`,
///
///     R = clamp((298·C + 409·E + 128) >> 8)
///     G = clamp((298·C − 100·D − 208·E + 128) >> 8)
///     B = clamp((298·C + 516·D + 128) >> 8)
///
/// (298/256 ≈ 1.164 = 255/219, 409/256 ≈ 1.596, 100/256 ≈ 0.391, 208/256 ≈ 0.813,
/// 516/256 ≈ 2.018), clamped to 0...255.
public enum PixelFormat {
    /// Converts YUYV 4:2:2 (V4L2 `YUYV`, also called YUY2) to RGB.
    ///
    /// Each 4 bytes Y0 U Y1 V give two pixels that share U and V. `bytesPerRow` is the
    /// driver's stride (≥ `width * 2`, default exactly that); `width` must be even, the
    /// buffer at least `bytesPerRow * (height − 1) + width * 2` bytes. Returns nil if the sizes
    /// do not fit the buffer.
    public static func yuyvToRGB(_ data: some Collection<UInt8>, width: Int, height: Int,
                                 bytesPerRow: Int? = nil) -> RGBImage? {
        let stride = bytesPerRow ?? width * 2
        guard width > 0, height > 0, width % 2 == 0, stride >= width * 2,
              data.count >= stride * (height - 1) + width * 2 else { return nil }
        let pixels = withContiguousBytes(data) { src in
            [UInt8](unsafeUninitializedCapacity: width * height * 3) { out, initialized in
                guard let source = src.baseAddress, let target = out.baseAddress else { return }
                for y in 0..<height {
                    yuyvRow(source + y * stride, target + y * width * 3, pairs: width / 2)
                }
                initialized = width * height * 3
            }
        }
        return RGBImage(width: width, height: height, pixels: pixels)
    }

    /// One row of YUYV (`pairs` × 4 bytes) to RGB (`pairs` × 6 bytes); a branch-free loop.
    @inline(__always)
    private static func yuyvRow(_ src: UnsafePointer<UInt8>, _ out: UnsafeMutablePointer<UInt8>, pairs: Int) {
        for i in 0..<pairs {
            storePair(src[4 &* i], src[4 &* i &+ 2], src[4 &* i &+ 1], src[4 &* i &+ 3], out + 6 &* i)
        }
    }

    /// Converts NV12 (a full-resolution Y plane, then one half-resolution plane of
    /// interleaved U V) to RGB.
    ///
    /// `width` and `height` must be even; `bytesPerRow` is the stride of both planes (default
    /// `width`). The UV plane starts right after `height` rows of Y. Returns nil if the sizes do
    /// not fit the buffer.
    public static func nv12ToRGB(_ data: some Collection<UInt8>, width: Int, height: Int,
                                 bytesPerRow: Int? = nil) -> RGBImage? {
        let stride = bytesPerRow ?? width
        guard width > 0, height > 0, width % 2 == 0, height % 2 == 0, stride >= width,
              data.count >= stride * height + stride * (height / 2 - 1) + width else { return nil }
        let pixels = withContiguousBytes(data) { src in
            [UInt8](unsafeUninitializedCapacity: width * height * 3) { out, initialized in
                guard let source = src.baseAddress, let target = out.baseAddress else { return }
                for y in 0..<height {
                    nv12Row(source + y * stride, source + stride * height + (y / 2) * stride,
                            target + y * width * 3, pairs: width / 2)
                }
                initialized = width * height * 3
            }
        }
        return RGBImage(width: width, height: height, pixels: pixels)
    }

    /// One row of NV12 (`pairs` × 2 luma bytes and `pairs` U V pairs) to RGB; branch-free.
    @inline(__always)
    private static func nv12Row(_ luma: UnsafePointer<UInt8>, _ chroma: UnsafePointer<UInt8>,
                                _ out: UnsafeMutablePointer<UInt8>, pairs: Int) {
        for i in 0..<pairs {
            storePair(luma[2 &* i], luma[2 &* i &+ 1], chroma[2 &* i], chroma[2 &* i &+ 1], out + 6 &* i)
        }
    }

    /// Two RGB pixels (6 bytes) from two lumas sharing one U V pair: the formula of the type's doc.
    @inline(__always)
    private static func storePair(_ luma0: UInt8, _ luma1: UInt8, _ u: UInt8, _ v: UInt8,
                                  _ out: UnsafeMutablePointer<UInt8>) {
        let y0 = 298 &* (Int32(luma0) &- 16), y1 = 298 &* (Int32(luma1) &- 16)
        let d = Int32(u) &- 128, e = Int32(v) &- 128
        let rv = 409 &* e &+ 128, gv = 128 &- 100 &* d &- 208 &* e, bv = 516 &* d &+ 128
        out[0] = clamp8((y0 &+ rv) &>> 8)
        out[1] = clamp8((y0 &+ gv) &>> 8)
        out[2] = clamp8((y0 &+ bv) &>> 8)
        out[3] = clamp8((y1 &+ rv) &>> 8)
        out[4] = clamp8((y1 &+ gv) &>> 8)
        out[5] = clamp8((y1 &+ bv) &>> 8)
    }

    @inline(__always)
    private static func clamp8(_ value: Int32) -> UInt8 {
        UInt8(truncatingIfNeeded: min(max(value, 0), 255))
    }
}
