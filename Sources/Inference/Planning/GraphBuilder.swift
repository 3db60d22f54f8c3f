/// Turns a `TFLiteModel` into `Node`s: checks every operator, folds DEQUANTIZE and DENSIFY of
/// constant weights at load time, and resolves each operator's geometry from the model's shapes.
///
/// Everything a model could get wrong is reported here, naming the operator, so that running
/// a planned model can never fail.
struct GraphBuilder {
    let model: TFLiteModel
    /// Constant tensors, including those folded from DEQUANTIZE / DENSIFY.
    private(set) var constants: [Int: ConstantTensor] = [:]
    /// Constants that run-time operators read directly (e.g. a constant ADD operand).
    private(set) var pinnedConstants: [Int: [Float]] = [:]
    private(set) var nodes: [Node] = []

    init(model: TFLiteModel) throws {
        self.model = model
        for tensor in model.tensors where tensor.isConstant {
            constants[tensor.index] = try model.readConstant(tensor.index)
        }
        for input in model.inputs {
            try requireFloatTensor(input, "model input")
        }
        for op in model.operators {
            try add(op)
        }
        for output in model.outputs where constants[output] != nil {
            throw unsupported("output tensor '\(model.tensors[output].name)' is a constant")
        }
    }

    // MARK: - Errors

    private func unsupported(_ reason: String) -> InferenceError {
        .unsupportedModel(path: model.path, reason: reason)
    }

    private func malformed(_ op: OperatorInfo, _ reason: String) -> InferenceError {
        .malformedModel(path: model.path, reason: "operator #\(op.index) (\(op.name)): \(reason)")
    }

    private func shape(_ tensor: Int) -> [Int] { model.tensors[tensor].shape }

    private func requireFloatTensor(_ tensor: Int, _ role: String) throws {
        let info = model.tensors[tensor]
        guard info.type == .float32 else {
            throw unsupported("\(role) '\(info.name)' has type \(info.type); the engine computes in FLOAT32")
        }
    }

    /// An input that must be computed at run time (not a constant), as a float tensor.
    private func runtimeInput(_ op: OperatorInfo, _ position: Int) throws -> Int {
        guard position < op.inputs.count, op.inputs[position] >= 0 else {
            throw malformed(op, "input \(position) is missing")
        }
        let tensor = op.inputs[position]
        guard constants[tensor] == nil else {
            throw unsupported("operator #\(op.index) (\(op.name)) has a constant where it needs a computed input (input \(position))")
        }
        try requireFloatTensor(tensor, "tensor")
        return tensor
    }

    /// A constant float input (weights, bias), or nil when the optional input is omitted.
    private func constantFloats(_ op: OperatorInfo, _ position: Int, optional: Bool = false) throws -> [Float]? {
        guard position < op.inputs.count, op.inputs[position] >= 0 else {
            if optional { return nil }
            throw malformed(op, "input \(position) is missing")
        }
        guard let constant = constants[op.inputs[position]] else {
            throw unsupported("operator #\(op.index) (\(op.name)) computes its weights at run time (input \(position)); only constant weights are supported")
        }
        guard let floats = constant.floats else {
            throw malformed(op, "input \(position) should hold floats")
        }
        return floats
    }

    private func constantIntegers(_ op: OperatorInfo, _ position: Int) throws -> [Int] {
        guard position < op.inputs.count, op.inputs[position] >= 0,
              let values = constants[op.inputs[position]]?.integers else {
            throw unsupported("operator #\(op.index) (\(op.name)) needs a constant INT32 input \(position)")
        }
        return values
    }

    private func singleOutput(_ op: OperatorInfo) throws -> Int {
        guard op.outputs.count == 1 else { throw malformed(op, "has \(op.outputs.count) outputs, expected 1") }
        try requireFloatTensor(op.outputs[0], "output")
        return op.outputs[0]
    }

    /// An NHWC shape with batch 1, as (height, width, channels).
    private func imageShape(_ op: OperatorInfo, _ tensor: Int) throws -> (Int, Int, Int) {
        let s = shape(tensor)
        guard s.count == 4 else { throw malformed(op, "tensor '\(model.tensors[tensor].name)' has shape \(s), expected 4 dimensions (NHWC)") }
        guard s[0] == 1 else { throw unsupported("operator #\(op.index) (\(op.name)) has batch \(s[0]); only batch 1 is supported") }
        return (s[1], s[2], s[3])
    }

