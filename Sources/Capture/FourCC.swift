import CV4L2

/// A V4L2 pixel format, named by its four-character code (`MJPG`, `YUYV`, `RGB3`).
public struct FourCC: Hashable, Sendable, CustomStringConvertible {
    /// The 32-bit code: four ASCII characters, the first in the lowest byte.
    public var rawValue: UInt32

    public init(rawValue: UInt32) { self.rawValue = rawValue }

    /// The format with this four-character code, e.g. `FourCC("MJPG")`; nil unless 4 bytes.
    public init?(_ code: String) {
        let bytes = Array(code.utf8)
        guard bytes.count == 4 else { return nil }
        rawValue = bytes.enumerated().reduce(0) { $0 | UInt32($1.element) << (8 * UInt32($1.offset)) }
    }

    /// Motion-JPEG: each frame a JPEG image. Preferred: small on the USB link, so full rate at
    /// large sizes.
    public static let mjpeg = FourCC(rawValue: cv4l2_pix_fmt_mjpeg())
    /// JFIF JPEG; some cameras name their Motion-JPEG so. Read like `mjpeg`.
    public static let jpeg = FourCC(rawValue: cv4l2_pix_fmt_jpeg())
    /// YUYV 4:2:2, two bytes a pixel, uncompressed.
    public static let yuyv = FourCC(rawValue: cv4l2_pix_fmt_yuyv())
    /// RGB 8-8-8; what libv4l2 converts other formats into.
    public static let rgb24 = FourCC(rawValue: cv4l2_pix_fmt_rgb24())

    /// The four characters, e.g. `MJPG`; bytes outside printable ASCII show as `?`.
    public var code: String {
        String(decoding: (0..<4).map { index -> UInt8 in
            let byte = UInt8(truncatingIfNeeded: rawValue >> (8 * UInt32(index)))
            return (0x20..<0x7F).contains(byte) ? byte : UInt8(ascii: "?")
        }, as: UTF8.self)
    }

    /// Whether frames in this format are JPEG images.
    public var isJPEG: Bool { self == .mjpeg || self == .jpeg }

    public var description: String { code }
}
