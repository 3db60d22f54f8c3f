import Foundation
import Testing
@testable import Inference

@Suite struct TensorFileTests {
    @Test func npyRoundTrip() throws {
        for shape in [[3], [1, 195], [2, 3, 4], [1, 1, 1, 1]] {
            var random = SeededRandom(seed: UInt64(shape.count))
            let tensor = NPY.Tensor(shape: shape, values: random.floats(shape.reduce(1, *)))
            let decoded = try NPY.decode(NPY.encode(tensor), path: "memory")
            #expect(decoded == tensor)
            #expect(NPY.encode(tensor).count % 64 == (tensor.values.count * 4) % 64)  // data starts 64-aligned
        }
    }

    @Test func readsNumPysOwnFiles() throws {
        let tensor = try NPY.read(path: TestSupport.reference("pose_landmark_full_out0_Identity.npy").path)
        #expect(tensor.shape == [1, 195])
        #expect(tensor.values.count == 195)
    }

    @Test func rejectsOtherFiles() {
        #expect(throws: InferenceError.self) { try NPY.decode(Array("hello".utf8), path: "x.npy") }
        // A float64 array header.
        var header = "{'descr': '<f8', 'fortran_order': False, 'shape': (2,), }"
        header += String(repeating: " ", count: 127 - 10 - header.count) + "\n"
        let bytes: [UInt8] = [0x93] + Array("NUMPY".utf8) + [1, 0, UInt8(header.utf8.count), 0] + Array(header.utf8) + [UInt8](repeating: 0, count: 16)
        #expect(throws: InferenceError.self) { try NPY.decode(bytes, path: "f8.npy") }
        // Truncated data.
        let good = NPY.encode(NPY.Tensor(shape: [4], values: [1, 2, 3, 4]))
        #expect(throws: InferenceError.self) { try NPY.decode(Array(good.dropLast(3)), path: "short.npy") }
    }

    @Test func halfPrecision() {
        #expect(floatFromHalf(0x3C00) == 1)
        #expect(floatFromHalf(0xC000) == -2)
        #expect(floatFromHalf(0x7BFF) == 65504)
        #expect(floatFromHalf(0x0001) == Float(sign: .plus, exponent: -24, significand: 1))
        #expect(floatFromHalf(0x0200) == Float(sign: .plus, exponent: -15, significand: 1))
        #expect(floatFromHalf(0x8000).sign == .minus && floatFromHalf(0x8000) == 0)
        #expect(floatFromHalf(0x7C00) == .infinity)
        #expect(floatFromHalf(0x7E00).isNaN)
        #expect(floatFromHalf(0x3555) == Float(0.33325195))
        // The vectorised conversion weights go through, for every one of the 65536 halves
        // (compared bit for bit, so NaNs count too), at an odd length to reach its tail.
        let halves = (0...UInt16.max).map { $0 } + [0x3C00]
        let converted = ConstantTensor(shape: [halves.count], values: .float16(halves)).floats ?? []
        #expect(converted.count == halves.count)
        let mismatches = zip(halves, converted).filter { floatFromHalf($0.0).bitPattern != $0.1.bitPattern }.map(\.0)
        let first = mismatches.first.map { String($0, radix: 16) } ?? ""
        #expect(mismatches.count == 0, "\(mismatches.count) halves convert differently, first 0x\(first)")
    }

    @Test func densifiesCSR() throws {
        // A 3×4 matrix [[1,0,0,2],[0,0,0,0],[0,3,4,0]] stored row-major, columns compressed.
        let sparsity = Sparsity(traversalOrder: [0, 1], blockMap: [],
                                dimensions: [.dense(size: 3), .compressed(segments: [0, 2, 2, 4], indices: [0, 3, 1, 2])])
        let dense = try sparsity.densify([Float(1), 2, 3, 4], shape: [3, 4], zero: 0) { InferenceError.malformedModel(path: "t", reason: $0) }
        #expect(dense == [1, 0, 0, 2, 0, 0, 0, 0, 0, 3, 4, 0])
        // A 2×4 matrix in 1×2 blocks: blocks (0,0)=[5,6] and (1,1)=[7,8].
        let blocked = Sparsity(traversalOrder: [0, 1, 2], blockMap: [1],
                               dimensions: [.dense(size: 2), .compressed(segments: [0, 1, 2], indices: [0, 1]), .dense(size: 2)])
        let expanded = try blocked.densify([Float(5), 6, 7, 8], shape: [2, 4], zero: 0) { InferenceError.malformedModel(path: "t", reason: $0) }
        #expect(expanded == [5, 6, 0, 0, 0, 0, 7, 8])
        // Indices out of range are reported, not trusted.
        let broken = Sparsity(traversalOrder: [0, 1], blockMap: [],
                              dimensions: [.dense(size: 3), .compressed(segments: [0, 2, 2, 9], indices: [0, 3, 1, 2])])
        #expect(throws: InferenceError.self) {
            try broken.densify([Float(1), 2, 3, 4], shape: [3, 4], zero: 0) { InferenceError.malformedModel(path: "t", reason: $0) }
        }
    }
}
