// An 8-bit RGB image value: the one pixel type every decoder and converter in Imaging returns.

/// An 8-bit RGB image, stored interleaved row after row with no padding.
///
/// Layout of `pixels`: `height` rows, top row first; each row `width` pixels, left first; each
/// pixel 3 bytes R, G, B. The byte of channel `c` at column `x`, row `y` is at
/// `(y * width + x) * 3 + c`, and `pixels.count == width * height * 3`. Colours are sRGB as
/// stored in the file (no gamma or colour-profile conversion). There is no grey or RGBA variant:
/// every decoder converts to this layout.
public struct RGBImage: Sendable, Hashable {
    /// Width in pixels (≥ 0).
    public let width: Int
    /// Height in pixels (≥ 0).
    public let height: Int
    /// The interleaved RGB bytes, `width * height * 3` of them (layout in the type's doc).
    public private(set) var pixels: [UInt8]

    /// Wraps existing interleaved RGB bytes; `pixels.count` must be `width * height * 3`.
    public init(width: Int, height: Int, pixels: [UInt8]) {
        precondition(width >= 0 && height >= 0, "RGBImage: negative size \(width)x\(height)")
        precondition(pixels.count == width * height * 3,
                     "RGBImage: \(pixels.count) bytes for \(width)x\(height), need \(width * height * 3)")
        self.width = width
        self.height = height
        self.pixels = pixels
    }

    /// An image filled with one colour (black unless told otherwise).
    public init(width: Int, height: Int, fill: RGB = .black) {
        precondition(width >= 0 && height >= 0, "RGBImage: negative size \(width)x\(height)")
        self.width = width
        self.height = height
        let count = width * height
        if fill.r == fill.g && fill.g == fill.b {
            pixels = [UInt8](repeating: fill.r, count: count * 3)
        } else {
            pixels = [UInt8](unsafeUninitializedCapacity: count * 3) { buffer, initialized in
                for i in 0..<count {
                    buffer[i * 3] = fill.r
                    buffer[i * 3 + 1] = fill.g
                    buffer[i * 3 + 2] = fill.b
                }
                initialized = count * 3
            }
        }
    }

    /// Makes an image by asking `color` for every pixel, row by row.
    public init(width: Int, height: Int, color: (_ x: Int, _ y: Int) -> RGB) {
        precondition(width >= 0 && height >= 0, "RGBImage: negative size \(width)x\(height)")
        self.width = width
        self.height = height
        pixels = [UInt8](unsafeUninitializedCapacity: width * height * 3) { buffer, initialized in
            var i = 0
            for y in 0..<height {
                for x in 0..<width {
                    let c = color(x, y)
                    buffer[i] = c.r
                    buffer[i + 1] = c.g
                    buffer[i + 2] = c.b
                    i += 3
                }
            }
            initialized = i
        }
    }

    /// True when the image has no pixels.
    public var isEmpty: Bool { width == 0 || height == 0 }

    /// The pixel at column `x`, row `y` (both must be inside the image).
    public subscript(x: Int, y: Int) -> RGB {
        get {
            precondition(x >= 0 && x < width && y >= 0 && y < height, "pixel (\(x), \(y)) outside \(width)x\(height)")
            let i = (y * width + x) * 3
            return RGB(pixels[i], pixels[i + 1], pixels[i + 2])
        }
        set {
            precondition(x >= 0 && x < width && y >= 0 && y < height, "pixel (\(x), \(y)) outside \(width)x\(height)")
            let i = (y * width + x) * 3
            pixels[i] = newValue.r
            pixels[i + 1] = newValue.g
            pixels[i + 2] = newValue.b
        }
    }

    /// Calls `body` with the pixel bytes (layout in the type's doc).
    public func withUnsafeBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        try pixels.withUnsafeBufferPointer(body)
    }

    /// Calls `body` with the pixel bytes for writing; the byte count cannot change.
    public mutating func withUnsafeMutableBytes<R>(
        _ body: (UnsafeMutableBufferPointer<UInt8>) throws -> R
    ) rethrows -> R {
        try pixels.withUnsafeMutableBufferPointer { buffer in try body(buffer) }
    }
}
