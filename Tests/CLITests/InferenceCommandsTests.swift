import Foundation
import Testing
import TestSupport

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

/// Running a model allocates nothing: `bench-model` makes as many heap allocations for 1 timed
/// run as for 41 (give or take the few by which launches differ), with 1 and with 2 threads.
/// Allocations are counted by a tiny malloc interposer compiled on the spot and loaded with
/// LD_PRELOAD (valgrind cannot run AVX-512 code).
@Suite struct InferenceAllocationTests {
    static let compiler: String? = ["/usr/bin/cc", "/usr/bin/gcc", "/usr/bin/clang"].first { FileManager.default.isExecutableFile(atPath: $0) }

    static let interposerSource = """
        #define _GNU_SOURCE
        #include <errno.h>
        #include <fcntl.h>
        #include <stdatomic.h>
        #include <stddef.h>
        #include <stdio.h>
        #include <stdlib.h>
        #include <unistd.h>
        extern void *__libc_malloc(size_t);
        extern void *__libc_calloc(size_t, size_t);
        extern void *__libc_realloc(void *, size_t);
        extern void *__libc_memalign(size_t, size_t);
        static atomic_long count;
        void *malloc(size_t n) { atomic_fetch_add(&count, 1); return __libc_malloc(n); }
        void *calloc(size_t n, size_t m) { atomic_fetch_add(&count, 1); return __libc_calloc(n, m); }
        void *realloc(void *p, size_t n) { atomic_fetch_add(&count, 1); return __libc_realloc(p, n); }
        void *memalign(size_t a, size_t n) { atomic_fetch_add(&count, 1); return __libc_memalign(a, n); }
        void *aligned_alloc(size_t a, size_t n) { atomic_fetch_add(&count, 1); return __libc_memalign(a, n); }
        int posix_memalign(void **p, size_t a, size_t n) {
            atomic_fetch_add(&count, 1);
            *p = __libc_memalign(a, n);
            return *p ? 0 : ENOMEM;
        }
        __attribute__((destructor)) static void report(void) {
            const char *path = getenv("FORMCHECK_ALLOCATION_COUNT");
            if (!path) return;
            int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
            if (fd < 0) return;
            char text[32];
            int length = snprintf(text, sizeof text, "%ld\\n", (long) atomic_load(&count));
            if (length > 0) (void) !write(fd, text, (size_t) length);
            close(fd);
        }
        """

    /// Heap allocations of a whole `bench-model` run.
    static func allocations(iterations: Int, threads: Int, interposer: URL, directory: URL) throws -> Int? {
        let countFile = directory.appendingPathComponent("count-\(iterations)-\(threads)")
        let result = try FormcheckProcess.run(
            ["bench-model", InferenceCommandsTests.detector, "--iterations", "\(iterations)", "--threads", "\(threads)"],
            environment: ["LD_PRELOAD": interposer.path, "FORMCHECK_ALLOCATION_COUNT": countFile.path])
        guard result.status == 0 else { return nil }
        let text = String(decoding: try Data(contentsOf: countFile), as: UTF8.self)
        return Int(text.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    @Test(.enabled(if: compiler != nil, "no C compiler to build the malloc counter"), arguments: [1, 2])
    func invokeAllocatesNothing(threads: Int) throws {
        let directory = try FormcheckProcess.scratch()
        defer { try? FileManager.default.removeItem(at: directory) }
        let source = directory.appendingPathComponent("count.c"), library = directory.appendingPathComponent("libcount.so")
        try Data(Self.interposerSource.utf8).write(to: source)
        let compile = Process()
        compile.executableURL = URL(fileURLWithPath: try #require(Self.compiler))
        compile.arguments = ["-O2", "-shared", "-fPIC", "-o", library.path, source.path]
        try compile.run()
        compile.waitUntilExit()
        try #require(compile.terminationStatus == 0)
        let once = try #require(try Self.allocations(iterations: 1, threads: threads, interposer: library, directory: directory))
        let many = try #require(try Self.allocations(iterations: 41, threads: threads, interposer: library, directory: directory))
        #expect(once > 100, "the counter did not see the program's allocations")
        // An allocation in every run would add at least 40. Launches of the same command differ
        // by a few allocations whatever the run count (thread start-up in Dispatch; seen: ±3),
        // which is no allocation per run.
        #expect(abs(many - once) <= 8, "\(many - once) allocations in 40 more runs with \(threads) threads")
    }
}
