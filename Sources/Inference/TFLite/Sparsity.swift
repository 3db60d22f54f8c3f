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
        // Each traversed level moves the flat dense index by `levelStride` per step and has
        // `levelExtent` possible indices: a blocked dimension's outer level steps over whole
        // blocks, its block level within one.
        var levelStride = [Int](repeating: 0, count: n + k)
        var levelExtent = [Int](repeating: 0, count: n + k)
        for (level, dim) in traversalOrder.enumerated() {
            if dim < n {
                if let block = blockMap.firstIndex(of: dim) {
                    guard shape[dim] % blockSize[block] == 0 else {
                        throw fail("dimension \(dim) of size \(shape[dim]) is not a whole number of blocks of \(blockSize[block])")
                    }
                    levelStride[level] = strides[dim] * blockSize[block]
                    levelExtent[level] = shape[dim] / blockSize[block]
                } else {
                    levelStride[level] = strides[dim]
                    levelExtent[level] = shape[dim]
                }
            } else {
                levelStride[level] = strides[blockMap[dim - n]]
                levelExtent[level] = blockSize[dim - n]
            }
        }
        var walker = Walker(dimensions: dimensions, levelStride: levelStride, levelExtent: levelExtent,
                            values: values, dense: [T](repeating: zero, count: shape.reduce(1, *)))
        if let problem = walker.visit(level: 0, previous: 0, flat: 0) { throw fail(problem) }
        guard walker.consumed == values.count else {
            throw fail("sparse metadata addresses \(walker.consumed) values, but \(values.count) are stored")
        }
        return walker.dense
    }

    /// The depth-first walk over the traversed dimensions; returns the first problem found.
    private struct Walker<T> {
        let dimensions: [Dimension]
        let levelStride: [Int]
        let levelExtent: [Int]
        let values: [T]
        var dense: [T]
        var consumed = 0

        mutating func visit(level: Int, previous: Int, flat: Int) -> String? {
            if level == dimensions.count {
                guard consumed < values.count else { return "sparse metadata addresses more than the \(values.count) stored values" }
                dense[flat] = values[consumed]
                consumed += 1
                return nil
            }
            let extent = levelExtent[level], step = levelStride[level]
            switch dimensions[level] {
            case let .dense(size):
                guard size == extent else { return "dense dimension of size \(size) where the tensor has \(extent)" }
                for i in 0..<size {
                    if let problem = visit(level: level + 1, previous: previous * size + i, flat: flat + i * step) { return problem }
                }
            case let .compressed(segments, positions):
                guard previous + 1 < segments.count else {
                    return "compressed dimension has \(segments.count) segments, needs more than \(previous + 1)"
                }
                let lower = segments[previous], upper = segments[previous + 1]
                guard lower >= 0, lower <= upper, upper <= positions.count else {
                    return "compressed dimension segment \(lower)..<\(upper) is out of order or out of range"
                }
                for i in lower..<upper {
                    let index = positions[i]
                    guard index >= 0 && index < extent else { return "sparse index \(index) lies outside 0..<\(extent)" }
                    if let problem = visit(level: level + 1, previous: i, flat: flat + index * step) { return problem }
                }
            }
            return nil
        }
    }
}
