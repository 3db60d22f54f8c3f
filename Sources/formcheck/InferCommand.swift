import ArgumentParser
import Foundation
import Inference

/// `formcheck infer`: runs a model once and writes its outputs as `.npy` files.
struct InferCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "infer",
        abstract: "Run a .tflite model on a tensor and write its outputs.",
        discussion: """
            The input is a float32 NHWC tensor from a .npy file, or the deterministic synthetic \
            pattern of ../shared/tools/mp_reference.py raw (range [-1, 1] for a 224×224 input, \
            [0, 1] otherwise). Each output is written to DIR/<output name>.npy (Identity, \
            Identity_1, …) and its shape and range are printed.
            """)

    @Argument(help: "The .tflite model (e.g. Models/pose_landmark_full.tflite).")
    var model: String

    @Option(help: "A float32 .npy tensor to feed the model.")
    var input: String?

    @Flag(help: "Feed the synthetic test pattern instead of a file.")
    var synthetic = false

    @Option(help: "Value range of the synthetic pattern: '0,1' or '-1,1' (default: chosen by input size).")
    var range: String?

    @Option(help: "Folder for the output .npy files (created if missing).")
    var out: String?

    @Option(help: "Threads per operator.")
    var threads = 1

    func validate() throws {
        if input != nil && synthetic { throw ValidationError("give --input or --synthetic, not both") }
        if input == nil && !synthetic { throw ValidationError("give either --input FILE.npy or --synthetic") }
        guard threads >= 1 else { throw ValidationError("--threads must be at least 1") }
        if let range, SyntheticInput.Range(rawValue: range) == nil {
            throw ValidationError("--range must be '0,1' or '-1,1'")
        }
    }

    func run() throws {
        let interpreter = try Interpreter(modelPath: model, threads: threads)
        guard let description = interpreter.inputs.first, interpreter.inputs.count == 1 else {
            throw ValidationError("the model has \(interpreter.inputs.count) inputs; infer feeds models with one input")
        }
        let values: [Float]
        if let input {
            let tensor = try NPY.read(path: input)
            guard tensor.values.count == description.count else {
                throw ValidationError("'\(input)' has shape \(tensor.shape); the model's input '\(description.name)' needs \(description.shape)")
            }
            values = tensor.values
        } else {
            let chosen = range.flatMap(SyntheticInput.Range.init(rawValue:)) ?? SyntheticInput.defaultRange(forInputShape: description.shape)
            values = SyntheticInput.pattern(shape: description.shape, range: chosen)
        }
        try interpreter.setInput(values)
        interpreter.invoke()
        if let out {
            try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        }
        for (index, output) in interpreter.outputs.enumerated() {
            let data = interpreter.output(index)
            let low = data.min() ?? 0, high = data.max() ?? 0
            let shape = "[" + output.shape.map(String.init).joined(separator: ", ") + "]"
            print("\(output.name)  shape \(shape)  range [\(low), \(high)]")
            if let out {
                try NPY.write(NPY.Tensor(shape: output.shape, values: data), to: (out as NSString).appendingPathComponent("\(output.name).npy"))
            }
        }
    }
}
