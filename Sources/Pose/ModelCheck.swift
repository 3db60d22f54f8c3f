// Loading a model and checking that its tensors are the ones the pipeline reads.

import Inference

/// Loads models with `PoseError`s and checks their input and output tensors.
enum ModelCheck {
    /// Loads the model at `path` for `threads` threads.
    static func load(_ path: String, threads: Int) throws(PoseError) -> Interpreter {
        do {
            return try Interpreter(modelPath: path, threads: threads)
        } catch {
            throw .modelUnusable(path: path, reason: "\(error)")
        }
    }

    /// Checks that the model has one input of `shape`.
    static func expectInput(_ interpreter: Interpreter, path: String, shape: [Int]) throws(PoseError) {
        guard interpreter.inputs.count == 1, interpreter.inputs[0].shape == shape else {
            let found = interpreter.inputs.map { "\($0.name) \($0.shape)" }.joined(separator: ", ")
            throw .modelUnusable(path: path, reason: "expected one input of shape \(shape), found \(found)")
        }
    }

    /// The index of the output called `name`, which must have `shape`.
    static func output(_ interpreter: Interpreter, path: String, named name: String, shape: [Int]) throws(PoseError) -> Int {
        guard let index = interpreter.outputs.firstIndex(where: { $0.name == name }) else {
            let names = interpreter.outputs.map(\.name).joined(separator: ", ")
            throw .modelUnusable(path: path, reason: "it has no output '\(name)' (outputs: \(names))")
        }
        guard interpreter.outputs[index].shape == shape else {
            throw .modelUnusable(path: path, reason: "output '\(name)' has shape \(interpreter.outputs[index].shape), expected \(shape)")
        }
        return index
    }
}
