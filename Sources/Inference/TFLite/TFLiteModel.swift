import Foundation

/// A `.tflite` model read into plain Swift values.
///
/// Only the main subgraph (subgraph 0) is read. Constant tensor data stays in `bytes` and is
/// reached through each tensor's `dataRange`. Every offset was bounds-checked while reading, so
/// the values here are safe to use; whether the model is *runnable* is the planner's question.
public struct TFLiteModel: Sendable {
    /// Where the model was read from (for error messages).
    public let path: String
    /// The whole file.
    let bytes: [UInt8]
    /// Schema version stored in the file (3 for every current converter).
    public let version: Int
    /// All tensors of the main subgraph.
    public let tensors: [TensorInfo]
    /// All operators of the main subgraph, in execution order.
    public let operators: [OperatorInfo]
    /// Indices into `tensors` of the subgraph's inputs.
    public let inputs: [Int]
    /// Indices into `tensors` of the subgraph's outputs.
    public let outputs: [Int]

    /// Reads and checks the model file at `path`.
    public init(contentsOf path: String) throws {
        let data: Data
        do {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw InferenceError.cannotRead(path: path, reason: "no such file")
            }
            guard !isDirectory.boolValue else {
                throw InferenceError.cannotRead(path: path, reason: "it is a directory, not a .tflite file")
            }
            data = try Data(contentsOf: URL(fileURLWithPath: path), options: .mappedIfSafe)
        } catch let error as InferenceError {
            throw error
        } catch {
            throw InferenceError.cannotRead(path: path, reason: error.localizedDescription)
        }
        try self.init(bytes: [UInt8](data), path: path)
    }

    /// Reads and checks a model held in memory; `path` only names it in errors.
    public init(bytes: [UInt8], path: String) throws {
        self.path = path
        self.bytes = bytes
        let buffer = FlatBuffer(bytes: bytes, path: path)
        guard bytes.count >= 8 else {
            throw buffer.malformed("the file is only \(bytes.count) bytes long")
        }
        guard buffer.fileIdentifier == "TFL3" else {
            let shown = buffer.fileIdentifier.map { $0.unicodeScalars.allSatisfy { $0.isASCII && $0.value >= 32 } ? "'\($0)'" : "binary" } ?? "none"
            throw buffer.malformed("its file identifier is \(shown), not 'TFL3'; this is not a TFLite flatbuffer")
        }
        let model = try buffer.rootTable()
        version = Int(try model.scalar(0, "version", default: UInt32(0)))

        // Operator codes.
        var operatorNames: [(code: Int, name: String)] = []
        if let codes = try model.vector(1, "operator_codes", elementSize: 4) {
            for i in 0..<codes.count {
                let entry = try codes.table(i)
                let deprecated = Int(try entry.scalar(0, "deprecated_builtin_code", default: Int8(0)))
                let builtin = Int(try entry.scalar(3, "builtin_code", default: Int32(0)))
                let code = max(deprecated, builtin)
                if code == BuiltinOperator.custom {
                    let custom = try entry.string(1, "custom_code") ?? "?"
                    operatorNames.append((code, "CUSTOM(\(custom))"))
                } else {
                    operatorNames.append((code, BuiltinOperator.name(of: code)))
                }
            }
        }

        // Buffers: byte ranges of constant data in the file.
        var bufferRanges: [Range<Int>] = []
        if let buffers = try model.vector(4, "buffers", elementSize: 4) {
            bufferRanges.reserveCapacity(buffers.count)
            for i in 0..<buffers.count {
                let entry = try buffers.table(i)
                if let data = try entry.vector(0, "data", elementSize: 1) {
                    bufferRanges.append(data.byteRange)
                } else {
                    let offset = Int(clamping: try entry.scalar(1, "offset", default: UInt64(0)))
                    let size = Int(clamping: try entry.scalar(2, "size", default: UInt64(0)))
                    if offset > 1 {
                        guard size <= bytes.count, offset <= bytes.count - size else {
                            throw buffer.malformed("buffer #\(i) points at bytes \(offset)..<\(offset &+ size), past the end of the file (\(bytes.count) bytes)")
                        }
                        bufferRanges.append(offset..<(offset + size))
                    } else {
                        bufferRanges.append(0..<0)
                    }
                }
            }
        }

        // The main subgraph.
        guard let subgraphs = try model.vector(2, "subgraphs", elementSize: 4), subgraphs.count > 0 else {
            throw buffer.malformed("it has no subgraph")
        }
        let graph = try subgraphs.table(0)

        var tensors: [TensorInfo] = []
        if let list = try graph.vector(0, "tensors", elementSize: 4) {
            tensors.reserveCapacity(list.count)
            for i in 0..<list.count {
                tensors.append(try TensorInfo(table: list.table(i), index: i, buffers: bufferRanges, buffer: buffer))
            }
        }
        self.tensors = tensors

        func checkedTensorList(_ list: [Int], _ what: String, allowOptional: Bool) throws -> [Int] {
            for t in list where !(t >= 0 && t < tensors.count) && !(allowOptional && t == -1) {
                throw buffer.malformed("\(what) refers to tensor \(t), but the subgraph has \(tensors.count) tensors")
            }
            return list
        }
        inputs = try checkedTensorList(graph.int32Array(1, "inputs"), "the subgraph's input list", allowOptional: false)
        outputs = try checkedTensorList(graph.int32Array(2, "outputs"), "the subgraph's output list", allowOptional: false)

        var operators: [OperatorInfo] = []
        if let list = try graph.vector(3, "operators", elementSize: 4) {
            operators.reserveCapacity(list.count)
            for i in 0..<list.count {
                let table = try list.table(i)
                let codeIndex = Int(try table.scalar(0, "opcode_index", default: UInt32(0)))
                guard codeIndex < operatorNames.count else {
                    throw buffer.malformed("operator #\(i) uses operator code #\(codeIndex), but the model lists \(operatorNames.count)")
                }
                let (code, name) = operatorNames[codeIndex]
                let ins = try checkedTensorList(table.int32Array(1, "inputs"), "operator #\(i) (\(name)) inputs", allowOptional: true)
                let outs = try checkedTensorList(table.int32Array(2, "outputs"), "operator #\(i) (\(name)) outputs", allowOptional: false)
                let options = try OperatorOptions(code: code, table: table, operatorIndex: i, name: name, buffer: buffer)
                operators.append(OperatorInfo(index: i, code: code, name: name, inputs: ins, outputs: outs, options: options))
            }
        }
        self.operators = operators
    }

    /// The raw bytes of tensor `index`'s constant data (empty for non-constant tensors).
    func constantBytes(of index: Int) -> ArraySlice<UInt8> {
        bytes[tensors[index].dataRange]
    }
}

