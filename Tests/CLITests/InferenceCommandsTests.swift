import Foundation
import Testing

/// `formcheck infer` and `formcheck bench-model`, run as the built binary.
@Suite struct InferenceCommandsTests {
    static let detector = FormcheckProcess.repositoryRoot.appendingPathComponent("Models/pose_detection.tflite").path

    @Test func inferWritesEveryOutput() throws {
        let out = try FormcheckProcess.scratch()
        defer { try? FileManager.default.removeItem(at: out) }
        let result = try FormcheckProcess.run(["infer", Self.detector, "--synthetic", "--out", out.path])
        #expect(result.status == 0, "\(result.error)")
        let lines = result.output.split(separator: "\n").map(String.init)
        #expect(lines.count == 2)
        #expect(lines.first?.hasPrefix("Identity  shape [1, 2254, 12]  range [") == true)
        #expect(lines.last?.hasPrefix("Identity_1  shape [1, 2254, 1]  range [") == true)
        for (name, bytes) in [("Identity", 2254 * 12 * 4), ("Identity_1", 2254 * 4)] {
            let data = try Data(contentsOf: out.appendingPathComponent("\(name).npy"))
            #expect(data.count > bytes && data.count <= bytes + 128, "\(name).npy size \(data.count)")
            #expect(data.prefix(6) == Data([0x93] + Array("NUMPY".utf8)))
        }
    }

    @Test func inferReadsANpyInputAndChecksItsShape() throws {
        let out = try FormcheckProcess.scratch()
        defer { try? FileManager.default.removeItem(at: out) }
        // Round trip: feed an output file back as input to a model that needs another shape.
        _ = try FormcheckProcess.run(["infer", Self.detector, "--synthetic", "--out", out.path])
        let result = try FormcheckProcess.run(["infer", Self.detector, "--input", out.appendingPathComponent("Identity.npy").path])
        #expect(result.status != 0)
        #expect(result.error.contains("[1, 2254, 12]") && result.error.contains("[1, 224, 224, 3]"), "\(result.error)")
    }

    @Test func inferNeedsExactlyOneInputSource() throws {
        let neither = try FormcheckProcess.run(["infer", Self.detector])
        #expect(neither.status != 0)
        #expect(neither.error.contains("--input") && neither.error.contains("--synthetic"))
    }

    @Test func inferExplainsABadModel() throws {
        let directory = try FormcheckProcess.scratch()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("notes.tflite").path
        try Data("hello".utf8).write(to: URL(fileURLWithPath: path))
        let result = try FormcheckProcess.run(["infer", path, "--synthetic"])
        #expect(result.status != 0)
        #expect(result.error.contains(path) && result.error.contains("not a valid TFLite model"), "\(result.error)")
    }

    @Test func benchModelPrintsOneJSONObject() throws {
        let result = try FormcheckProcess.run(["bench-model", Self.detector, "--iterations", "3", "--threads", "2", "--json"])
        #expect(result.status == 0, "\(result.error)")
        let object = try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any]
        let keys = Set(object?.keys.map { $0 } ?? [])
        #expect(keys == ["model", "threads", "iterations", "min_ms", "median_ms", "max_ms"])
        #expect(object?["threads"] as? Int == 2)
        #expect(object?["iterations"] as? Int == 3)
        let minimum = object?["min_ms"] as? Double ?? -1, median = object?["median_ms"] as? Double ?? -1
        let maximum = object?["max_ms"] as? Double ?? -1
        #expect(minimum > 0 && minimum <= median && median <= maximum)
    }

    @Test func benchModelPlainText() throws {
        let result = try FormcheckProcess.run(["bench-model", Self.detector, "--iterations", "2"])
        #expect(result.status == 0)
        #expect(result.output.contains("1 thread, 2 runs: min "))
    }
}

/// Running a model allocates nothing: `bench-model` under valgrind makes exactly as many heap
/// allocations for 1 timed run as for 6, with 1 and with 2 threads.
@Suite struct InferenceAllocationTests {
    static let valgrind: String? = ["/usr/bin/valgrind", "/usr/local/bin/valgrind"].first { FileManager.default.isExecutableFile(atPath: $0) }

    /// "total heap usage: N allocs" from valgrind's summary.
    static func allocations(iterations: Int, threads: Int) throws -> Int? {
        guard let valgrind else { return nil }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: valgrind)
        process.arguments = ["--tool=memcheck", FormcheckProcess.executable.path, "bench-model",
                             InferenceCommandsTests.detector, "--iterations", "\(iterations)", "--threads", "\(threads)"]
        let directory = try FormcheckProcess.scratch()
        defer { try? FileManager.default.removeItem(at: directory) }
        let log = directory.appendingPathComponent("valgrind.log")
        FileManager.default.createFile(atPath: log.path, contents: nil)
        let handle = try FileHandle(forWritingTo: log)
        process.standardError = handle
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try handle.close()
        let text = String(decoding: try Data(contentsOf: log), as: UTF8.self)
        guard let line = text.split(separator: "\n").first(where: { $0.contains("total heap usage:") }),
              let count = line.split(separator: ":").last?.split(separator: " ").first else { return nil }
        return Int(count.replacingOccurrences(of: ",", with: ""))
    }

    @Test(.enabled(if: valgrind != nil, "valgrind is not installed"), arguments: [1, 2])
    func invokeAllocatesNothing(threads: Int) throws {
        let once = try #require(try Self.allocations(iterations: 1, threads: threads))
        let six = try #require(try Self.allocations(iterations: 6, threads: threads))
        #expect(once == six, "\(six - once) allocations in 5 more runs with \(threads) threads")
    }
}
