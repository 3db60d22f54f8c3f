/// A model ready to run: its steps in order, the arena they share, and where the inputs and
/// outputs live. Built once at load; immutable after.
final class ExecutionPlan {
    let steps: [Step]
    /// All run-time tensors.
    let arena: AlignedBuffer
    /// im2col scratch for the threads of the pool.
    let scratch: AlignedBuffer
    /// Band buffers of fused depthwise → pointwise steps, for the threads of the pool.
    let bands: AlignedBuffer
    /// Constants that steps read directly.
    let pinned: [AlignedBuffer]
    /// Pointer to each run-time tensor (model tensor index → pointer into the arena).
    let tensorPointers: [Int: UnsafeMutablePointer<Float>]

    /// Plans `model` for a pool of `threads` threads.
    init(model: TFLiteModel, threads: Int, keepIntermediates: Bool = false) throws {
        let builder = try GraphBuilder(model: model)
        var nodes = builder.nodes
        let outputs = Set(model.outputs), inputs = Set(model.inputs)
        func elementCount(_ tensor: Int) -> Int { model.tensors[tensor].elementCount }
        Fusion.foldPads(&nodes, graphOutputs: outputs)
        Fusion.fuseResidualAdds(&nodes, graphOutputs: outputs, graphInputs: inputs, elementCount: elementCount)
        // Fusion pays when the intermediate tensor would spill L2 (1.25 MB per core here, 1 MB
        // taken as the bar); below that, whole-tensor GEMMs with more rows per call are faster.
        Fusion.fuseDepthwisePointwise(&nodes, graphOutputs: outputs, minimumFloats: 1 << 18, elementCount: elementCount)
        Fusion.fuseInvertedResiduals(&nodes, graphOutputs: outputs, minimumFloats: 1 << 18, elementCount: elementCount)

        let external = Set(builder.pinnedConstants.keys)
        let memory: MemoryPlan
        switch MemoryPlan.plan(nodes: nodes, elementCount: elementCount, inputs: model.inputs, outputs: model.outputs,
                                   external: external, keepAll: keepIntermediates) {
        case let .success(plan): memory = plan
        case let .failure(undefined):
            let name = model.tensors[undefined.tensor].name
            let place = undefined.operatorIndex >= 0 ? "operator #\(undefined.operatorIndex) reads" : "the model outputs"
            throw InferenceError.malformedModel(path: model.path, reason: "\(place) tensor '\(name)', which no operator computes")
        }
        arena = AlignedBuffer(count: memory.arenaCount)
        var pointers: [Int: UnsafeMutablePointer<Float>] = [:]
        for (tensor, offset) in memory.offsets { pointers[tensor] = arena.pointer + offset }
        var pinned: [AlignedBuffer] = []
        for (tensor, values) in builder.pinnedConstants {
            let buffer = AlignedBuffer(count: values.count + MemoryPlan.guardFloats)
            values.withUnsafeBufferPointer { source in
                if let base = source.baseAddress { buffer.pointer.update(from: base, count: values.count) }
            }
            pinned.append(buffer)
            pointers[tensor] = buffer.pointer
        }
        self.pinned = pinned
        tensorPointers = pointers

        func pointer(_ tensor: Int) -> UnsafeMutablePointer<Float> {
            guard let p = pointers[tensor] else { preconditionFailure("tensor \(tensor) was not planned") }
            return p
        }

        // Kernels first (they know their scratch needs), then one scratch buffer for all.
        var convolutions: [(index: Int, kernel: ConvolutionKernel)] = []
        var scratchPerThread = 0
        for (index, node) in nodes.enumerated() {
            if case let .conv(geometry, weights, bias, clamp) = node.kind {
                let epilogue = Epilogue(first: clamp, second: node.residualClamp)
                if PlanarConv2DKernel.supports(geometry) {
                    convolutions.append((index, .planar(PlanarConv2DKernel(geometry: geometry, weights: weights, bias: bias, epilogue: epilogue, threads: threads))))
                } else {
                    let kernel = Conv2DKernel(geometry: geometry, weights: weights, bias: bias, epilogue: epilogue, threads: threads)
                    convolutions.append((index, .gemm(kernel)))
                    scratchPerThread = max(scratchPerThread, kernel.scratchPerThread)
                }
            }
        }
        let threadCount = max(1, threads)
        scratch = AlignedBuffer(count: scratchPerThread * threadCount)
        var bandFloats = 0
        for node in nodes {
            switch node.kind {
            case let .depthwisePointwise(depthwise, _):
                bandFloats = max(bandFloats, DepthwisePointwiseStep.bandFloats(depthwise.geometry, threads: threadCount))
            case let .invertedResidual(_, depthwise, _):
                bandFloats = max(bandFloats, InvertedResidualStep.scratchFloats(depthwise.geometry))
            default:
                break
            }
        }
        bands = AlignedBuffer(count: bandFloats * threadCount + MemoryPlan.guardFloats)
        let scratchPointer = scratchPerThread > 0 ? scratch.pointer : nil
        let kernelOf = Dictionary(uniqueKeysWithValues: convolutions.map { ($0.index, $0.kernel) })

        var steps: [Step] = []
        for (index, node) in nodes.enumerated() {
            let op = node.operatorIndex
            switch node.kind {
            case .conv:
                guard let kernel = kernelOf[index] else { preconditionFailure("convolution kernel missing") }
                steps.append(ConvolutionStep(label: node.label, operatorIndex: op, kernel: kernel, input: pointer(node.inputs[0]),
                                             output: pointer(node.output), residual: node.residual.map { UnsafePointer(pointer($0)) },
                                             scratch: scratchPointer))
            case let .depthwise(geometry, weights, bias, clamp):
                let kernel = DepthwiseConv2DKernel(geometry: geometry, weights: weights, bias: bias, clamp: clamp)
                steps.append(DepthwiseStep(label: node.label, operatorIndex: op, kernel: kernel, input: pointer(node.inputs[0]),
                                           output: pointer(node.output)))
            case let .depthwisePointwise(dw, pw):
                let depthwise = DepthwiseConv2DKernel(geometry: dw.geometry, weights: dw.weights, bias: dw.bias, clamp: dw.clamp)
                let pointwise = Conv2DKernel(geometry: pw.geometry, weights: pw.weights, bias: pw.bias,
                                             epilogue: Epilogue(first: pw.clamp, second: node.residualClamp), threads: threadCount)
                steps.append(DepthwisePointwiseStep(label: node.label, operatorIndex: op, depthwise: depthwise, pointwise: pointwise,
                                                    input: pointer(node.inputs[0]), output: pointer(node.output),
                                                    residual: node.residual.map { UnsafePointer(pointer($0)) },
                                                    bands: bands.pointer, threads: threadCount))
            case let .invertedResidual(ex, dw, pj):
                let expand = Conv2DKernel(geometry: ex.geometry, weights: ex.weights, bias: ex.bias,
                                          epilogue: Epilogue(first: ex.clamp), threads: threadCount)
                let depthwise = DepthwiseConv2DKernel(geometry: dw.geometry, weights: dw.weights, bias: dw.bias, clamp: dw.clamp)
                let project = Conv2DKernel(geometry: pj.geometry, weights: pj.weights, bias: pj.bias,
                                           epilogue: Epilogue(first: pj.clamp, second: node.residualClamp), threads: threadCount)
                steps.append(InvertedResidualStep(label: node.label, operatorIndex: op, expand: expand, depthwise: depthwise,
                                                  project: project, input: pointer(node.inputs[0]), output: pointer(node.output),
                                                  residual: node.residual.map { UnsafePointer(pointer($0)) },
                                                  scratch: bands.pointer))
            case let .add(clamp, rhsCount):
                steps.append(AddStep(label: node.label, operatorIndex: op, lhs: pointer(node.inputs[0]), rhs: pointer(node.inputs[1]),
                                     rhsCount: rhsCount, output: pointer(node.output), count: elementCount(node.output), clamp: clamp))
            case let .pad(inputShape, paddings, outputShape):
                steps.append(PadStep(label: node.label, operatorIndex: op, input: pointer(node.inputs[0]), output: pointer(node.output),
                                     inputShape: inputShape, paddings: paddings, outputShape: outputShape))
            case let .maxPool(geometry, clamp):
                steps.append(MaxPoolStep(label: node.label, operatorIndex: op, geometry: geometry, clamp: clamp,
                                         input: pointer(node.inputs[0]), output: pointer(node.output)))
            case let .resizeBilinear(plan):
                steps.append(ResizeBilinearStep(label: node.label, operatorIndex: op, plan: plan, input: pointer(node.inputs[0]),
                                                output: pointer(node.output)))
            case let .depthToSpace(height, width, channels, block):
                steps.append(DepthToSpaceStep(label: node.label, operatorIndex: op, input: pointer(node.inputs[0]),
                                              output: pointer(node.output), height: height, width: width, channels: channels, block: block))
            case let .concatenation(runs, outer, _):
                steps.append(ConcatenationStep(label: node.label, operatorIndex: op, inputs: node.inputs.map { UnsafePointer(pointer($0)) },
                                               runs: runs, outer: outer, output: pointer(node.output)))
            case let .logistic(count):
                steps.append(LogisticStep(label: node.label, operatorIndex: op, input: pointer(node.inputs[0]),
                                          output: pointer(node.output), count: count))
            case .reshape:
                break
            }
        }
        self.steps = steps
    }
}
