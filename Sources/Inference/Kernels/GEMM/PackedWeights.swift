/// The weights and bias of a convolution, packed for the GEMM microkernels.
///
/// The output columns (channels) are covered by blocks 32, 16 or 8 wide, one microkernel call
/// each. A block stores its `width` bias values, then `k` rows of `width` weights, contiguous, so
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
        while n - column >= 32 { add(column, 32, stored: 32); column += 32 }
        if n - column >= 16 { add(column, 16, stored: 16); column += 16 }
        if n - column >= 8 { add(column, 8, stored: 8); column += 8 }
        if column < n {
            if n >= 8 { add(n - 8, 8, stored: 8) } else { add(0, 8, stored: n) }
        }
        self.blocks = blocks
        storage = AlignedBuffer(count: offset)
        let p = storage.pointer
        for block in blocks {
            for j in 0..<block.storedColumns {
                let channel = block.column + j
                p[block.offset + j] = bias[channel]
                for kk in 0..<depth {
                    p[block.offset + block.width * (kk + 1) + j] = weights[channel * depth + kk]
                }
            }
        }
    }

    /// Runs the right microkernel for `block` on up to 12 rows.
    @inline(__always)
    func multiply(block: Block, rows: Int, a: UnsafePointer<Float>, aStride: Int,
                  c: UnsafeMutablePointer<Float>, cStride: Int,
                  residual: UnsafePointer<Float>?, residualStride: Int, epilogue: Epilogue) {
        let b = UnsafePointer(storage.pointer + block.offset)
        let cBlock = c + block.column
        let rBlock = residual.map { $0 + block.column }
        switch block.width {
        case 32:
            gemmF32_12x32(rows: rows, depth: depth, a: a, aStride: aStride, b: b, c: cBlock, cStride: cStride,
                          columns: 32, residual: rBlock, residualStride: residualStride, epilogue: epilogue)
        case 16:
            gemmF32_12x16(rows: rows, depth: depth, a: a, aStride: aStride, b: b, c: cBlock, cStride: cStride,
                          columns: 16, residual: rBlock, residualStride: residualStride, epilogue: epilogue)
        default:
            gemmF32_12x8(rows: rows, depth: depth, a: a, aStride: aStride, b: b, c: cBlock, cStride: cStride,
                         columns: block.storedColumns, residual: rBlock, residualStride: residualStride, epilogue: epilogue)
        }
    }

    /// Rows per microkernel call.
    static let tileRows = 12
}
