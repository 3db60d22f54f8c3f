/// A frame's width and height in pixels.
public struct FrameSize: Hashable, Sendable, CustomStringConvertible {
    /// Width in pixels.
    public var width: Int
    /// Height in pixels.
    public var height: Int

    public init(width: Int, height: Int) {
        self.width = width
        self.height = height
    }

    /// `640x480`.
    public var description: String { "\(width)x\(height)" }
}

/// The time between two frames as the driver states it: `numerator / denominator` seconds
/// (1/30 for 30 fps, 2/15 for 7.5 fps).
public struct FrameInterval: Hashable, Sendable, CustomStringConvertible {
    /// The top of the fraction `numerator / denominator` seconds.
    public var numerator: Int
    /// The bottom of that fraction.
    public var denominator: Int

    public init(numerator: Int, denominator: Int) {
        self.numerator = numerator
        self.denominator = denominator
    }

    /// The interval closest to `framesPerSecond` frames per second, in thousandths of a frame.
    public init(framesPerSecond: Double) {
        self.init(numerator: 1000, denominator: Int((framesPerSecond * 1000).rounded()))
    }

    /// Frames per second; 0 for an interval the driver left unset (a zero numerator or denominator).
    public var framesPerSecond: Double {
        guard numerator > 0, denominator > 0 else { return 0 }
        return Double(denominator) / Double(numerator)
    }

    /// `30 fps`, `7.5 fps`.
    public var description: String { "\(FrameInterval.rateText(framesPerSecond)) fps" }

    /// A frame rate without trailing zeros: `30`, `7.5`, `14.99`.
    static func rateText(_ rate: Double) -> String {
        let hundredths = Int((rate * 100).rounded())
        let whole = hundredths / 100, fraction = hundredths % 100
        if fraction == 0 { return "\(whole)" }
        if fraction % 10 == 0 { return "\(whole).\(fraction / 10)" }
        return "\(whole).\(fraction < 10 ? "0" : "")\(fraction)"
    }
}
