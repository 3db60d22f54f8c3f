import ArgumentParser
import Foundation
import Inference

/// `formcheck bench-model`: times repeated invocations of a model.
struct BenchModelCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-model",
        abstract: "Time repeated runs of a .tflite model on formcheck's engine.",
        discussion: "Runs a warm-up, then ITERATIONS timed invocations on the synthetic pattern; prints min/median/max ms.")

    @Argument(help: "The .tflite model.")
    var model: String

    @Option(help: "Threads per operator.")
    var threads = 1

    @Option(help: "Timed invocations.")
    var iterations = 50

    @Flag(help: "Print one JSON object {model, threads, iterations, min_ms, median_ms, max_ms}.")
    var json = false

    @Flag(help: "Also print the median time of every operator (after fusion).")
    var profile = false

    func validate() throws {
        guard threads >= 1 else { throw ValidationError("--threads must be at least 1") }
        guard iterations >= 1 else { throw ValidationError("--iterations must be at least 1") }
    }

    func run() throws {
        let interpreter = try Interpreter(modelPath: model, threads: threads)
        for (index, input) in interpreter.inputs.enumerated() {
            let range = SyntheticInput.defaultRange(forInputShape: input.shape)
            try interpreter.setInput(SyntheticInput.pattern(shape: input.shape, range: range), at: index)
        }
        let warmUp = max(3, iterations / 10)
        for _ in 0..<warmUp { interpreter.invoke() }
        var times: [Double] = []
        times.reserveCapacity(iterations)
        for _ in 0..<iterations {
            let start = DispatchTime.now().uptimeNanoseconds
            interpreter.invoke()
            times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
        }
        times.sort()
        let median = times.count % 2 == 1 ? times[times.count / 2] : (times[times.count / 2 - 1] + times[times.count / 2]) / 2
        let minimum = times[0], maximum = times[times.count - 1]
        if json {
            let escaped = model.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            print("{\"model\": \"\(escaped)\", \"threads\": \(threads), \"iterations\": \(iterations), "
                + "\"min_ms\": \(format(minimum)), \"median_ms\": \(format(median)), \"max_ms\": \(format(maximum))}")
        } else {
            print("\(model): \(threads) thread\(threads == 1 ? "" : "s"), \(iterations) runs: "
                + "min \(format(minimum)) ms, median \(format(median)) ms, max \(format(maximum)) ms")
        }
        if profile {
            let entries = interpreter.profile(runs: max(5, iterations / 5))
            let total = entries.reduce(0) { $0 + $1.milliseconds }
            print("per operator (median of profiled runs; \(interpreter.stepCount) steps, total \(format(total)) ms):")
            for entry in entries {
                let gflops = entry.multiplyAdds > 0 ? String(format: "%6.1f GFLOP/s", 2 * Double(entry.multiplyAdds) / entry.milliseconds / 1e6) : String(repeating: " ", count: 14)
                print(String(format: "  #%-4d %7.3f ms %5.1f%%  ", entry.operatorIndex, entry.milliseconds, 100 * entry.milliseconds / total) + gflops + "  " + entry.label)
            }
        }
    }

    private func format(_ value: Double) -> String { String(format: "%.3f", value) }
}
