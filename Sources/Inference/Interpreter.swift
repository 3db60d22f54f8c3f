import Foundation

/// Runs a TFLite model on formcheck's own kernels.
///
/// Loading reads and checks the model, folds constant weights, fuses operators and plans all
/// memory; `invoke()` then runs the model without allocating. An interpreter is used from one
/// thread at a time (it owns its worker threads for `threads > 1`).
///
/// ```swift
/// let interpreter = try Interpreter(modelPath: "Models/pose_landmark_full.tflite", threads: 2)
/// try interpreter.setInput(pixels)            // 1×256×256×3 floats
/// interpreter.invoke()
/// let landmarks = interpreter.output(0)       // "Identity", 195 floats
/// ```
public final class Interpreter {
    /// A model input or output: its name in the model and its shape.
    public struct TensorDescription: Sendable, Equatable {
        /// The tensor's name in the model ("input_1", "Identity", …).
        public let name: String
        /// Dimensions, outermost first (NHWC for images).
        public let shape: [Int]
        /// Number of floats.
        public var count: Int { shape.reduce(1, *) }
    }

    /// One step's share of a profiled run.
    public struct ProfileEntry: Sendable {
        /// Operator name and shapes (fused operators marked "+PAD", "+ADD").
        public let label: String
        /// The model operator it came from.
        public let operatorIndex: Int
        /// Median wall time over the profiled runs, in milliseconds.
        public let milliseconds: Double
        /// Multiply-adds (0 for data movement).
        public let multiplyAdds: Int
    }

    /// The model this interpreter runs.
    public let model: TFLiteModel
    /// Threads used per operator (the caller's thread included).
    public let threads: Int
    /// The model's inputs, in order.
    public let inputs: [TensorDescription]
    /// The model's outputs, in order (names as in the model: `Identity`, `Identity_1`, …).
    public let outputs: [TensorDescription]

    private let keepsIntermediates: Bool
    private let plan: ExecutionPlan
    private let pool: ThreadPool
    private let inputPointers: [UnsafeMutablePointer<Float>]
    private let outputPointers: [UnsafeMutablePointer<Float>]

    /// Loads the model at `modelPath` and plans it for `threads` threads.
    public convenience init(modelPath: String, threads: Int = 1) throws {
        try self.init(model: TFLiteModel(contentsOf: modelPath), threads: threads)
    }

    /// Plans `model` for `threads` threads (at least 1).
    ///
    /// With `keepIntermediates`, no tensor shares memory with another, so `intermediate(_:)` can
    /// read every tensor after a run (for debugging a model; uses more memory).
    public init(model: TFLiteModel, threads: Int = 1, keepIntermediates: Bool = false) throws {
        self.model = model
        self.threads = max(1, threads)
        self.keepsIntermediates = keepIntermediates
        plan = try ExecutionPlan(model: model, threads: self.threads, keepIntermediates: keepIntermediates)
        pool = ThreadPool(threads: self.threads)
        func describe(_ index: Int) -> TensorDescription {
            TensorDescription(name: model.tensors[index].name, shape: model.tensors[index].shape)
        }
        inputs = model.inputs.map(describe)
        outputs = model.outputs.map(describe)
        let pointers = plan.tensorPointers
        func pointer(_ index: Int) throws -> UnsafeMutablePointer<Float> {
            guard let p = pointers[index] else {
                throw InferenceError.malformedModel(path: model.path, reason: "tensor '\(model.tensors[index].name)' is never used")
            }
            return p
        }
        inputPointers = try model.inputs.map(pointer)
        outputPointers = try model.outputs.map(pointer)
    }

    /// Gives `body` the memory of input `index` to fill (`inputs[index].count` floats, NHWC).
    public func withInput<R>(_ index: Int = 0, _ body: (UnsafeMutableBufferPointer<Float>) throws -> R) rethrows -> R {
        try body(UnsafeMutableBufferPointer(start: inputPointers[index], count: inputs[index].count))
    }

    /// Copies `values` into input `index`; they must be exactly `inputs[index].count` floats.
    public func setInput(_ values: [Float], at index: Int = 0) throws {
        guard index >= 0 && index < inputs.count else {
            throw InferenceError.invalidInput(reason: "the model has \(inputs.count) inputs, not \(index + 1)")
        }
        guard values.count == inputs[index].count else {
            throw InferenceError.invalidInput(reason: "input '\(inputs[index].name)' needs \(inputs[index].count) floats (shape \(inputs[index].shape)), got \(values.count)")
        }
        withInput(index) { buffer in _ = buffer.update(from: values) }
    }

    /// Runs the model on the current inputs. Allocates nothing.
    public func invoke() {
        for step in plan.steps { step.run(pool) }
    }

    /// Gives `body` the memory of output `index`, valid until the next `invoke()`.
    public func withOutput<R>(_ index: Int, _ body: (UnsafeBufferPointer<Float>) throws -> R) rethrows -> R {
        try body(UnsafeBufferPointer(start: outputPointers[index], count: outputs[index].count))
    }

    /// A copy of output `index`.
    public func output(_ index: Int) -> [Float] {
        withOutput(index) { Array($0) }
    }

    /// Runs the model `runs` times, timing every step; returns each step's median time.
    public func profile(runs: Int = 10) -> [ProfileEntry] {
        let steps = plan.steps
        var times = [[Double]](repeating: [], count: steps.count)
        for _ in 0..<max(1, runs) {
            for (i, step) in steps.enumerated() {
                let start = DispatchTime.now().uptimeNanoseconds
                step.run(pool)
                times[i].append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
            }
        }
        return steps.enumerated().map { i, step in
            let sorted = times[i].sorted()
            return ProfileEntry(label: step.label, operatorIndex: step.operatorIndex,
                                milliseconds: sorted[sorted.count / 2], multiplyAdds: step.multiplyAdds)
        }
    }

    /// The value of model tensor `index` after the last run, for an interpreter made with
    /// `keepIntermediates`; nil for constants, tensors fused away, or without that option.
    public func intermediate(_ index: Int) -> [Float]? {
        guard keepsIntermediates, index >= 0, index < model.tensors.count, let p = plan.tensorPointers[index] else { return nil }
        return Array(UnsafeBufferPointer(start: p, count: model.tensors[index].elementCount))
    }

    /// Number of kernel steps after fusion (for reports).
    public var stepCount: Int { plan.steps.count }
    /// Bytes of the activation arena.
    public var arenaBytes: Int { plan.arena.count * MemoryLayout<Float>.stride }
}
