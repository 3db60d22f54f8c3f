import CInferenceSIMD

/// Constant tensors, read from the model and folded at load time: DEQUANTIZE of fp16 weights and
/// DENSIFY of sparse weights run once here, never while the model runs.
struct ConstantTensor {
    enum Values {
        case float32([Float])
        case float16([UInt16])
        case int32([Int32])
    }

    let shape: [Int]
    var values: Values

    /// The values as floats (fp16 expanded), or nil for integer tensors.
    var floats: [Float]? {
        switch values {
        case let .float32(v):
            return v
        case let .float16(v):
            return [Float](unsafeUninitializedCapacity: v.count) { buffer, count in
                v.withUnsafeBufferPointer { source in
                    if let from = source.baseAddress, let to = buffer.baseAddress {
                        fc_halves_to_floats(from, to, v.count)
                    }
                }
                count = v.count
            }
        case .int32:
            return nil
        }
    }

    /// The values as integers, or nil for float tensors.
    var integers: [Int]? {
        if case let .int32(v) = values { return v.map(Int.init) }
        return nil
    }
}

/// Converts IEEE 754 half-precision bits to a Float (exact: every half is a float): the scalar
/// reference twin of `fc_halves_to_floats`, which `ConstantTensor.floats` uses.
func floatFromHalf(_ bits: UInt16) -> Float {
    let sign = UInt32(bits & 0x8000) << 16
    let exponent = Int((bits >> 10) & 0x1F)
    let mantissa = UInt32(bits & 0x3FF)
    let result: UInt32
    if exponent == 0x1F {
        // Infinity, or NaN made quiet (as the hardware conversion does; weights hold none).
        result = sign | 0x7F80_0000 | (mantissa << 13) | (mantissa == 0 ? 0 : 0x0040_0000)
    } else if exponent != 0 {
        result = sign | UInt32(exponent + 112) << 23 | (mantissa << 13)
    } else if mantissa == 0 {
        result = sign                                          // ±0
    } else {
        // Subnormal half: normalise.
        var m = mantissa
        var e = 113
        while m & 0x400 == 0 { m <<= 1; e -= 1 }
        result = sign | UInt32(e) << 23 | ((m & 0x3FF) << 13)
    }
    return Float(bitPattern: result)
}

extension TFLiteModel {
    /// Reads constant tensor `index` (dense or sparse as stored), or throws if its type is not
    /// one the engine uses for constants.
    func readConstant(_ index: Int) throws -> ConstantTensor {
        let info = tensors[index]
        let raw = constantBytes(of: index)
        let values: ConstantTensor.Values
        /// The bytes as little-endian values of `T`, copied in one go (the file format and every
        /// machine formcheck runs on are little-endian).
        func read<T: FixedWidthInteger>(_: T.Type) -> [T] {
            let count = raw.count / MemoryLayout<T>.size
            return [T](unsafeUninitializedCapacity: count) { buffer, initialized in
                raw.withUnsafeBytes { bytes in
                    if let base = bytes.baseAddress, let destination = buffer.baseAddress, count > 0 {
                        UnsafeMutableRawPointer(destination).copyMemory(from: base, byteCount: count * MemoryLayout<T>.size)
                    }
                }
                initialized = count
            }
        }
        switch info.type {
        case .float32: values = .float32(read(UInt32.self).map { Float(bitPattern: UInt32(littleEndian: $0)) })
        case .float16: values = .float16(read(UInt16.self))
        case .int32: values = .int32(read(Int32.self))
        default:
            throw InferenceError.unsupportedModel(path: path, reason: "constant tensor '\(info.name)' has type \(info.type); only FLOAT32, FLOAT16 and INT32 constants are supported")
        }
        return ConstantTensor(shape: info.shape, values: values)
    }
}
