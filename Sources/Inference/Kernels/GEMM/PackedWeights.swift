/// The weights and bias of a convolution, packed for the GEMM microkernels.
///
/// The output columns (channels) are covered by blocks 32, 16 or 8 wide, one microkernel call
/// each (24 trailing channels take a 32-wide block that stores 24); only 8 wide where vectors
/// are narrow (`FORMCHECK_NARROW_VECTORS`). A block stores its `width` bias values, then `k` rows of `width` weights, contiguous, so
/// the microkernel streams it linearly. When the channel count is not a multiple of 8, the last
/// 8-wide block overlaps the previous one (it recomputes a few channels, with identical results)
/// so that every store is a full vector; only a convolution with fewer than 8 channels stores a
/// partial row.
struct PackedGEMMWeights {
    /// One microkernel's share of the output channels.
    struct Block {
        /// First output channel.
        let column: Int
        /// Microkernel width: 32, 16 or 8.
        let width: Int
        /// Channels stored (`width`, except for a convolution with fewer than 8 channels).
        let storedColumns: Int
        /// Offset of the block's bias in `storage`; its weights follow.
        let offset: Int
    }

    /// Reduction depth (kernel height × width × input channels).
    let depth: Int
    /// Output channels.
    let outputChannels: Int
    let blocks: [Block]
    let storage: AlignedBuffer

    /// Packs `weights`, laid out `[outputChannels][depth]` (TFLite's OHWI flattened), and `bias`.
    init(weights: [Float], bias: [Float], depth: Int, outputChannels: Int) {
        precondition(weights.count == depth * outputChannels && bias.count == outputChannels)
        self.depth = depth
        self.outputChannels = outputChannels
        let n = outputChannels
        var blocks: [Block] = []
        var offset = 0
        func add(_ column: Int, _ width: Int, stored: Int) {
            blocks.append(Block(column: column, width: width, storedColumns: stored, offset: offset))
            offset += width * (depth + 1)
        }
        var column = 0
        #if FORMCHECK_NARROW_VECTORS
        // Sixteen registers of 256 bits or fewer: 12 rows × 8 columns of accumulators is what
        // fits (a 12 × 32 tile would keep 48 registers' worth and spill on every step). Measured
        // on the haswell build: 10-13% less CPU time per model, 7% fewer instructions.
        while n - column >= 8 { add(column, 8, stored: 8); column += 8 }
        #else
        while n - column >= 32 { add(column, 32, stored: 32); column += 32 }
        // 24 channels: one 32-wide block storing 24 (half the broadcasts of 16 + 8).
        if n - column == 24 { add(column, 32, stored: 24); column += 24 }
        if n - column >= 16 { add(column, 16, stored: 16); column += 16 }
        if n - column >= 8 { add(column, 8, stored: 8); column += 8 }
        #endif
        if column < n {
            if n >= 8 { add(n - 8, 8, stored: 8) } else { add(0, 8, stored: n) }
        }
        self.blocks = blocks
        storage = AlignedBuffer(count: offset)
        let p = storage.pointer
        weights.withUnsafeBufferPointer { weights in
            for block in blocks {
                for j in 0..<block.storedColumns {
                    let channel = block.column + j
                    p[block.offset + j] = bias[channel]
                    let source = weights.baseAddress.unsafelyUnwrapped + channel * depth
                    var destination = p + block.offset + block.width + j
                    for kk in 0..<depth {
                        destination.pointee = source[kk]
                        destination += block.width
                    }
                }
            }
        }
    }

    /// Runs the microkernel for `block` on `rows` rows (12, 8, 4, 2 or 1) of a row-major A.
    @inline(__always)
    func multiply(block: Block, rows: Int, a: UnsafePointer<Float>, aStride: Int,
                  c: UnsafeMutablePointer<Float>, cStride: Int,
                  residual: UnsafePointer<Float>?, residualStride: Int, epilogue: Epilogue) {
        gemmF32(rows: rows, width: block.width, depth: depth, a: a, aStride: aStride,
                b: UnsafePointer(storage.pointer + block.offset), c: c + block.column, cStride: cStride,
                columns: block.storedColumns, residual: residual.map { $0 + block.column },
                residualStride: residualStride, epilogue: epilogue)
    }

    /// Runs the indirect microkernel for `block` on 12 rows read in place: element kk of row i
    /// is `rows[i][offsets[kk]]`.
    @inline(__always)
    func multiplyIndirect(block: Block, rows: UnsafePointer<UnsafePointer<Float>>, offsets: UnsafePointer<Int>,
                          c: UnsafeMutablePointer<Float>, cStride: Int,
                          residual: UnsafePointer<Float>?, residualStride: Int, epilogue: Epilogue) {
        igemmF32(width: block.width, depth: depth, rows: rows, offsets: offsets,
                 b: UnsafePointer(storage.pointer + block.offset), c: c + block.column, cStride: cStride,
                 columns: block.storedColumns, residual: residual.map { $0 + block.column },
                 residualStride: residualStride, epilogue: epilogue)
    }

    /// Splits `count` rows into microkernel tiles: runs of 12, then 8, 4, 2 and 1 for the tail,
    /// so that no kernel computes rows it does not store.
    static func rowTiles(_ count: Int) -> [(first: Int, rows: Int)] {
        var tiles: [(first: Int, rows: Int)] = []
        var first = 0
        while count - first >= 12 {
            tiles.append((first, 12))
            first += 12
        }
        // The tail (< 12 rows) in binary: each size at most once.
        for size in [8, 4, 2, 1] where count - first >= size {
            tiles.append((first, size))
            first += size
        }
        return tiles
    }

    /// Rows per microkernel call.
    static let tileRows = 12
}
