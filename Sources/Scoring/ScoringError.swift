import Capture
import Form
import Pose

/// Everything that can go wrong while scoring recordings; each message says what happened and
/// what to do about it.
public enum ScoringError: Error, Sendable, CustomStringConvertible {
    /// A frame source could not be opened or failed while reading.
    case capture(input: String, CaptureError)
    /// The pose models could not be loaded or a frame could not be processed.
    case pose(input: String, PoseError)
    /// The exercise analysis rejected a setting or a template.
    case form(FormError)
    /// An input gave no frame at all.
    case noFrames(input: String)
    /// No template fits the recording well enough to recognise the exercise.
    case unrecognised(input: String, reason: String)
    /// The exercise id names no template; `suggestion` is the closest id, when one is close.
    case unknownExercise(id: String, suggestion: String?, available: [String])

    public var description: String {
        switch self {
        case let .capture(input, error):
            return "\(input): \(error.description)"
        case let .pose(input, error):
            return "\(input): \(error.description)"
        case let .form(error):
            return error.description
        case let .noFrames(input):
            return "\(input): no frame could be read. Check that it is a folder of JPEG/PNG images, an image or a video file."
        case let .unrecognised(input, reason):
            return "\(input): cannot tell which exercise this is (\(reason)). Name it with --exercise ID (`formcheck exercises` lists them)."
        case let .unknownExercise(id, suggestion, available):
            let hint = suggestion.map { " Did you mean '\($0)'?" } ?? ""
            return "No exercise '\(id)'.\(hint) Use 'auto' to recognise it, or one of: \(available.joined(separator: ", ")) (`formcheck exercises` describes them)."
        }
    }
}
