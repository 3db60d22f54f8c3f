/// Places every run-time tensor in one arena by lifetime: tensors alive at the same time never
/// share bytes, the others reuse them. Greedy by size, largest first, lowest free offset.
///
/// A RESHAPE's output is an alias of its input (same bytes); the alias extends the lifetime of
/// the tensor it names.
struct MemoryPlan {
    /// Float offset in the arena of each run-time tensor (aliases resolved).
    let offsets: [Int: Int]
    /// Total floats the arena needs.
    let arenaCount: Int

    /// Floats reserved after each tensor, so vector loads of a partial last row stay inside.
    static let guardFloats = 16

    /// Plans `nodes` (in execution order).
    ///
    /// - Parameters:
    ///   - elementCount: floats of each tensor.
    ///   - inputs / outputs: graph inputs (alive from the start) and outputs (alive to the end).
    ///   - external: tensors that do not live in the arena (pinned constants).
    /// - Returns: nil naming the first tensor read before anything writes it.
    ///   - keepAll: give every tensor its own bytes (no reuse), so all intermediates survive a run.
    static func plan(nodes: [Node], elementCount: (Int) -> Int, inputs: [Int], outputs: [Int],
                     external: Set<Int>, keepAll: Bool = false) -> Result<MemoryPlan, UndefinedTensor> {
        var root: [Int: Int] = [:]
        func resolve(_ t: Int) -> Int { root[t].map(resolve) ?? t }
        var first: [Int: Int] = [:]
        var last: [Int: Int] = [:]
        // Inputs are written by the caller before a run and may be reused for the next run:
        // they stay alive throughout.
        for input in inputs { first[input] = -1; last[input] = Int.max }
        for (step, node) in nodes.enumerated() {
            var reads = node.inputs
            if let residual = node.residual { reads.append(residual) }
            for tensor in reads where !external.contains(tensor) {
                let r = resolve(tensor)
                guard first[r] != nil else { return .failure(UndefinedTensor(tensor: tensor, operatorIndex: node.operatorIndex)) }
                last[r] = max(last[r] ?? step, step)
            }
            if case .reshape = node.kind, let input = node.inputs.first, !external.contains(input) {
                root[node.output] = resolve(input)
            } else {
                first[node.output] = step
                last[node.output] = max(last[node.output] ?? step, step)
            }
        }
        for output in outputs {
            let r = resolve(output)
            guard first[r] != nil else { return .failure(UndefinedTensor(tensor: output, operatorIndex: -1)) }
            last[r] = Int.max
        }
        if keepAll {
            for tensor in first.keys { first[tensor] = -1; last[tensor] = Int.max }
        }

        func padded(_ count: Int) -> Int { (count + guardFloats + 15) / 16 * 16 }
        let tensors = first.keys.sorted { a, b in
            let sa = padded(elementCount(a)), sb = padded(elementCount(b))
            return sa != sb ? sa > sb : (first[a] ?? 0) < (first[b] ?? 0)
        }
        var placed: [(offset: Int, size: Int, first: Int, last: Int)] = []
        var offsets: [Int: Int] = [:]
        var arena = 0
        for tensor in tensors {
            let size = padded(elementCount(tensor))
            let lo = first[tensor] ?? -1, hi = last[tensor] ?? lo
            let conflicts = placed.filter { $0.first <= hi && lo <= $0.last }.sorted { $0.offset < $1.offset }
            var offset = 0
            for other in conflicts {
                if offset + size <= other.offset { break }
                offset = max(offset, other.offset + other.size)
            }
            placed.append((offset, size, lo, hi))
            offsets[tensor] = offset
            arena = max(arena, offset + size)
        }
        for alias in root.keys { offsets[alias] = offsets[resolve(alias)] }
        return .success(MemoryPlan(offsets: offsets, arenaCount: arena))
    }

    /// A tensor some operator reads before any operator writes it.
    struct UndefinedTensor: Error {
        let tensor: Int
        let operatorIndex: Int
    }
}
