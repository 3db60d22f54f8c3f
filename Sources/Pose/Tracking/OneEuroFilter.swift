// MediaPipe's OneEuroFilter: a low-pass filter whose cutoff rises with speed.

import Foundation

/// The one-euro filter of MediaPipe (`mediapipe/util/filtering/one_euro_filter.cc`,
/// `blazepose-pipeline.md` §12.3).
///
/// Parameters and timing are in double, the two inner low-pass filters store f32, as in
/// MediaPipe. The sampling frequency comes from the timestamps (nanoseconds); a timestamp not
/// after the previous one returns the input unchanged.
struct OneEuroFilter: Hashable {
    /// The filter's parameters.
    struct Parameters: Hashable, Sendable {
        /// Cutoff frequency (Hz) when the value does not move.
        var minCutoff: Double
        /// How fast the cutoff rises with the speed.
        var beta: Double
        /// Cutoff (Hz) of the speed's own low-pass filter.
        var derivateCutoff: Double
        /// The frequency assumed until two timestamps give one (Hz).
        var frequency: Double = 30

        /// Parameters given as MediaPipe's f32 options (so 0.05 is `Double(Float(0.05))`).
        init(minCutoff: Float, beta: Float, derivateCutoff: Float, frequency: Float = 30) {
            self.minCutoff = Double(minCutoff)
            self.beta = Double(beta)
            self.derivateCutoff = Double(derivateCutoff)
            self.frequency = Double(frequency)
        }
    }

    let parameters: Parameters
    private var frequency: Double
    private var lastTime: Int64 = 0
    private var x: LowPassFilter
    private var dx: LowPassFilter

    /// A fresh filter.
    init(_ parameters: Parameters) {
        self.parameters = parameters
        frequency = parameters.frequency
        x = LowPassFilter(alpha: Float(Self.alpha(cutoff: parameters.minCutoff, frequency: parameters.frequency)))
        dx = LowPassFilter(alpha: Float(Self.alpha(cutoff: parameters.derivateCutoff, frequency: parameters.frequency)))
    }

    /// Filters `value` seen at `nanoseconds`; `valueScale` turns the value's speed into the
    /// units the cutoff expects (1 / object size for image landmarks).
    mutating func apply(_ value: Float, nanoseconds: Int64, valueScale: Float) -> Float {
        if lastTime >= nanoseconds { return value }
        if lastTime != 0 && nanoseconds != 0 {
            frequency = 1.0 / (Double(nanoseconds - lastTime) * 1e-9)
        }
        lastTime = nanoseconds
        let v = Double(value)
        let dvalue = x.hasLastRawValue ? (v - Double(x.lastRawValue)) * Double(valueScale) * frequency : 0
        let edvalue = Double(dx.apply(Float(dvalue), alpha: Float(Self.alpha(cutoff: parameters.derivateCutoff, frequency: frequency))))
        let cutoff = parameters.minCutoff + parameters.beta * abs(edvalue)
        return x.apply(value, alpha: Float(Self.alpha(cutoff: cutoff, frequency: frequency)))
    }

    /// `GetAlpha`: the smoothing weight for a cutoff at the current frequency.
    static func alpha(cutoff: Double, frequency: Double) -> Double {
        let te = 1.0 / frequency
        let tau = 1.0 / (2 * Double.pi * cutoff)
        return 1.0 / (1.0 + tau / te)
    }
}
