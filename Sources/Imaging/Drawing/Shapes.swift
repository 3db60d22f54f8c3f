// Anti-aliased lines and circles, rectangles and pasted images, blended with an opacity.

extension RGBImage {
    /// Draws a straight line with round caps, `thickness` pixels wide, anti-aliased.
    ///
    /// `opacity` (0...1) blends the colour over what is there. Parts outside the image are
    /// clipped; a zero-length line draws a dot.
    public mutating func drawLine(from a: ImagePoint, to b: ImagePoint, color: RGB,
                                  thickness: Float = 2, opacity: Float = 1) {
        let radius = max(thickness, 0) / 2
        let dx = b.x - a.x, dy = b.y - a.y
        let lengthSquared = dx * dx + dy * dy
        paint(minX: min(a.x, b.x) - radius, maxX: max(a.x, b.x) + radius,
              minY: min(a.y, b.y) - radius, maxY: max(a.y, b.y) + radius,
              color: color, opacity: opacity) { px, py in
            var t: Float = 0
            if lengthSquared > 0 {
                t = min(max(((px - a.x) * dx + (py - a.y) * dy) / lengthSquared, 0), 1)
            }
            let ex = px - (a.x + t * dx), ey = py - (a.y + t * dy)
            return radius + 0.5 - (ex * ex + ey * ey).squareRoot()
        }
    }

    /// Fills a disc of `radius` pixels around `center`, anti-aliased, clipped at the borders.
    public mutating func fillCircle(center: ImagePoint, radius: Float, color: RGB, opacity: Float = 1) {
        let r = max(radius, 0)
        paint(minX: center.x - r, maxX: center.x + r, minY: center.y - r, maxY: center.y + r,
              color: color, opacity: opacity) { px, py in
            let ex = px - center.x, ey = py - center.y
            return r + 0.5 - (ex * ex + ey * ey).squareRoot()
        }
    }

    /// Draws a circle's outline, `thickness` pixels wide, anti-aliased, clipped at the borders.
    public mutating func strokeCircle(center: ImagePoint, radius: Float, color: RGB,
                                      thickness: Float = 2, opacity: Float = 1) {
        let half = max(thickness, 0) / 2, r = max(radius, 0)
        paint(minX: center.x - r - half, maxX: center.x + r + half,
              minY: center.y - r - half, maxY: center.y + r + half,
              color: color, opacity: opacity) { px, py in
            let ex = px - center.x, ey = py - center.y
            return half + 0.5 - abs((ex * ex + ey * ey).squareRoot() - r)
        }
    }

    /// Fills the pixels x..<x+width, y..<y+height (clipped to the image) with `color`.
    public mutating func fillRectangle(x: Int, y: Int, width w: Int, height h: Int, color: RGB, opacity: Float = 1) {
        let x0 = max(x, 0), y0 = max(y, 0)
        let x1 = min(x.addingReportingOverflow(w).partialValue, width)
        let y1 = min(y.addingReportingOverflow(h).partialValue, height)
        guard x0 < x1, y0 < y1 else { return }
        let alpha = min(max(opacity, 0), 1)
        let imageWidth = width
        withUnsafeMutableBytes { pixels in
            for row in y0..<y1 {
                for column in x0..<x1 {
                    Blend.pixel(pixels, (row * imageWidth + column) * 3, color, alpha)
                }
            }
        }
    }

    /// Draws the outline of the rectangle x..<x+width, y..<y+height, `thickness` pixels
    /// wide on the inside, clipped to the image.
    public mutating func strokeRectangle(x: Int, y: Int, width w: Int, height h: Int, color: RGB,
                                         thickness: Int = 1, opacity: Float = 1) {
        guard w > 0, h > 0, thickness > 0 else { return }
        let t = min(thickness, (min(w, h) + 1) / 2)
        fillRectangle(x: x, y: y, width: w, height: t, color: color, opacity: opacity)
        fillRectangle(x: x, y: y + h - t, width: w, height: t, color: color, opacity: opacity)
        fillRectangle(x: x, y: y + t, width: t, height: h - 2 * t, color: color, opacity: opacity)
        fillRectangle(x: x + w - t, y: y + t, width: t, height: h - 2 * t, color: color, opacity: opacity)
    }

    /// Pastes `image` with its top-left corner at (x, y), blended with `opacity`, clipped.
    public mutating func draw(_ image: RGBImage, x: Int, y: Int, opacity: Float = 1) {
        let x0 = max(x, 0), y0 = max(y, 0)
        let x1 = min(x + image.width, width), y1 = min(y + image.height, height)
        guard x0 < x1, y0 < y1 else { return }
        let alpha = min(max(opacity, 0), 1)
        let imageWidth = width
        image.withUnsafeBytes { src in
            withUnsafeMutableBytes { pixels in
                for row in y0..<y1 {
                    for column in x0..<x1 {
                        let s = ((row - y) * image.width + (column - x)) * 3
                        Blend.pixel(pixels, (row * imageWidth + column) * 3, RGB(src[s], src[s + 1], src[s + 2]), alpha)
                    }
                }
            }
        }
    }

    /// Blends `color` into every pixel of the box [minX, maxX] × [minY, maxY] (clipped) with
    /// coverage `coverage(centreX, centreY)` (clamped to 0...1) times `opacity`.
    private mutating func paint(minX: Float, maxX: Float, minY: Float, maxY: Float, color: RGB,
                                opacity: Float, coverage: (Float, Float) -> Float) {
        guard !isEmpty, opacity > 0, minX.isFinite, maxX.isFinite, minY.isFinite, maxY.isFinite else { return }
        // Clamp in float first so that far-away shapes cannot overflow the Int conversion.
        let w = Float(width), h = Float(height)
        let x0 = Int(min(max(minX - 1, 0), w).rounded(.down)), x1 = Int(min(max(maxX + 1, -1), w - 1).rounded(.up))
        let y0 = Int(min(max(minY - 1, 0), h).rounded(.down)), y1 = Int(min(max(maxY + 1, -1), h - 1).rounded(.up))
        guard x0 <= x1, y0 <= y1 else { return }
        let alpha = min(opacity, 1)
        let imageWidth = width
        withUnsafeMutableBytes { pixels in
            for row in y0...y1 {
                for column in x0...x1 {
                    let c = coverage(Float(column) + 0.5, Float(row) + 0.5)
                    guard c > 0 else { continue }  // also skips NaN from degenerate shapes
                    Blend.pixel(pixels, (row * imageWidth + column) * 3, color, alpha * min(c, 1))
                }
            }
        }
    }
}

/// Alpha blending of one colour into one pixel.
enum Blend {
    /// `out = out + (color − out) · alpha`, rounded; alpha in 0...1.
    @inline(__always)
    static func pixel(_ pixels: UnsafeMutableBufferPointer<UInt8>, _ offset: Int, _ color: RGB, _ alpha: Float) {
        if alpha >= 1 {
            pixels[offset] = color.r
            pixels[offset + 1] = color.g
            pixels[offset + 2] = color.b
            return
        }
        pixels[offset] = mix(pixels[offset], color.r, alpha)
        pixels[offset + 1] = mix(pixels[offset + 1], color.g, alpha)
        pixels[offset + 2] = mix(pixels[offset + 2], color.b, alpha)
    }

    @inline(__always)
    static func mix(_ under: UInt8, _ over: UInt8, _ alpha: Float) -> UInt8 {
        guard alpha > 0 else { return under }
        let value = Float(under) + (Float(over) - Float(under)) * alpha
        return UInt8(min(max(value.rounded(), 0), 255))
    }
}
