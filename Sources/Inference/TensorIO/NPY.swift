import Foundation

/// NumPy `.npy` files holding float32 tensors: the exchange format of `formcheck infer` and of
/// the reference tensors `mp_reference.py` writes.
public enum NPY {
    /// A float32 tensor: shape (outermost first) and values in C order.
    public struct Tensor: Sendable, Equatable {
        public var shape: [Int]
        public var values: [Float]

        public init(shape: [Int], values: [Float]) {
            self.shape = shape
            self.values = values
        }
    }

    /// Reads a float32 (`<f4`), C-ordered `.npy` file (format versions 1–3).
    public static func read(path: String) throws -> Tensor {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw InferenceError.tensorFile(path: path, reason: "cannot read it (missing or unreadable)")
        }
        return try decode([UInt8](data), path: path)
    }

    /// Decodes the bytes of a `.npy` file; `path` only names it in errors.
    public static func decode(_ bytes: [UInt8], path: String) throws -> Tensor {
        func fail(_ reason: String) -> InferenceError { .tensorFile(path: path, reason: reason) }
        guard bytes.count >= 10, bytes[0] == 0x93, Array(bytes[1...5]) == Array("NUMPY".utf8) else {
            throw fail("not a .npy file (no \\x93NUMPY magic)")
        }
        let major = bytes[6]
        let headerLength: Int
        let headerStart: Int
        switch major {
        case 1:
            headerLength = Int(bytes[8]) | Int(bytes[9]) << 8
            headerStart = 10
        case 2, 3:
            guard bytes.count >= 12 else { throw fail("truncated header") }
            headerLength = Int(bytes[8]) | Int(bytes[9]) << 8 | Int(bytes[10]) << 16 | Int(bytes[11]) << 24
            headerStart = 12
        default:
            throw fail("unknown .npy format version \(major)")
        }
        guard headerStart + headerLength <= bytes.count else { throw fail("truncated header") }
        let header = String(decoding: bytes[headerStart..<(headerStart + headerLength)], as: UTF8.self)
        guard header.contains("'descr': '<f4'") || header.contains("\"descr\": \"<f4\"") else {
            throw fail("holds \(field("descr", in: header) ?? "an unknown type"), formcheck reads float32 ('<f4') tensors")
        }
        guard header.contains("'fortran_order': False") else { throw fail("is in Fortran order; save it in C order") }
        guard let shapeText = field("shape", in: header) else { throw fail("has no shape in its header") }
        let shape = shapeText.trimmingCharacters(in: CharacterSet(charactersIn: "() "))
            .split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            .compactMap { Int($0) }
        guard shape.allSatisfy({ $0 >= 0 }) else { throw fail("has a negative dimension") }
        let count = shape.reduce(1, *)
        let dataStart = headerStart + headerLength
        guard bytes.count - dataStart == count * 4 else {
            throw fail("shape \(shape) needs \(count * 4) bytes of data, the file has \(bytes.count - dataStart)")
        }
        let values = bytes.withUnsafeBytes { raw in
            (0..<count).map { Float(bitPattern: UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: dataStart + 4 * $0, as: UInt32.self))) }
        }
        return Tensor(shape: shape, values: values)
    }

    /// The bytes of a version-1 `.npy` file holding `tensor` as float32.
    public static func encode(_ tensor: Tensor) -> [UInt8] {
        let shapeText = tensor.shape.count == 1 ? "(\(tensor.shape[0]),)" : "(" + tensor.shape.map(String.init).joined(separator: ", ") + ")"
        var header = "{'descr': '<f4', 'fortran_order': False, 'shape': \(shapeText), }"
        // Pad with spaces so the data starts on a 64-byte boundary, ending in a newline.
        let unpadded = 10 + header.utf8.count + 1
        header += String(repeating: " ", count: (64 - unpadded % 64) % 64) + "\n"
        var bytes: [UInt8] = [0x93] + Array("NUMPY".utf8) + [1, 0]
        let length = header.utf8.count
        bytes += [UInt8(length & 0xFF), UInt8(length >> 8)]
        bytes += Array(header.utf8)
        bytes.reserveCapacity(bytes.count + tensor.values.count * 4)
        for value in tensor.values {
            let bits = value.bitPattern.littleEndian
            bytes += [UInt8(bits & 0xFF), UInt8((bits >> 8) & 0xFF), UInt8((bits >> 16) & 0xFF), UInt8(bits >> 24)]
        }
        return bytes
    }

    /// Writes `tensor` to `path` as a float32 `.npy` file.
    public static func write(_ tensor: Tensor, to path: String) throws {
        guard FileManager.default.createFile(atPath: path, contents: Data(encode(tensor))) else {
            throw InferenceError.tensorFile(path: path, reason: "cannot write it (does the folder exist, is it writable?)")
        }
    }

    /// The text of `'key': value` in a .npy header dictionary.
    private static func field(_ key: String, in header: String) -> String? {
        guard let keyRange = header.range(of: "'\(key)':") else { return nil }
        let rest = header[keyRange.upperBound...].trimmingCharacters(in: .whitespaces)
        if rest.hasPrefix("(") {
            guard let close = rest.firstIndex(of: ")") else { return nil }
            return String(rest[...close])
        }
        return rest.split(separator: ",").first.map { $0.trimmingCharacters(in: CharacterSet(charactersIn: " '\"")) }
    }
}
