/// A bounds-checked, read-only view of a flatbuffer.
///
/// Flatbuffers are a tree of tables reached through 32-bit offsets. Every read here checks that
/// it stays inside the file and throws `InferenceError.malformedModel` naming the file and the
/// field being read otherwise, so a truncated, corrupted or foreign file can never crash the
/// reader. The reader is schema-driven and only follows offsets the schema declares, so its work
/// is bounded by the file's size: it cannot loop.
///
/// All values are little-endian, as the flatbuffer format specifies.
struct FlatBuffer {
    /// The whole file.
    let bytes: [UInt8]
    /// The file's path, for error messages.
    let path: String

    /// An error for a read that does not fit the file.
    func malformed(_ reason: String) -> InferenceError {
        .malformedModel(path: path, reason: reason)
    }

    /// Reads a little-endian integer of type `T` at `offset`, checking bounds.
    func load<T: FixedWidthInteger>(_: T.Type, at offset: Int, _ what: @autoclosure () -> String) throws -> T {
        let size = MemoryLayout<T>.size
        guard offset >= 0, offset <= bytes.count - size else {
            throw malformed("\(what()) at byte \(offset) lies outside the file (\(bytes.count) bytes)")
        }
        return bytes.withUnsafeBytes { raw in
            T(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: T.self))
        }
    }

    /// The root table: the file starts with a 32-bit offset to it.
    func rootTable() throws -> FlatTable {
        let rootOffset = Int(try load(UInt32.self, at: 0, "root table offset"))
        return try FlatTable(buffer: self, position: rootOffset, what: "root table")
    }

    /// The 4-byte file identifier stored after the root offset, if the file is long enough.
    var fileIdentifier: String? {
        guard bytes.count >= 8 else { return nil }
        return String(decoding: bytes[4..<8], as: UTF8.self)
    }
}

/// A table inside a flatbuffer: a position and its vtable of field offsets.
struct FlatTable {
    let buffer: FlatBuffer
    /// Byte position of the table in the file.
    let position: Int
    private let vtable: Int
    private let vtableLength: Int
    private let tableLength: Int
    /// What this table is, for error messages ("Tensor #12").
    let what: String

    init(buffer: FlatBuffer, position: Int, what: String) throws {
        self.buffer = buffer
        self.position = position
        self.what = what
        let signedOffset = Int(try buffer.load(Int32.self, at: position, "\(what) vtable offset"))
        vtable = position - signedOffset
        vtableLength = Int(try buffer.load(UInt16.self, at: vtable, "\(what) vtable size"))
        tableLength = Int(try buffer.load(UInt16.self, at: vtable + 2, "\(what) table size"))
        guard vtableLength >= 4, vtableLength % 2 == 0, vtable + vtableLength <= buffer.bytes.count else {
            throw buffer.malformed("\(what) has a broken vtable (size \(vtableLength) at byte \(vtable))")
        }
        guard tableLength >= 4, position + tableLength <= buffer.bytes.count else {
            throw buffer.malformed("\(what) (\(tableLength) bytes at byte \(position)) runs past the end of the file")
        }
    }

    /// The absolute position of field `index`, or nil when the field is absent (default value).
    private func fieldPosition(_ index: Int, _ name: String) throws -> Int? {
        let slot = 4 + 2 * index
        guard slot + 2 <= vtableLength else { return nil }
        let offset = Int(try buffer.load(UInt16.self, at: vtable + slot, "\(what).\(name) field offset"))
        guard offset != 0 else { return nil }
        guard offset < tableLength else {
            throw buffer.malformed("\(what).\(name) field offset \(offset) lies outside its table (\(tableLength) bytes)")
        }
        return position + offset
    }

    /// A scalar field, or `defaultValue` when absent.
    func scalar<T: FixedWidthInteger>(_ index: Int, _ name: String, default defaultValue: T) throws -> T {
        guard let at = try fieldPosition(index, name) else { return defaultValue }
        return try buffer.load(T.self, at: at, "\(what).\(name)")
    }

    /// A boolean field, or `defaultValue` when absent.
    func bool(_ index: Int, _ name: String, default defaultValue: Bool = false) throws -> Bool {
        try scalar(index, name, default: UInt8(defaultValue ? 1 : 0)) != 0
    }

    /// Follows the 32-bit offset stored in field `index` and returns the target position.
    private func indirect(_ index: Int, _ name: String) throws -> Int? {
        guard let at = try fieldPosition(index, name) else { return nil }
        let offset = Int(try buffer.load(UInt32.self, at: at, "\(what).\(name) offset"))
        return at + offset
    }

    /// A sub-table field, or nil when absent.
    func table(_ index: Int, _ name: String) throws -> FlatTable? {
        guard let target = try indirect(index, name) else { return nil }
        return try FlatTable(buffer: buffer, position: target, what: "\(what).\(name)")
    }

    /// A vector field of elements `elementSize` bytes wide, or nil when absent.
    func vector(_ index: Int, _ name: String, elementSize: Int) throws -> FlatVector? {
        guard let target = try indirect(index, name) else { return nil }
        return try FlatVector(buffer: buffer, position: target, elementSize: elementSize, what: "\(what).\(name)")
    }

    /// A string field, or nil when absent.
    func string(_ index: Int, _ name: String) throws -> String? {
        guard let vector = try vector(index, name, elementSize: 1) else { return nil }
        return String(decoding: buffer.bytes[vector.start..<(vector.start + vector.count)], as: UTF8.self)
    }

    /// A vector of 32-bit integers as `[Int]`, or `[]` when absent.
    func int32Array(_ index: Int, _ name: String) throws -> [Int] {
        guard let vector = try vector(index, name, elementSize: 4) else { return [] }
        return try (0..<vector.count).map { Int(try vector.element(Int32.self, $0)) }
    }
}

/// A vector inside a flatbuffer: a length-prefixed run of fixed-size elements.
struct FlatVector {
    let buffer: FlatBuffer
    /// Byte position of the first element.
    let start: Int
    /// Number of elements.
    let count: Int
    let elementSize: Int
    let what: String

    init(buffer: FlatBuffer, position: Int, elementSize: Int, what: String) throws {
        self.buffer = buffer
        self.elementSize = elementSize
        self.what = what
        count = Int(try buffer.load(UInt32.self, at: position, "\(what) length"))
        start = position + 4
        guard count <= (buffer.bytes.count - start) / max(elementSize, 1) else {
            throw buffer.malformed("\(what) claims \(count) elements of \(elementSize) bytes at byte \(position), more than the file holds")
        }
    }

    /// Element `index` read as a little-endian integer.
    func element<T: FixedWidthInteger>(_: T.Type, _ index: Int) throws -> T {
        precondition(index >= 0 && index < count, "index \(index) out of \(count)")
        return try buffer.load(T.self, at: start + index * elementSize, "\(what)[\(index)]")
    }

    /// Element `index` of a vector of tables.
    func table(_ index: Int) throws -> FlatTable {
        precondition(index >= 0 && index < count, "index \(index) out of \(count)")
        let at = start + index * 4
        let offset = Int(try buffer.load(UInt32.self, at: at, "\(what)[\(index)] offset"))
        return try FlatTable(buffer: buffer, position: at + offset, what: "\(what)[\(index)]")
    }

    /// The byte range the elements occupy in the file.
    var byteRange: Range<Int> { start..<(start + count * elementSize) }
}
