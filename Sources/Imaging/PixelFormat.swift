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
                for y in 0..<height {
                    var s = y * stride
                    var o = y * width * 3
                    for _ in 0..<(width / 2) {
                        let d = Int(src[s + 1]) - 128, e = Int(src[s + 3]) - 128
                        let rv = 409 * e + 128, gv = -100 * d - 208 * e + 128, bv = 516 * d + 128
                        let c0 = 298 * (Int(src[s]) - 16), c1 = 298 * (Int(src[s + 2]) - 16)
                        out[o] = clamp8((c0 + rv) >> 8)
                        out[o + 1] = clamp8((c0 + gv) >> 8)
                        out[o + 2] = clamp8((c0 + bv) >> 8)
                        out[o + 3] = clamp8((c1 + rv) >> 8)
                        out[o + 4] = clamp8((c1 + gv) >> 8)
                        out[o + 5] = clamp8((c1 + bv) >> 8)
                        s += 4
                        o += 6
                    }
                }
                initialized = width * height * 3
            }
        }
        return RGBImage(width: width, height: height, pixels: pixels)
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
                let uvPlane = stride * height
                for y in 0..<height {
                    let yRow = y * stride
                    let uvRow = uvPlane + (y / 2) * stride
                    var o = y * width * 3
                    for x in 0..<width {
                        let d = Int(src[uvRow + (x & ~1)]) - 128, e = Int(src[uvRow + (x & ~1) + 1]) - 128
                        let c = 298 * (Int(src[yRow + x]) - 16)
                        out[o] = clamp8((c + 409 * e + 128) >> 8)
                        out[o + 1] = clamp8((c - 100 * d - 208 * e + 128) >> 8)
                        out[o + 2] = clamp8((c + 516 * d + 128) >> 8)
                        o += 3
                    }
                }
                initialized = width * height * 3
            }
        }
        return RGBImage(width: width, height: height, pixels: pixels)
    }

    @inline(__always)
    private static func clamp8(_ value: Int) -> UInt8 {
        UInt8(truncatingIfNeeded: value < 0 ? 0 : (value > 255 ? 255 : value))
    }
}
