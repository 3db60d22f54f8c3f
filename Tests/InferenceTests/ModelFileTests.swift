import Foundation
import Testing
@testable import Inference

/// Bad model files: every one gives an `InferenceError` naming the file, never a crash or hang.
@Suite struct ModelFileTests {
    static func write(_ bytes: [UInt8], named name: String) throws -> String {
        let directory = try TestSupport.temporaryDirectory()
        let path = directory.appendingPathComponent(name).path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    static func landmarkBytes() throws -> [UInt8] {
        [UInt8](try Data(contentsOf: URL(fileURLWithPath: TestSupport.landmarkPath)))
    }

    /// Loading `path` must throw an error whose message names the file.
    static func expectRejected(_ path: String, mentioning words: [String]) {
        do {
            _ = try Interpreter(modelPath: path)
            Issue.record("'\(path)' loaded")
        } catch let error as InferenceError {
            let message = error.description
            #expect(message.contains(path), "message does not name the file: \(message)")
            for word in words { #expect(message.contains(word), "message lacks '\(word)': \(message)") }
        } catch {
            Issue.record("unexpected error type: \(error)")
        }
    }

    @Test func missingFile() {
        Self.expectRejected("/nonexistent/formcheck/model.tflite", mentioning: ["no such file"])
    }

    @Test func directory() throws {
        let directory = try TestSupport.temporaryDirectory()
        Self.expectRejected(directory.path, mentioning: ["directory"])
    }

    @Test func emptyFile() throws {
        Self.expectRejected(try Self.write([], named: "empty.tflite"), mentioning: ["0 bytes"])
    }

    @Test func textFile() throws {
        let path = try Self.write(Array("this is not a model, just some text\n".utf8), named: "notes.tflite")
        Self.expectRejected(path, mentioning: ["not a TFLite", "TFL3"])
    }

    @Test func jpegNamedTFLite() throws {
        let path = try Self.write([0xFF, 0xD8, 0xFF, 0xE0, 0, 16] + Array("JFIF".utf8) + [UInt8](repeating: 0, count: 100), named: "photo.tflite")
        Self.expectRejected(path, mentioning: ["not a TFLite"])
    }

    @Test(arguments: [9, 100, 4096, 1_000_000, 6_000_000])
    func truncated(length: Int) throws {
        let bytes = try Self.landmarkBytes()
        let path = try Self.write(Array(bytes.prefix(length)), named: "truncated.tflite")
        Self.expectRejected(path, mentioning: ["not a valid TFLite model"])
    }

    @Test func corruptedRootOffset() throws {
        var bytes = try Self.landmarkBytes()
        bytes[0] = 0xFF; bytes[1] = 0xFF; bytes[2] = 0xFF; bytes[3] = 0x7F
        Self.expectRejected(try Self.write(bytes, named: "corrupt.tflite"), mentioning: ["outside the file"])
    }

    /// Random damage anywhere in the file structure: a clear error or a model that still loads
    /// (damage inside weights is not detectable), never a crash.
    @Test func randomCorruptionNeverCrashes() throws {
        let original = [UInt8](try Data(contentsOf: URL(fileURLWithPath: TestSupport.detectorPath)))
        var random = SeededRandom(seed: 2026)
        let directory = try TestSupport.temporaryDirectory()
        // The flatbuffer's tables live at the start and the end; weights in between.
        let structural = Array(0..<4096) + Array((original.count - 65536)..<original.count)
        var rejected = 0
        for trial in 0..<40 {
            var bytes = original
            for _ in 0..<8 {
                let index = structural[Int.random(in: 0..<structural.count, using: &random)]
                bytes[index] = UInt8.random(in: 0...255, using: &random)
            }
            let path = directory.appendingPathComponent("damaged-\(trial).tflite").path
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            do {
                _ = try Interpreter(modelPath: path)
            } catch let error as InferenceError {
                rejected += 1
                #expect(error.description.contains(path))
            }
        }
        #expect(rejected > 0)
    }

    /// A model with an operator the engine lacks names the operator: the landmark model with
    /// its LOGISTIC re-labelled as MUL.
    @Test func unsupportedOperatorIsNamed() throws {
        var bytes = try Self.landmarkBytes()
        let buffer = FlatBuffer(bytes: bytes, path: "landmarks")
        let codes = try #require(try buffer.rootTable().vector(1, "operator_codes", elementSize: 4))
        var patched = false
        for i in 0..<codes.count {
            let entry = try codes.table(i)
            let code = max(Int(try entry.scalar(0, "deprecated_builtin_code", default: Int8(0))),
                           Int(try entry.scalar(3, "builtin_code", default: Int32(0))))
            guard code == BuiltinOperator.logistic else { continue }
            // Overwrite both code fields in place (they are stored, not defaulted, for LOGISTIC).
            for (slot, size) in [(0, 1), (3, 4)] {
                let position = try #require(Self.fieldPosition(entry, slot: slot, in: bytes))
                bytes[position] = UInt8(18)  // MUL
                for extra in 1..<size { bytes[position + extra] = 0 }
            }
            patched = true
        }
        #expect(patched)
        let path = try Self.write(bytes, named: "with-mul.tflite")
        do {
            _ = try Interpreter(modelPath: path)
            Issue.record("a model with MUL loaded")
        } catch let InferenceError.unsupportedOperator(errorPath, name, _) {
            #expect(errorPath == path)
            #expect(name == "MUL")
        }
    }

    /// Byte position of a table's field, read from its vtable.
    static func fieldPosition(_ table: FlatTable, slot: Int, in bytes: [UInt8]) -> Int? {
        func u16(_ at: Int) -> Int { Int(bytes[at]) | Int(bytes[at + 1]) << 8 }
        func i32(_ at: Int) -> Int { Int(Int32(bitPattern: UInt32(bytes[at]) | UInt32(bytes[at + 1]) << 8 | UInt32(bytes[at + 2]) << 16 | UInt32(bytes[at + 3]) << 24)) }
        let vtable = table.position - i32(table.position)
        guard 4 + 2 * slot + 2 <= u16(vtable) else { return nil }
        let offset = u16(vtable + 4 + 2 * slot)
        return offset == 0 ? nil : table.position + offset
    }
}