    private func clamp(_ op: OperatorInfo, _ activation: Activation) throws -> Clamp {
        guard let clamp = Clamp(activation) else {
            throw unsupported("operator #\(op.index) (\(op.name)) uses fused activation \(activation), which is not implemented")
        }
        return clamp
    }

    private func describe(_ shape: [Int]) -> String { shape.map(String.init).joined(separator: "×") }

    // MARK: - Operators

    private mutating func add(_ op: OperatorInfo) throws {
        switch op.code {
        case BuiltinOperator.dequantize: try foldDequantize(op)
        case BuiltinOperator.densify: try foldDensify(op)
        case BuiltinOperator.conv2D: try addConvolution(op)
        case BuiltinOperator.depthwiseConv2D: try addDepthwise(op)
        case BuiltinOperator.add: try addAdd(op)
        case BuiltinOperator.pad: try addPad(op)
        case BuiltinOperator.maxPool2D: try addMaxPool(op)
        case BuiltinOperator.resizeBilinear: try addResize(op)
        case BuiltinOperator.depthToSpace: try addDepthToSpace(op)
        case BuiltinOperator.concatenation: try addConcatenation(op)
        case BuiltinOperator.logistic:
            let input = try runtimeInput(op, 0), output = try singleOutput(op)
            guard model.tensors[input].elementCount == model.tensors[output].elementCount else {
                throw malformed(op, "input and output sizes differ")
            }
            nodes.append(Node(kind: .logistic(count: model.tensors[output].elementCount), inputs: [input], output: output,
                              operatorIndex: op.index, label: "LOGISTIC \(describe(shape(output)))"))
        case BuiltinOperator.reshape:
            let input = try runtimeInput(op, 0), output = try singleOutput(op)
            guard model.tensors[input].elementCount == model.tensors[output].elementCount else {
                throw malformed(op, "reshapes \(shape(input)) to \(shape(output)), which has a different size")
            }
            nodes.append(Node(kind: .reshape, inputs: [input], output: output, operatorIndex: op.index,
                              label: "RESHAPE \(describe(shape(input))) → \(describe(shape(output)))"))
        default:
            throw InferenceError.unsupportedOperator(path: model.path, operatorName: op.name, operatorIndex: op.index)
        }
    }

    private mutating func foldDequantize(_ op: OperatorInfo) throws {
        guard op.inputs.count == 1, op.inputs[0] >= 0, let source = constants[op.inputs[0]] else {
            throw unsupported("operator #\(op.index) (DEQUANTIZE) has a computed input; only constant weights can be dequantized")
        }
        guard case .float16 = source.values, let floats = source.floats else {
            throw unsupported("operator #\(op.index) (DEQUANTIZE) dequantizes \(model.tensors[op.inputs[0]].type); only FLOAT16 weights are supported")
        }
        guard op.outputs.count == 1 else { throw malformed(op, "has \(op.outputs.count) outputs") }
        guard floats.count == model.tensors[op.outputs[0]].elementCount else {
            throw malformed(op, "input has \(floats.count) values, output shape \(shape(op.outputs[0]))")
        }
        constants[op.outputs[0]] = ConstantTensor(shape: shape(op.outputs[0]), values: .float32(floats))
    }

    private mutating func foldDensify(_ op: OperatorInfo) throws {
        guard op.inputs.count == 1, op.inputs[0] >= 0, let source = constants[op.inputs[0]] else {
            throw unsupported("operator #\(op.index) (DENSIFY) has a computed input; only constant weights can be densified")
        }
        guard let sparsity = model.tensors[op.inputs[0]].sparsity else {
            throw malformed(op, "its input has no sparsity parameters")
        }
        guard op.outputs.count == 1 else { throw malformed(op, "has \(op.outputs.count) outputs") }
        let denseShape = shape(op.outputs[0])
        let fail = { (reason: String) in self.malformed(op, reason) }
        let values: ConstantTensor.Values
        switch source.values {
        case let .float16(v): values = .float16(try sparsity.densify(v, shape: denseShape, zero: 0, fail: fail))
        case let .float32(v): values = .float32(try sparsity.densify(v, shape: denseShape, zero: 0, fail: fail))
        case let .int32(v): values = .int32(try sparsity.densify(v, shape: denseShape, zero: 0, fail: fail))
        }
        constants[op.outputs[0]] = ConstantTensor(shape: denseShape, values: values)
    }

