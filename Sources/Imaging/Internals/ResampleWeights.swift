// Separable resampling weights (bilinear and area) and their application.

/// Per-axis resampling weights: for each output index, source indices with weights summing to 1.
struct ResampleWeights {
    /// For output i: taps `start[i]..<start[i] + count[i]` of `indices`/`weights`.
    var start: [Int]
    var count: [Int]
    var indices: [Int]
    var weights: [Float]

    static func bilinear(source: Int, destination: Int) -> ResampleWeights {
        var result = ResampleWeights(start: [], count: [], indices: [], weights: [])
        let scale = Double(source) / Double(destination)
        for i in 0..<destination {
            let position = min(max((Double(i) + 0.5) * scale - 0.5, 0), Double(source - 1))
            let i0 = Int(position)
            let i1 = min(i0 + 1, source - 1)
            let fraction = Float(position - Double(i0))
            result.start.append(result.indices.count)
            result.count.append(2)
            result.indices += [i0, i1]
            result.weights += [1 - fraction, fraction]
        }
        return result
    }

    static func area(source: Int, destination: Int) -> ResampleWeights {
        var result = ResampleWeights(start: [], count: [], indices: [], weights: [])
        let scale = Double(source) / Double(destination)
        for i in 0..<destination {
            let begin = Double(i) * scale, end = min(Double(i + 1) * scale, Double(source))
            result.start.append(result.indices.count)
            var j = Int(begin)
            var taps = 0
            while Double(j) < end && j < source {
                let overlap = min(end, Double(j + 1)) - max(begin, Double(j))
                if overlap > 1e-9 {
                    result.indices.append(j)
                    result.weights.append(Float(overlap / (end - begin)))
                    taps += 1
                }
                j += 1
            }
            result.count.append(taps)
        }
        return result
    }

    /// Separable resampling: columns first into a float buffer, then rows.
    static func apply(columns: ResampleWeights, rows: ResampleWeights, to image: RGBImage,
                      width: Int, height: Int) -> RGBImage {
        let sourceWidth = image.width, sourceHeight = image.height
        var horizontal = [Float](repeating: 0, count: width * sourceHeight * 3)
        image.withUnsafeBytes { src in
            horizontal.withUnsafeMutableBufferPointer { out in
                for y in 0..<sourceHeight {
                    let row = y * sourceWidth * 3
                    for x in 0..<width {
                        var r: Float = 0, g: Float = 0, b: Float = 0
                        for t in columns.start[x]..<(columns.start[x] + columns.count[x]) {
                            let o = row + columns.indices[t] * 3, w = columns.weights[t]
                            r += w * Float(src[o]); g += w * Float(src[o + 1]); b += w * Float(src[o + 2])
                        }
                        let o = (y * width + x) * 3
                        out[o] = r; out[o + 1] = g; out[o + 2] = b
                    }
                }
            }
        }
        let pixels = [UInt8](unsafeUninitializedCapacity: width * height * 3) { out, initialized in
            horizontal.withUnsafeBufferPointer { src in
                for y in 0..<height {
                    for x in 0..<width * 3 {
                        var sum: Float = 0
                        for t in rows.start[y]..<(rows.start[y] + rows.count[y]) {
                            sum += rows.weights[t] * src[rows.indices[t] * width * 3 + x]
                        }
                        out[y * width * 3 + x] = UInt8(min(max(sum.rounded(), 0), 255))
                    }
                }
            }
            initialized = width * height * 3
        }
        return RGBImage(width: width, height: height, pixels: pixels)
    }
}
