/// Everything that can go wrong while loading or running a model.
///
/// Every message names the file (when there is one), says what is wrong, and what to do.
public enum InferenceError: Error, Equatable, CustomStringConvertible, Sendable {
    /// The model file could not be read at all (missing, unreadable, a directory).
    case cannotRead(path: String, reason: String)
    /// The file is not a well-formed TFLite flatbuffer: truncated, corrupted or foreign.
    case malformedModel(path: String, reason: String)
    /// The model uses an operator this engine does not implement.
    case unsupportedOperator(path: String, operatorName: String, operatorIndex: Int)
    /// The model is well-formed but uses a feature this engine does not implement.
    case unsupportedModel(path: String, reason: String)
    /// An input tensor given to the interpreter does not fit the model.
    case invalidInput(reason: String)
    /// A `.npy` tensor file could not be read or written.
    case tensorFile(path: String, reason: String)

    public var description: String {
        switch self {
        case let .cannotRead(path, reason):
            return "cannot read model '\(path)': \(reason). Check the path and the file's permissions."
        case let .malformedModel(path, reason):
            return "'\(path)' is not a valid TFLite model: \(reason). "
                + "The file may be truncated or corrupted; get a fresh copy (see Models/README.md)."
        case let .unsupportedOperator(path, name, index):
            return "model '\(path)' uses operator \(name) (operator #\(index)), which formcheck's engine "
                + "does not implement. It runs the BlazePose models in Models/; other models may need "
                + "more operators."
        case let .unsupportedModel(path, reason):
            return "model '\(path)' uses a feature formcheck's engine does not implement: \(reason)."
        case let .invalidInput(reason):
            return "invalid model input: \(reason)."
        case let .tensorFile(path, reason):
            return "tensor file '\(path)': \(reason)."
        }
    }
}