    /// Geometry of a windowed operator from its input/output shapes and options.
    private func geometry(_ op: OperatorInfo, input: Int, output: Int, kernelHeight: Int, kernelWidth: Int,
                          strideH: Int, strideW: Int, dilationH: Int, dilationW: Int, padding: Padding) throws -> ConvGeometry {
        let (ih, iw, ic) = try imageShape(op, input)
        let (oh, ow, oc) = try imageShape(op, output)
        guard strideH >= 1, strideW >= 1, dilationH >= 1, dilationW >= 1, kernelHeight >= 1, kernelWidth >= 1 else {
            throw malformed(op, "has a stride, dilation or window size below 1")
        }
        let rows = ConvGeometry.outputSize(input: ih, kernel: kernelHeight, stride: strideH, dilation: dilationH, padding: padding)
        let columns = ConvGeometry.outputSize(input: iw, kernel: kernelWidth, stride: strideW, dilation: dilationW, padding: padding)
        guard rows.size == oh, columns.size == ow else {
            throw malformed(op, "output is \(oh)×\(ow), but a \(kernelHeight)×\(kernelWidth) window with stride \(strideH)×\(strideW) on \(ih)×\(iw) gives \(rows.size)×\(columns.size)")
        }
        return ConvGeometry(inputHeight: ih, inputWidth: iw, inputChannels: ic, outputHeight: oh, outputWidth: ow,
                            outputChannels: oc, kernelHeight: kernelHeight, kernelWidth: kernelWidth,
                            strideHeight: strideH, strideWidth: strideW, dilationHeight: dilationH,
                            dilationWidth: dilationW, padTop: rows.padBefore, padLeft: columns.padBefore)
    }

    private mutating func addConvolution(_ op: OperatorInfo) throws {
        guard case let .conv2D(padding, strideW, strideH, activation, dilationW, dilationH) = op.options else {
            throw malformed(op, "has no convolution options")
        }
        let input = try runtimeInput(op, 0), output = try singleOutput(op)
        guard let weights = try constantFloats(op, 1) else { throw malformed(op, "has no weights") }
        let w = shape(op.inputs[1])
        guard w.count == 4 else { throw malformed(op, "weights have shape \(w), expected OHWI") }
        let g = try geometry(op, input: input, output: output, kernelHeight: w[1], kernelWidth: w[2], strideH: strideH,
                             strideW: strideW, dilationH: dilationH, dilationW: dilationW, padding: padding)
        guard w[0] == g.outputChannels, w[3] == g.inputChannels else {
            throw malformed(op, "weights \(w) do not match input channels \(g.inputChannels) and output channels \(g.outputChannels)")
        }
        let bias = try constantFloats(op, 2, optional: true) ?? [Float](repeating: 0, count: g.outputChannels)
        guard bias.count == g.outputChannels else { throw malformed(op, "bias has \(bias.count) values for \(g.outputChannels) channels") }
        let label = "CONV_2D \(w[1])×\(w[2])/\(strideH) \(g.inputHeight)×\(g.inputWidth)×\(g.inputChannels) → \(g.outputHeight)×\(g.outputWidth)×\(g.outputChannels)"
        nodes.append(Node(kind: .conv(geometry: g, weights: weights, bias: bias, clamp: try clamp(op, activation)),
                          inputs: [input], output: output, operatorIndex: op.index, label: label))
    }

