// Resizing: bilinear and area (box) filters, and thumbnails.

/// How `resized` computes each output pixel.
public enum ResizeMethod: Sendable, Hashable {
    /// Bilinear interpolation between the 4 nearest source pixels, pixel centres aligned
    /// (source x = (x + 0.5)·scale − 0.5, clamped at the edges), as OpenCV's `INTER_LINEAR`.
    case bilinear
    /// The average over the source area each output pixel covers, with fractional weights at
    /// its edges (OpenCV's `INTER_AREA`): the right filter for shrinking. When enlarging
    /// it is the same as `.bilinear`.
    case area
}

extension RGBImage {
    /// This image resized to `width`×`height` (each ≥ 1) with `method`; results are rounded to
    /// the nearest byte.
    public func resized(width newWidth: Int, height newHeight: Int, method: ResizeMethod = .area) -> RGBImage {
        precondition(newWidth >= 1 && newHeight >= 1, "resize target \(newWidth)x\(newHeight) must be at least 1x1")
        if isEmpty { return RGBImage(width: newWidth, height: newHeight) }
        if newWidth == width && newHeight == height { return self }
        let useArea = method == .area && newWidth <= width && newHeight <= height
        let columns = useArea ? ResampleWeights.area(source: width, destination: newWidth)
                              : ResampleWeights.bilinear(source: width, destination: newWidth)
        let rows = useArea ? ResampleWeights.area(source: height, destination: newHeight)
                           : ResampleWeights.bilinear(source: height, destination: newHeight)
        return ResampleWeights.apply(columns: columns, rows: rows, to: self, width: newWidth, height: newHeight)
    }

    /// This image shrunk (area filter) so that its longer side is at most `maxSide` pixels,
    /// keeping the aspect ratio; unchanged if it is already small enough.
    public func thumbnail(maxSide: Int) -> RGBImage {
        precondition(maxSide >= 1, "thumbnail side must be at least 1")
        let longest = max(width, height)
        guard longest > maxSide, !isEmpty else { return self }
        let scale = Double(maxSide) / Double(longest)
        let w = max(1, Int((Double(width) * scale).rounded()))
        let h = max(1, Int((Double(height) * scale).rounded()))
        return resized(width: min(w, maxSide), height: min(h, maxSide), method: .area)
    }
}
