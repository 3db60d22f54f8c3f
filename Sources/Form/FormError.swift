/// Everything that can go wrong in the Form module; each message says what happened and what to do.
public enum FormError: Error, Equatable, Sendable {
    /// A pose value is malformed (wrong number of landmarks, bad image size).
    case invalidPose(String)
    /// A template file breaks the schema; `path` is the field (`checks[2].good.min`).
    case invalidTemplate(file: String, path: String, line: Int?, problem: String)
    /// No template has the id asked for.
    case unknownExercise(id: String, available: [String])
    /// A file could not be read.
    case unreadableFile(path: String, reason: String)
    /// A landmark JSON file does not follow the `formcheck pose --json` schema.
    case invalidPoseFile(path: String, field: String, problem: String)
    /// A value given to the analysis is out of range (pain score, frame rate, threshold).
    case invalidValue(name: String, problem: String)
}

extension FormError: CustomStringConvertible {
    public var description: String {
        switch self {
        case let .invalidPose(problem):
            return "Invalid pose: \(problem). Pass all 33 BlazePose landmarks in MediaPipe's order and the image size."
        case let .invalidTemplate(file, path, line, problem):
            let place = line.map { "\(file):\($0)" } ?? file
            return "\(place): \(path): \(problem). Fix the template (schema in Sources/Form/Templates/README.md)."
        case let .unknownExercise(id, available):
            return "No exercise '\(id)'. Run `formcheck exercises` to list them; known ids: \(available.joined(separator: ", "))."
        case let .unreadableFile(path, reason):
            return "Cannot read \(path): \(reason). Check the path and that the file is readable."
        case let .invalidPoseFile(path, field, problem):
            return "\(path): \(field): \(problem). Landmark files are what `formcheck pose --json` writes: an array of {image, width, height, pose}."
        case let .invalidValue(name, problem):
            return "Invalid \(name): \(problem)."
        }
    }
}