    private mutating func addDepthwise(_ op: OperatorInfo) throws {
        guard case let .depthwiseConv2D(padding, strideW, strideH, _, activation, dilationW, dilationH) = op.options else {
            throw malformed(op, "has no depthwise convolution options")
        }
        let input = try runtimeInput(op, 0), output = try singleOutput(op)
        guard let weights = try constantFloats(op, 1) else { throw malformed(op, "has no weights") }
        let w = shape(op.inputs[1])
        guard w.count == 4, w[0] == 1 else { throw malformed(op, "weights have shape \(w), expected [1, kh, kw, C]") }
        let g = try geometry(op, input: input, output: output, kernelHeight: w[1], kernelWidth: w[2], strideH: strideH,
                             strideW: strideW, dilationH: dilationH, dilationW: dilationW, padding: padding)
        guard g.inputChannels == g.outputChannels, w[3] == g.outputChannels else {
            throw unsupported("operator #\(op.index) (DEPTHWISE_CONV_2D) has depth multiplier \(g.outputChannels / max(g.inputChannels, 1)); only 1 is supported")
        }
        let bias = try constantFloats(op, 2, optional: true) ?? [Float](repeating: 0, count: g.outputChannels)
        guard bias.count == g.outputChannels else { throw malformed(op, "bias has \(bias.count) values for \(g.outputChannels) channels") }
        let label = "DEPTHWISE_CONV_2D \(w[1])×\(w[2])/\(strideH) \(g.inputHeight)×\(g.inputWidth)×\(g.inputChannels) → \(g.outputHeight)×\(g.outputWidth)"
        nodes.append(Node(kind: .depthwise(geometry: g, weights: weights, bias: bias, clamp: try clamp(op, activation)),
                          inputs: [input], output: output, operatorIndex: op.index, label: label))
    }

    private mutating func addAdd(_ op: OperatorInfo) throws {
        guard case let .add(activation) = op.options else { throw malformed(op, "has no ADD options") }
        guard op.inputs.count == 2, op.inputs.allSatisfy({ $0 >= 0 }) else { throw malformed(op, "needs two inputs") }
        let output = try singleOutput(op)
        let count = model.tensors[output].elementCount
        var operands = op.inputs
        // The full-size operand goes first.
        if model.tensors[operands[0]].elementCount != count { operands.swapAt(0, 1) }
        guard model.tensors[operands[0]].elementCount == count, constants[operands[0]] == nil else {
            throw unsupported("operator #\(op.index) (ADD) broadcasts in a way the engine does not implement (\(shape(op.inputs[0])) + \(shape(op.inputs[1])))")
        }
        try requireFloatTensor(operands[0], "tensor")
        let rhsCount = model.tensors[operands[1]].elementCount
        let outputShape = shape(output), rhsShape = shape(operands[1])
        let channelBroadcast = rhsShape.last == outputShape.last && rhsShape.dropLast().allSatisfy { $0 == 1 }
        guard rhsCount == count || rhsCount == 1 || channelBroadcast else {
            throw unsupported("operator #\(op.index) (ADD) broadcasts \(rhsShape) onto \(outputShape); only equal shapes, scalars and per-channel vectors are supported")
        }
        if let constant = constants[operands[1]] {
            guard let floats = constant.floats else { throw malformed(op, "adds a non-float constant") }
            pinnedConstants[operands[1]] = floats
        } else {
            try requireFloatTensor(operands[1], "tensor")
        }
        nodes.append(Node(kind: .add(clamp: try clamp(op, activation), rhsCount: rhsCount), inputs: operands, output: output,
                          operatorIndex: op.index, label: "ADD \(describe(outputShape))"))
    }

    private mutating func addPad(_ op: OperatorInfo) throws {
        let input = try runtimeInput(op, 0), output = try singleOutput(op)
        let values = try constantIntegers(op, 1)
        let rank = shape(input).count
        guard rank >= 1, rank <= 4, values.count == 2 * rank, values.allSatisfy({ $0 >= 0 }) else {
            throw unsupported("operator #\(op.index) (PAD) pads a rank-\(rank) tensor with \(values); only non-negative padding of up to 4 dimensions is supported")
        }
        let lead = 4 - rank
        let inputShape = [Int](repeating: 1, count: lead) + shape(input)
        var paddings = [(before: Int, after: Int)](repeating: (0, 0), count: lead)
        for d in 0..<rank { paddings.append((values[2 * d], values[2 * d + 1])) }
        let outputShape = zip(inputShape, paddings).map { $0 + $1.before + $1.after }
        guard outputShape == [Int](repeating: 1, count: lead) + shape(output) else {
            throw malformed(op, "pads \(shape(input)) by \(values) into \(shape(output))")
        }
        nodes.append(Node(kind: .pad(inputShape: inputShape, paddings: paddings, outputShape: outputShape), inputs: [input],
                          output: output, operatorIndex: op.index, label: "PAD \(describe(shape(input))) → \(describe(shape(output)))"))
    }

