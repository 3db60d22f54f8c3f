/// Load-time rewrites that remove whole passes over memory:
/// - a PAD whose only consumers are convolutions becomes those convolutions' explicit padding;
/// - an ADD of a convolution's output and an earlier tensor becomes the convolution's epilogue.
enum Fusion {
    /// The nodes that read `tensor`, as an input or as a residual.
    static func readers(of tensor: Int, in nodes: [Node]) -> [Int] {
        nodes.indices.filter { nodes[$0].inputs.contains(tensor) || nodes[$0].residual == tensor }
    }

    /// The node that alone reads `tensor`, as its only input (not as a residual), if there is one.
    static func soleReader(of tensor: Int, in nodes: [Node]) -> Int? {
        let all = readers(of: tensor, in: nodes)
        guard all.count == 1, let reader = all.first,
              nodes[reader].inputs == [tensor], nodes[reader].residual != tensor else { return nil }
        return reader
    }

    /// Folds zero PADs of the spatial dimensions into the convolutions that read them.
    static func foldPads(_ nodes: inout [Node], graphOutputs: Set<Int>) {
        var index = 0
        while index < nodes.count {
            let pad = nodes[index]
            guard case let .pad(inputShape, paddings, _) = pad.kind,
                  paddings[0] == (0, 0) && paddings[3] == (0, 0),
                  !graphOutputs.contains(pad.output) else { index += 1; continue }
            let consumers = readers(of: pad.output, in: nodes)
            let foldable = !consumers.isEmpty && consumers.allSatisfy { consumer in
                let node = nodes[consumer]
                guard node.inputs == [pad.output], node.residual != pad.output else { return false }
                switch node.kind {
                case .conv, .depthwise: return true
                default: return false
                }
            }
            guard foldable else { index += 1; continue }
            for consumer in consumers {
                func widen(_ g: ConvGeometry) -> ConvGeometry {
                    var g = g
                    g.inputHeight = inputShape[1]
                    g.inputWidth = inputShape[2]
                    g.padTop += paddings[1].before
                    g.padLeft += paddings[2].before
                    return g
                }
                switch nodes[consumer].kind {
                case let .conv(g, w, b, c): nodes[consumer].kind = .conv(geometry: widen(g), weights: w, bias: b, clamp: c)
                case let .depthwise(g, w, b, c): nodes[consumer].kind = .depthwise(geometry: widen(g), weights: w, bias: b, clamp: c)
                default: break
                }
                nodes[consumer].inputs = pad.inputs
                nodes[consumer].label += " (+PAD)"
            }
            nodes.remove(at: index)
        }
    }

    /// Fuses `ADD(conv(x), y)` into the convolution when `y` exists before the convolution runs
    /// and nothing else reads the convolution's output.
    static func fuseResidualAdds(_ nodes: inout [Node], graphOutputs: Set<Int>, graphInputs: Set<Int>,
                                 elementCount: (Int) -> Int) {
        var index = 0
        while index < nodes.count {
            let add = nodes[index]
            guard case let .add(clamp, rhsCount) = add.kind, add.inputs.count == 2 else { index += 1; continue }
            // Both operands must have the full size (no broadcast operand).
            guard rhsCount == elementCount(add.output) else { index += 1; continue }
            var best: (producer: Int, residual: Int)?
            for (position, operand) in add.inputs.enumerated() {
                let other = add.inputs[1 - position]
                guard operand != other, !graphOutputs.contains(operand),
                      let producer = nodes.firstIndex(where: { $0.output == operand }),
                      case .conv = nodes[producer].kind, nodes[producer].residual == nil else { continue }
                guard readers(of: operand, in: nodes) == [index] else { continue }
                let otherReady = graphInputs.contains(other)
                    || (nodes.firstIndex(where: { $0.output == other }).map { $0 < producer } ?? false)
                guard otherReady else { continue }
                if producer > (best?.producer ?? -1) { best = (producer, other) }
            }
            guard let (producer, residual) = best else { index += 1; continue }
            nodes[producer].residual = residual
            nodes[producer].residualClamp = clamp
            nodes[producer].output = add.output
            nodes[producer].label += " +ADD"
            nodes.remove(at: index)
        }
    }

    /// Fuses a depthwise convolution into the 1×1 convolution that alone reads its output, when
    /// that output is large enough to spill the caches (`minimumFloats`).
    static func fuseDepthwisePointwise(_ nodes: inout [Node], graphOutputs: Set<Int>, minimumFloats: Int,
                                       elementCount: (Int) -> Int) {
        var index = 0
        while index < nodes.count {
            let depthwise = nodes[index]
            guard case let .depthwise(dg, dw, db, dc) = depthwise.kind,
                  !graphOutputs.contains(depthwise.output), elementCount(depthwise.output) >= minimumFloats else {
                index += 1
                continue
            }
            guard let reader = soleReader(of: depthwise.output, in: nodes),
                  case let .conv(pg, pw, pb, pc) = nodes[reader].kind, pg.isPointwise else {
                index += 1
                continue
            }
            // The fused node takes the pointwise node's place: its residual may be computed
            // between the two.
            nodes[reader].kind = .depthwisePointwise(depthwise: ConvolutionSpec(geometry: dg, weights: dw, bias: db, clamp: dc),
                                                     pointwise: ConvolutionSpec(geometry: pg, weights: pw, bias: pb, clamp: pc))
            nodes[reader].inputs = depthwise.inputs
            nodes[reader].label = depthwise.label + " → " + nodes[reader].label
            nodes.remove(at: index)
        }
    }

    /// Fuses a 1×1 expansion into the depthwise → pointwise node that alone reads its output
    /// (an inverted residual block), when the expanded tensor would spill the caches.
    static func fuseInvertedResiduals(_ nodes: inout [Node], graphOutputs: Set<Int>, minimumFloats: Int,
                                      elementCount: (Int) -> Int) {
        var index = 0
        while index < nodes.count {
            let expand = nodes[index]
            guard case let .conv(eg, ew, eb, ec) = expand.kind, eg.isPointwise, expand.residual == nil,
                  !graphOutputs.contains(expand.output), elementCount(expand.output) >= minimumFloats else {
                index += 1
                continue
            }
            guard let reader = soleReader(of: expand.output, in: nodes),
                  case let .depthwisePointwise(depthwise, project) = nodes[reader].kind,
                  depthwise.geometry.dilationHeight == 1, depthwise.geometry.dilationWidth == 1,
                  depthwise.geometry.inputHeight == eg.outputHeight, depthwise.geometry.inputWidth == eg.outputWidth else {
                index += 1
                continue
            }
            nodes[reader].kind = .invertedResidual(expand: ConvolutionSpec(geometry: eg, weights: ew, bias: eb, clamp: ec),
                                                   depthwise: depthwise, project: project)
            nodes[reader].inputs = expand.inputs
            nodes[reader].label = expand.label + " → " + nodes[reader].label
            nodes.remove(at: index)
        }
    }
}
