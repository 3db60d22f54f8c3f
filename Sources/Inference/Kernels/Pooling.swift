/// MAX_POOL_2D on NHWC (batch 1): positions outside the input are skipped (not zero).
func maxPoolF32(_ g: ConvGeometry, input: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>, clamp: Clamp) {
    let channels = g.inputChannels
    for oy in 0..<g.outputHeight {
        for ox in 0..<g.outputWidth {
            let out = output + (oy * g.outputWidth + ox) * channels
            var c = 0
            while c < channels {
                let width = min(16, channels - c)
                var best = SIMD16<Float>(repeating: -.infinity)
                for ky in 0..<g.kernelHeight {
                    let iy = g.inputRow(oy) + ky
                    guard iy >= 0 && iy < g.inputHeight else { continue }
                    for kx in 0..<g.kernelWidth {
                        let ix = g.inputColumn(ox) + kx
                        guard ix >= 0 && ix < g.inputWidth else { continue }
                        let p = input + (iy * g.inputWidth + ix) * channels + c
                        if width == 16 {
                            best = best.lanewiseMax(loadVector(p, as: SIMD16<Float>.self))
                        } else {
                            for j in 0..<width { best[j] = max(best[j], p[j]) }
                        }
                    }
                }
                for j in 0..<width { out[c + j] = clamp.apply(best[j]) }
                c += width
            }
        }
    }
}

/// Scalar reference twin of `maxPoolF32`.
func maxPoolReference(_ g: ConvGeometry, input: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>, clamp: Clamp) {
    let channels = g.inputChannels
    for oy in 0..<g.outputHeight {
        for ox in 0..<g.outputWidth {
            for c in 0..<channels {
                var best = -Float.infinity
                for ky in 0..<g.kernelHeight {
                    for kx in 0..<g.kernelWidth {
                        let iy = oy * g.strideHeight - g.padTop + ky, ix = ox * g.strideWidth - g.padLeft + kx
                        guard iy >= 0, iy < g.inputHeight, ix >= 0, ix < g.inputWidth else { continue }
                        best = max(best, input[(iy * g.inputWidth + ix) * channels + c])
                    }
                }
                output[(oy * g.outputWidth + ox) * channels + c] = clamp.apply(best)
            }
        }
    }
}