/// One tensor of the model: its shape, type and, for constants, where its data lies.
public struct TensorInfo: Sendable {
    /// Position in the subgraph's tensor list.
    public let index: Int
    /// The tensor's name in the model ("Identity", "input_1", …).
    public let name: String
    /// Dimensions, outermost first (NHWC for images).
    public let shape: [Int]
    /// Element type.
    public let type: TensorType
    /// Byte range of constant data in the file; empty for tensors computed at run time.
    let dataRange: Range<Int>
    /// Sparse storage description, for weights stored sparse (decoded by DENSIFY).
    let sparsity: Sparsity?

    /// Whether the model stores this tensor's value (weights, biases, shape parameters).
    public var isConstant: Bool { !dataRange.isEmpty }

    /// Number of elements (product of the dimensions).
    public var elementCount: Int { shape.reduce(1, *) }

    init(table: FlatTable, index: Int, buffers: [Range<Int>], buffer: FlatBuffer) throws {
        self.index = index
        let name = try table.string(3, "name") ?? "tensor_\(index)"
        self.name = name
        shape = try table.int32Array(0, "shape")
        let rawType = try table.scalar(1, "type", default: Int8(0))
        guard let type = TensorType(rawValue: rawType) else {
            throw buffer.malformed("tensor #\(index) ('\(name)') has unknown element type \(rawType)")
        }
        self.type = type
        // Element count with overflow and plausibility checks: a tensor larger than 2^31
        // elements is a corrupted file, not a pose model.
        var count = 1
        for dimension in shape {
            guard dimension >= 0 else {
                throw buffer.malformed("tensor #\(index) ('\(name)') has a negative dimension in shape \(shape)")
            }
            let (product, overflow) = count.multipliedReportingOverflow(by: dimension)
            guard !overflow, product <= 1 << 31 else {
                throw buffer.malformed("tensor #\(index) ('\(name)') has an implausible shape \(shape)")
            }
            count = product
        }
        let bufferIndex = Int(try table.scalar(2, "buffer", default: UInt32(0)))
        guard bufferIndex < max(buffers.count, 1) else {
            throw buffer.malformed("tensor #\(index) ('\(name)') uses buffer #\(bufferIndex), but the model has \(buffers.count)")
        }
        dataRange = buffers.isEmpty ? 0..<0 : buffers[bufferIndex]
        if let sparsityTable = try table.table(6, "sparsity") {
            sparsity = try Sparsity(table: sparsityTable, buffer: buffer)
        } else {
            sparsity = nil
        }
        if !dataRange.isEmpty && sparsity == nil && type.byteSize > 0 {
            let expected = count * type.byteSize
            guard dataRange.count == expected else {
                throw buffer.malformed("tensor #\(index) ('\(name)') of shape \(shape) \(type) needs \(expected) bytes of data, but its buffer holds \(dataRange.count)")
            }
        }
    }
}

/// One operator of the model.
public struct OperatorInfo: Sendable {
    /// Position in the subgraph's operator list.
    public let index: Int
    /// Builtin operator code (see `BuiltinOperator`).
    public let code: Int
    /// The schema's name ("CONV_2D").
    public let name: String
    /// Input tensor indices (-1 marks an omitted optional input).
    public let inputs: [Int]
    /// Output tensor indices.
    public let outputs: [Int]
    /// The operator's builtin options, for the operators formcheck implements.
    let options: OperatorOptions
}

