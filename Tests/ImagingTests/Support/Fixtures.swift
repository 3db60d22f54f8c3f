// Fixture files, expectation JSON, hashes and scratch files for the Imaging tests.

import Foundation
import Imaging
import TestSupport

/// The committed fixtures (see Fixtures/README.md) and helpers around them.
enum Fixtures {
    /// The folder holding the fixture files.
    static let directory: URL = {
        if let url = Bundle.module.url(forResource: "Fixtures", withExtension: nil) { return url }
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures")
    }()

    static func path(_ name: String) -> String {
        directory.appendingPathComponent(name).path
    }

    static func bytes(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: directory.appendingPathComponent(name)))
    }

    static func json<T: Decodable>(_ name: String, as type: T.Type) throws -> T {
        try JSONDecoder().decode(T.self, from: Data(contentsOf: directory.appendingPathComponent(name)))
    }

    /// `decode_expectations.json`: what cv2.imread reads from each codec fixture.
    struct DecodeExpectations: Decodable {
        struct File: Decodable {
            var width: Int
            var height: Int
            var rgb_fnv1a64: String
        }
        var files: [String: File]
    }

    /// `crop_expectations.json` and `shared_frames.json`: MediaPipe's crops of an image.
    struct CropExpectations: Decodable {
        struct Image: Decodable {
            var image: String
            var width: Int
            var height: Int
            var rgb_fnv1a64: String
            var cases: [Case]
        }
        struct Case: Decodable {
            var name: String
            var roi_normalized: [Float]?
            var size: Int
            var border: String
            var range: String
            var crop_fnv1a64: String
            var tensor_fnv1a64: String
            var expected_crop_png: String?
        }
        var images: [Image]
    }

    static let decodeExpectations: [String: DecodeExpectations.File] =
        (try? json("decode_expectations.json", as: DecodeExpectations.self).files) ?? [:]

    static let cropExpectations: [CropExpectations.Image] =
        (try? json("crop_expectations.json", as: CropExpectations.self).images) ?? []

    static let sharedFrames: [CropExpectations.Image] =
        (try? json("shared_frames.json", as: CropExpectations.self).images) ?? []
}

/// `../shared/frames` (photos not in the repository); tests that need it skip without it
/// (see ``SharedData/frames(containing:)``).
enum SharedFrames {
    static let directory: String? = SharedData.frames(containing: "MANIFEST.tsv")

    static var available: Bool { directory != nil }
}

/// 64-bit FNV-1a, the hash the fixture JSON uses.
func fnv1a64(_ bytes: [UInt8]) -> String {
    var hash: UInt64 = 0xCBF2_9CE4_8422_2325
    bytes.withUnsafeBufferPointer { buffer in
        for byte in buffer {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
        }
    }
    let digits = String(hash, radix: 16)
    return String(repeating: "0", count: 16 - digits.count) + digits
}

/// FNV-1a 64 of floats as little-endian float32 bytes.
func fnv1a64(floats: [Float]) -> String {
    var bytes = [UInt8](repeating: 0, count: floats.count * 4)
    floats.withUnsafeBufferPointer { values in
        bytes.withUnsafeMutableBufferPointer { out in
            for (i, value) in values.enumerated() {
                let bits = value.bitPattern
                out[i * 4] = UInt8(truncatingIfNeeded: bits)
                out[i * 4 + 1] = UInt8(truncatingIfNeeded: bits >> 8)
                out[i * 4 + 2] = UInt8(truncatingIfNeeded: bits >> 16)
                out[i * 4 + 3] = UInt8(truncatingIfNeeded: bits >> 24)
            }
        }
    }
    return fnv1a64(bytes)
}

/// How many positions hold different bytes (the arrays must have the same length).
func countMismatches(_ a: [UInt8], _ b: [UInt8]) -> Int {
    precondition(a.count == b.count)
    var count = 0
    a.withUnsafeBufferPointer { x in
        b.withUnsafeBufferPointer { y in
            for i in 0..<x.count where x[i] != y[i] { count += 1 }
        }
    }
    return count
}

/// CRC-32 (ISO-HDLC, as PNG uses).
func crc32(_ bytes: some Sequence<UInt8>) -> UInt32 {
    var crc: UInt32 = 0xFFFF_FFFF
    for byte in bytes {
        crc ^= UInt32(byte)
        for _ in 0..<8 {
            crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1
        }
    }
    return ~crc
}

/// A fresh scratch folder for one test, removed when the value goes away.
final class ScratchFolder {
    let path: String

    init() throws {
        path = NSTemporaryDirectory() + "imaging-tests-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    /// Writes `bytes` to a file called `name` and returns its path.
    func file(_ name: String, _ bytes: [UInt8]) throws -> String {
        let file = path + "/" + name
        try Data(bytes).write(to: URL(fileURLWithPath: file))
        return file
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }
}

extension BorderMode {
    init(fixture name: String) {
        self = name == "zero" ? .zero : .replicate
    }
}

extension TensorValueRange {
    init(fixture name: String) {
        self = name == "minusOneToOne" ? .minusOneToOne : .zeroToOne
    }
}

/// A test image with every byte value in each channel and hard edges.
func testPattern(width: Int, height: Int) -> RGBImage {
    RGBImage(width: width, height: height) { x, y in
        RGB(UInt8((x * 7 + y) & 255), UInt8((y * 13 + x * 3) & 255), UInt8((x ^ y) & 255))
    }
}
