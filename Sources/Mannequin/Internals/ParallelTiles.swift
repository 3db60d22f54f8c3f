import Dispatch

/// A buffer that parallel tasks write into at disjoint indices.
///
/// The renderer splits the picture into tiles; each task writes only its own tile's pixels, so
/// no two tasks touch the same element. That is the whole of the synchronisation, which is why
/// the type is `@unchecked Sendable`.
struct DisjointWrites<Element>: @unchecked Sendable {
    private let base: UnsafeMutablePointer<Element>
    /// The element count.
    let count: Int

    /// Wraps `buffer`, which must outlive every use of the wrapper.
    init(_ buffer: UnsafeMutableBufferPointer<Element>) {
        // A zero-length buffer may have no base address; nothing is ever written to it then.
        base = buffer.baseAddress ?? UnsafeMutablePointer<Element>.allocate(capacity: 0)
        count = buffer.count
    }

    /// The element at `index` (which must be in range and owned by the calling task).
    @inline(__always) subscript(index: Int) -> Element {
        get {
            assert(index >= 0 && index < count)
            return base[index]
        }
        nonmutating set {
            assert(index >= 0 && index < count)
            base[index] = newValue
        }
    }
}

/// Runs tasks over the cores.
enum ParallelTiles {
    /// Calls `body` with every index in `0..<count`, on up to `threads` threads at once.
    static func run(_ count: Int, threads: Int, _ body: @Sendable (Int) -> Void) {
        guard threads > 1, count > 1 else {
            for index in 0..<count { body(index) }
            return
        }
        // Workers claim tasks in turn; concurrentPerform uses every core, so group the tasks
        // into `threads` interleaved strands to use no more than asked for.
        let strands = min(threads, count)
        DispatchQueue.concurrentPerform(iterations: strands) { strand in
            var index = strand
            while index < count {
                body(index)
                index += strands
            }
        }
    }
}
