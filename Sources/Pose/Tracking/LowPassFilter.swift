// MediaPipe's LowPassFilter: an exponential moving average stored in f32.

/// An exponential moving average (MediaPipe's `LowPassFilter`).
///
/// The first value passes through; after that `out = α·v + (1 − α)·previous`, where `α·v` is
/// an f32 product and the rest is computed in double, then rounded to f32, exactly as
/// MediaPipe's `alpha_ * value + (1.0 - alpha_) * stored_value_` is.
struct LowPassFilter: Hashable {
    /// The weight of a new value, 0…1.
    private(set) var alpha: Float
    /// The last input, once there is one.
    private(set) var lastRawValue: Float = 0
    /// The last output.
    private(set) var lastValue: Float = 0
    /// Whether a first value has been seen.
    private(set) var hasLastRawValue = false

    /// A filter with weight `alpha` for new values.
    init(alpha: Float) {
        self.alpha = alpha
    }

    /// Filters `value` with the current weight.
    mutating func apply(_ value: Float) -> Float {
        let result: Float
        if hasLastRawValue {
            result = Float(Double(alpha * value) + (1.0 - Double(alpha)) * Double(lastValue))
        } else {
            result = value
            hasLastRawValue = true
        }
        lastRawValue = value
        lastValue = result
        return result
    }

    /// Sets the weight (ignored outside 0…1, as MediaPipe does) and filters `value`.
    mutating func apply(_ value: Float, alpha newAlpha: Float) -> Float {
        if newAlpha >= 0 && newAlpha <= 1 { alpha = newAlpha }
        return apply(value)
    }
}