/// Builtin options of the operators formcheck implements.
enum OperatorOptions: Sendable {
    case none
    case conv2D(padding: Padding, strideW: Int, strideH: Int, activation: Activation, dilationW: Int, dilationH: Int)
    case depthwiseConv2D(padding: Padding, strideW: Int, strideH: Int, depthMultiplier: Int, activation: Activation, dilationW: Int, dilationH: Int)
    case pool2D(padding: Padding, strideW: Int, strideH: Int, filterW: Int, filterH: Int, activation: Activation)
    case concatenation(axis: Int, activation: Activation)
    case add(activation: Activation)
    case reshape(newShape: [Int])
    case resizeBilinear(alignCorners: Bool, halfPixelCenters: Bool)
    case depthToSpace(blockSize: Int)

    init(code: Int, table: FlatTable, operatorIndex: Int, name: String, buffer: FlatBuffer) throws {
        let optionsType = try table.scalar(3, "builtin_options_type", default: UInt8(0))
        let options = try table.table(4, "builtin_options")

        /// The options table, checked to be of the type the operator needs.
        func expect(_ type: UInt8) throws -> FlatTable? {
            guard let options else { return nil }
            guard optionsType == type else {
                throw buffer.malformed("operator #\(operatorIndex) (\(name)) carries options of union type \(optionsType), expected \(type)")
            }
            return options
        }
        func padding(_ t: FlatTable?) throws -> Padding {
            let raw = try t?.scalar(0, "padding", default: Int8(0)) ?? 0
            guard let value = Padding(rawValue: raw) else {
                throw buffer.malformed("operator #\(operatorIndex) (\(name)) has unknown padding \(raw)")
            }
            return value
        }
        func activation(_ t: FlatTable?, _ slot: Int) throws -> Activation {
            let raw = try t?.scalar(slot, "fused_activation_function", default: Int8(0)) ?? 0
            guard let value = Activation(rawValue: raw) else {
                throw buffer.malformed("operator #\(operatorIndex) (\(name)) has unknown fused activation \(raw)")
            }
            return value
        }
        func int(_ t: FlatTable?, _ slot: Int, _ field: String, _ defaultValue: Int32) throws -> Int {
            Int(try t?.scalar(slot, field, default: defaultValue) ?? defaultValue)
        }

        switch code {
        case BuiltinOperator.conv2D:
            let t = try expect(BuiltinOptionsType.conv2D)
            self = .conv2D(padding: try padding(t), strideW: try int(t, 1, "stride_w", 1), strideH: try int(t, 2, "stride_h", 1),
                           activation: try activation(t, 3), dilationW: try int(t, 4, "dilation_w_factor", 1),
                           dilationH: try int(t, 5, "dilation_h_factor", 1))
        case BuiltinOperator.depthwiseConv2D:
            let t = try expect(BuiltinOptionsType.depthwiseConv2D)
            self = .depthwiseConv2D(padding: try padding(t), strideW: try int(t, 1, "stride_w", 1), strideH: try int(t, 2, "stride_h", 1),
                                    depthMultiplier: try int(t, 3, "depth_multiplier", 1), activation: try activation(t, 4),
                                    dilationW: try int(t, 5, "dilation_w_factor", 1), dilationH: try int(t, 6, "dilation_h_factor", 1))
        case BuiltinOperator.maxPool2D:
            let t = try expect(BuiltinOptionsType.pool2D)
            self = .pool2D(padding: try padding(t), strideW: try int(t, 1, "stride_w", 1), strideH: try int(t, 2, "stride_h", 1),
                           filterW: try int(t, 3, "filter_width", 1), filterH: try int(t, 4, "filter_height", 1),
                           activation: try activation(t, 5))
        case BuiltinOperator.concatenation:
            let t = try expect(BuiltinOptionsType.concatenation)
            self = .concatenation(axis: try int(t, 0, "axis", 0), activation: try activation(t, 1))
        case BuiltinOperator.add:
            let t = try expect(BuiltinOptionsType.add)
            self = .add(activation: try activation(t, 0))
        case BuiltinOperator.reshape:
            let t = try expect(BuiltinOptionsType.reshape)
            self = .reshape(newShape: try t?.int32Array(0, "new_shape") ?? [])
        case BuiltinOperator.resizeBilinear:
            let t = try expect(BuiltinOptionsType.resizeBilinear)
            self = .resizeBilinear(alignCorners: try t?.bool(2, "align_corners") ?? false,
                                   halfPixelCenters: try t?.bool(3, "half_pixel_centers") ?? false)
        case BuiltinOperator.depthToSpace:
            let t = try expect(BuiltinOptionsType.depthToSpace)
            self = .depthToSpace(blockSize: try int(t, 0, "block_size", 0))
        default:
            self = .none
        }
    }
}
