import Foundation

/// The deterministic test pattern `../shared/tools/mp_reference.py raw` feeds both models.
///
/// For a [1, H, W, 3] input, row i, column j, channel c:
/// `base_c = 0.5 + 0.5·sin(2π(fx_c·j/W + fy_c·i/H) + ph_c)` with
/// (fx, fy, ph) = (1, 0.5, 0), (0.5, 1, 1), (0.75, 0.75, 2), computed in double precision;
/// the value is `base` for inputs in [0, 1] and `2·base − 1` for inputs in [−1, 1], then
/// rounded to float.
public enum SyntheticInput {
    /// The range of values a model expects.
    public enum Range: String, Sendable, CaseIterable {
        /// [0, 1]: the landmark model.
        case unit = "0,1"
        /// [−1, 1]: the detector.
        case symmetric = "-1,1"
    }

    /// The pattern for an NHWC shape [1, H, W, 3] (any channel count; channels cycle through
    /// the three parameter sets).
    public static func pattern(shape: [Int], range: Range) -> [Float] {
        let height = shape.count >= 3 ? shape[shape.count - 3] : 1
        let width = shape.count >= 2 ? shape[shape.count - 2] : 1
        let channels = shape.last ?? 1
        let parameters: [(Double, Double, Double)] = [(1.0, 0.5, 0.0), (0.5, 1.0, 1.0), (0.75, 0.75, 2.0)]
        var values: [Float] = []
        values.reserveCapacity(shape.reduce(1, *))
        let batches = shape.reduce(1, *) / max(1, height * width * channels)
        for _ in 0..<batches {
            for i in 0..<height {
                for j in 0..<width {
                    for c in 0..<channels {
                        let (fx, fy, ph) = parameters[c % 3]
                        let base = 0.5 + 0.5 * sin(2 * Double.pi * (fx * Double(j) / Double(width) + fy * Double(i) / Double(height)) + ph)
                        values.append(Float(range == .unit ? base : 2 * base - 1))
                    }
                }
            }
        }
        return values
    }

    /// The range `mp_reference.py raw` uses for a model input: [−1, 1] for a 224×224 input (the
    /// BlazePose detector), [0, 1] otherwise.
    public static func defaultRange(forInputShape shape: [Int]) -> Range {
        shape.count == 4 && shape[1] == 224 && shape[2] == 224 ? .symmetric : .unit
    }
}