    private mutating func addMaxPool(_ op: OperatorInfo) throws {
        guard case let .pool2D(padding, strideW, strideH, filterW, filterH, activation) = op.options else {
            throw malformed(op, "has no pool options")
        }
        let input = try runtimeInput(op, 0), output = try singleOutput(op)
        let g = try geometry(op, input: input, output: output, kernelHeight: filterH, kernelWidth: filterW, strideH: strideH,
                             strideW: strideW, dilationH: 1, dilationW: 1, padding: padding)
        guard g.inputChannels == g.outputChannels else { throw malformed(op, "changes the channel count") }
        nodes.append(Node(kind: .maxPool(geometry: g, clamp: try clamp(op, activation)), inputs: [input], output: output,
                          operatorIndex: op.index, label: "MAX_POOL_2D \(filterH)×\(filterW)/\(strideH) \(describe(shape(input)))"))
    }

    private mutating func addResize(_ op: OperatorInfo) throws {
        guard case let .resizeBilinear(alignCorners, halfPixelCenters) = op.options else {
            throw malformed(op, "has no resize options")
        }
        let input = try runtimeInput(op, 0), output = try singleOutput(op)
        let size = try constantIntegers(op, 1)
        let (ih, iw, ic) = try imageShape(op, input)
        let (oh, ow, oc) = try imageShape(op, output)
        guard size == [oh, ow], ic == oc, ih > 0, iw > 0 else {
            throw malformed(op, "resizes \(shape(input)) to size \(size) but its output is \(shape(output))")
        }
        let plan = ResizeBilinearPlan(inputHeight: ih, inputWidth: iw, channels: ic, outputHeight: oh, outputWidth: ow,
                                      alignCorners: alignCorners, halfPixelCenters: halfPixelCenters)
        nodes.append(Node(kind: .resizeBilinear(plan: plan), inputs: [input], output: output, operatorIndex: op.index,
                          label: "RESIZE_BILINEAR \(ih)×\(iw)×\(ic) → \(oh)×\(ow)"))
    }

    private mutating func addDepthToSpace(_ op: OperatorInfo) throws {
        guard case let .depthToSpace(block) = op.options else { throw malformed(op, "has no DEPTH_TO_SPACE options") }
        let input = try runtimeInput(op, 0), output = try singleOutput(op)
        let (ih, iw, ic) = try imageShape(op, input)
        let (oh, ow, oc) = try imageShape(op, output)
        guard block >= 1, oh == ih * block, ow == iw * block, oc * block * block == ic else {
            throw malformed(op, "block \(block) does not turn \(shape(input)) into \(shape(output))")
        }
        nodes.append(Node(kind: .depthToSpace(height: ih, width: iw, channels: ic, block: block), inputs: [input], output: output,
                          operatorIndex: op.index, label: "DEPTH_TO_SPACE \(ih)×\(iw)×\(ic) → \(oh)×\(ow)×\(oc)"))
    }

    private mutating func addConcatenation(_ op: OperatorInfo) throws {
        guard case let .concatenation(axisOption, activation) = op.options else { throw malformed(op, "has no options") }
        let output = try singleOutput(op)
        let outputShape = shape(output)
        let rank = outputShape.count
        let axis = axisOption < 0 ? axisOption + rank : axisOption
        guard axis >= 0, axis < rank, !op.inputs.isEmpty else { throw malformed(op, "concatenates along axis \(axisOption) of a rank-\(rank) tensor") }
        var inputs: [Int] = []
        var runs: [Int] = []
        var extent = 0
        for position in op.inputs.indices {
            let input = try runtimeInput(op, position)
            let s = shape(input)
            guard s.count == rank, (0..<rank).allSatisfy({ $0 == axis || s[$0] == outputShape[$0] }) else {
                throw malformed(op, "input \(s) does not fit output \(outputShape) along axis \(axis)")
            }
            inputs.append(input)
            runs.append(s[axis...].reduce(1, *))
            extent += s[axis]
        }
        guard extent == outputShape[axis] else { throw malformed(op, "inputs add up to \(extent) along axis \(axis), output has \(outputShape[axis])") }
        let outer = outputShape[..<axis].reduce(1, *)
        guard activation == .none else { throw unsupported("CONCATENATION with a fused activation") }
        nodes.append(Node(kind: .concatenation(runs: runs, outer: outer, clamp: .none), inputs: inputs, output: output,
                          operatorIndex: op.index, label: "CONCATENATION ×\(inputs.count) → \(describe(outputShape))"))
    }
}
