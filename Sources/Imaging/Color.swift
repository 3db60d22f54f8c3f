// An 8-bit sRGB colour.

/// An 8-bit sRGB colour (the pixel type of `RGBImage`).
public struct RGB: Sendable, Hashable {
    /// Red, 0...255.
    public var r: UInt8
    /// Green, 0...255.
    public var g: UInt8
    /// Blue, 0...255.
    public var b: UInt8

    /// A colour from its three channels.
    public init(_ r: UInt8, _ g: UInt8, _ b: UInt8) {
        self.r = r
        self.g = g
        self.b = b
    }

    /// A colour from a 24-bit `0xRRGGBB` value.
    public init(hex: UInt32) {
        self.init(UInt8((hex >> 16) & 0xFF), UInt8((hex >> 8) & 0xFF), UInt8(hex & 0xFF))
    }

    /// Black.
    public static let black = RGB(0, 0, 0)
    /// White.
    public static let white = RGB(255, 255, 255)
    /// Red.
    public static let red = RGB(255, 0, 0)
    /// Green.
    public static let green = RGB(0, 255, 0)
    /// Blue.
    public static let blue = RGB(0, 0, 255)
    /// Yellow.
    public static let yellow = RGB(255, 255, 0)
    /// Cyan.
    public static let cyan = RGB(0, 255, 255)
    /// Magenta.
    public static let magenta = RGB(255, 0, 255)
    /// Orange.
    public static let orange = RGB(255, 165, 0)
    /// Gray.
    public static let gray = RGB(128, 128, 128)
}
