/// Operators that only move values: PAD, DEPTH_TO_SPACE, CONCATENATION.

/// PAD with zeros on a tensor of up to 4 dimensions (shapes given padded to 4 with leading 1s).
///
/// `paddings[d]` is (before, after) for dimension d. Copies contiguous runs of the innermost
/// dimension and zero-fills the rest.
func padF32(input: UnsafePointer<Float>, inputShape: [Int], paddings: [(before: Int, after: Int)],
            output: UnsafeMutablePointer<Float>, outputShape: [Int]) {
    precondition(inputShape.count == 4 && outputShape.count == 4 && paddings.count == 4)
    let total = outputShape.reduce(1, *)
    output.update(repeating: 0, count: total)
    let inner = inputShape[3]
    for n in 0..<inputShape[0] {
        for y in 0..<inputShape[1] {
            for x in 0..<inputShape[2] {
                let source = input + ((n * inputShape[1] + y) * inputShape[2] + x) * inner
                let on = n + paddings[0].before, oy = y + paddings[1].before, ox = x + paddings[2].before
                let destination = output + ((on * outputShape[1] + oy) * outputShape[2] + ox) * outputShape[3] + paddings[3].before
                destination.update(from: source, count: inner)
            }
        }
    }
}

/// Scalar reference twin of `padF32`: one element at a time, by output index.
func padReference(input: UnsafePointer<Float>, inputShape: [Int], paddings: [(before: Int, after: Int)],
                  output: UnsafeMutablePointer<Float>, outputShape: [Int]) {
    var index = 0
    for n in 0..<outputShape[0] {
        for y in 0..<outputShape[1] {
            for x in 0..<outputShape[2] {
                for c in 0..<outputShape[3] {
                    let i = [n - paddings[0].before, y - paddings[1].before, x - paddings[2].before, c - paddings[3].before]
                    let inside = zip(i, inputShape).allSatisfy { $0 >= 0 && $0 < $1 }
                    output[index] = inside ? input[((i[0] * inputShape[1] + i[1]) * inputShape[2] + i[2]) * inputShape[3] + i[3]] : 0
                    index += 1
                }
            }
        }
    }
}

/// DEPTH_TO_SPACE (NHWC, batch 1): output[y][x][c] = input[y/b][x/b][((y%b)·b + x%b)·C' + c].
func depthToSpaceF32(input: UnsafePointer<Float>, height: Int, width: Int, channels: Int, block: Int,
                     output: UnsafeMutablePointer<Float>) {
    let outChannels = channels / (block * block)
    let outWidth = width * block
    for y in 0..<height {
        for x in 0..<width {
            let source = input + (y * width + x) * channels
            for by in 0..<block {
                for bx in 0..<block {
                    let destination = output + ((y * block + by) * outWidth + x * block + bx) * outChannels
                    destination.update(from: source + (by * block + bx) * outChannels, count: outChannels)
                }
            }
        }
    }
}

/// Scalar reference twin of `depthToSpaceF32`.
func depthToSpaceReference(input: UnsafePointer<Float>, height: Int, width: Int, channels: Int, block: Int,
                           output: UnsafeMutablePointer<Float>) {
    let outChannels = channels / (block * block)
    for oy in 0..<(height * block) {
        for ox in 0..<(width * block) {
            for c in 0..<outChannels {
                let iy = oy / block, ix = ox / block
                let ic = ((oy % block) * block + ox % block) * outChannels + c
                output[(oy * width * block + ox) * outChannels + c] = input[(iy * width + ix) * channels + ic]
            }
        }
    }
}

/// CONCATENATION along one axis: `outer` repetitions of each input's contiguous run.
///
/// `runs[i]` is input i's extent along the axis times everything inside it.
func concatenateF32(inputs: [UnsafePointer<Float>], runs: [Int], outer: Int, output: UnsafeMutablePointer<Float>) {
    let total = runs.reduce(0, +)
    for o in 0..<outer {
        var destination = output + o * total
        for (input, run) in zip(inputs, runs) {
            destination.update(from: input + o * run, count: run)
            destination += run
        }
    }
}
