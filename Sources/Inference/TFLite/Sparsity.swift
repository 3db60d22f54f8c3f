/// How a constant tensor is stored sparse (`SparsityParameters` in the schema).
///
/// TFLite's format is a variant of TACO: the dense tensor's n dimensions, optionally split into
/// blocks (k more dimensions), are traversed in `traversalOrder`; each traversed dimension is
/// either dense (every index stored implicitly) or compressed like CSR (segments + indices).
struct Sparsity: Sendable {
    /// One traversed dimension.
    enum Dimension: Sendable {
        case dense(size: Int)
        case compressed(segments: [Int], indices: [Int])
    }

    /// Order of the n + k dimensions (the first n a permutation of the dense dimensions).
    let traversalOrder: [Int]
    /// For each of the k block dimensions, the dense dimension it subdivides.
    let blockMap: [Int]
    /// Metadata of each traversed dimension, in traversal order.
    let dimensions: [Dimension]

    init(traversalOrder: [Int], blockMap: [Int], dimensions: [Dimension]) {
        self.traversalOrder = traversalOrder
        self.blockMap = blockMap
        self.dimensions = dimensions
    }

    init(table: FlatTable, buffer: FlatBuffer) throws {
        traversalOrder = try table.int32Array(0, "traversal_order")
        blockMap = try table.int32Array(1, "block_map")
        var dimensions: [Dimension] = []
        if let list = try table.vector(2, "dim_metadata", elementSize: 4) {
            for i in 0..<list.count {
                let entry = try list.table(i)
                let format = try entry.scalar(0, "format", default: Int8(0))
                if format == 0 {
                    dimensions.append(.dense(size: Int(try entry.scalar(1, "dense_size", default: Int32(0)))))
                } else if format == 1 {
                    let segments = try Sparsity.indexVector(entry, typeSlot: 2, valueSlot: 3, "array_segments", buffer)
                    let indices = try Sparsity.indexVector(entry, typeSlot: 4, valueSlot: 5, "array_indices", buffer)
                    dimensions.append(.compressed(segments: segments, indices: indices))
                } else {
                    throw buffer.malformed("\(entry.what) has unknown dimension format \(format)")
                }
            }
        }
        self.dimensions = dimensions
    }

    /// Reads a `SparseIndexVector` union (int32, uint16 or uint8 values).
    private static func indexVector(_ table: FlatTable, typeSlot: Int, valueSlot: Int, _ name: String,
                                    _ buffer: FlatBuffer) throws -> [Int] {
        let type = try table.scalar(typeSlot, "\(name)_type", default: UInt8(0))
        guard let holder = try table.table(valueSlot, name) else {
            throw buffer.malformed("\(table.what) is compressed but has no \(name)")
        }
        switch type {
        case 1:
            return try holder.int32Array(0, "values")
        case 2:
            guard let values = try holder.vector(0, "values", elementSize: 2) else { return [] }
            return try (0..<values.count).map { Int(try values.element(UInt16.self, $0)) }
        case 3:
            guard let values = try holder.vector(0, "values", elementSize: 1) else { return [] }
            return try (0..<values.count).map { Int(try values.element(UInt8.self, $0)) }
        default:
            throw buffer.malformed("\(table.what).\(name) has unknown index vector type \(type)")
        }
    }

    /// Expands sparse `values` into a dense tensor of `shape`, filling absent entries with `zero`.
    ///
    /// Every index is checked; inconsistent metadata throws `reason` messages through `fail`.
    func densify<T>(_ values: [T], shape: [Int], zero: T, fail: (String) -> InferenceError) throws -> [T] {
        let n = shape.count
        let k = blockMap.count
        guard traversalOrder.count == n + k, dimensions.count == n + k else {
            throw fail("sparsity metadata describes \(dimensions.count) dimensions, the tensor has \(n) plus \(k) block dimensions")
        }
        guard Set(traversalOrder) == Set(0..<(n + k)) else {
            throw fail("sparsity traversal order \(traversalOrder) is not a permutation of 0..<\(n + k)")
        }
        for d in blockMap where !(d >= 0 && d < n) {
            throw fail("sparsity block map \(blockMap) refers to a dimension the tensor does not have")
        }
        // Block sizes: the dense size of each block dimension as traversed.
        var blockSize = [Int](repeating: 1, count: k)
        for (level, dim) in traversalOrder.enumerated() where dim >= n {
            guard case let .dense(size) = dimensions[level], size > 0 else {
                throw fail("sparsity block dimension \(dim) is not dense")
            }
            blockSize[dim - n] = size
        }
        var strides = [Int](repeating: 1, count: n)
        for d in stride(from: n - 2, through: 0, by: -1) { strides[d] = strides[d + 1] * shape[d + 1] }
        let total = shape.reduce(1, *)
        var dense = [T](repeating: zero, count: total)
        var indices = [Int](repeating: 0, count: n + k)
        var original = [Int](repeating: 0, count: n)
        var consumed = 0

        func visit(level: Int, previous: Int) throws {
            if level == n + k {
                for i in 0..<n { original[traversalOrder[i]] = indices[i] }
                for i in n..<(n + k) {
                    let block = traversalOrder[i] - n
                    let dim = blockMap[block]
                    original[dim] = original[dim] * blockSize[block] + indices[i]
                }
                var flat = 0
                for d in 0..<n {
                    guard original[d] >= 0, original[d] < shape[d] else {
                        throw fail("sparse index \(original) lies outside shape \(shape)")
                    }
                    flat += original[d] * strides[d]
                }
                guard consumed < values.count else {
                    throw fail("sparse metadata addresses more than the \(values.count) stored values")
                }
                dense[flat] = values[consumed]
                consumed += 1
                return
            }
            switch dimensions[level] {
            case let .dense(size):
                guard size >= 0, size <= total else { throw fail("dense dimension size \(size) is implausible") }
                for i in 0..<size {
                    indices[level] = i
                    try visit(level: level + 1, previous: previous * size + i)
                }
            case let .compressed(segments, positions):
                guard previous + 1 < segments.count else {
                    throw fail("compressed dimension has \(segments.count) segments, needs more than \(previous + 1)")
                }
                let lower = segments[previous], upper = segments[previous + 1]
                guard lower >= 0, lower <= upper, upper <= positions.count else {
                    throw fail("compressed dimension segment \(lower)..<\(upper) is out of order or out of range")
                }
                for i in lower..<upper {
                    indices[level] = positions[i]
                    try visit(level: level + 1, previous: i)
                }
            }
        }
        try visit(level: 0, previous: 0)
        guard consumed == values.count else {
            throw fail("sparse metadata addresses \(consumed) values, but \(values.count) are stored")
        }
        return dense
    }
}
