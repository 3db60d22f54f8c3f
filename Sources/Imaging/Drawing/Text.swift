// Text labels drawn with the built-in bitmap font.

extension RGBImage {
    /// Draws `text` with its top-left corner at (x, y) in the built-in 5×7 font, each font
    /// pixel a `scale`×`scale` block; lines split at "\n". Clipped at the borders.
    ///
    /// With a `background`, the text's box (plus `scale` pixels of margin) is first filled
    /// with it at `backgroundOpacity`, which keeps labels readable on busy photos. Returns the
    /// size of the text in pixels, without the margin.
    @discardableResult
    public mutating func drawText(_ text: String, x: Int, y: Int, color: RGB, scale: Int = 1,
                                  background: RGB? = nil, backgroundOpacity: Float = 0.6,
                                  opacity: Float = 1) -> (width: Int, height: Int) {
        let scale = max(scale, 1)
        let size = BitmapFont.size(of: text, scale: scale)
        if let background {
            fillRectangle(x: x - scale, y: y - scale, width: size.width + 2 * scale, height: size.height + 2 * scale,
                          color: background, opacity: backgroundOpacity)
        }
        var lineTop = y
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var left = x
            for character in line {
                let rows = BitmapFont.rows(for: character)
                for (row, mask) in rows.enumerated() where mask != 0 {
                    for column in 0..<BitmapFont.glyphWidth where mask & (0x10 >> UInt8(column)) != 0 {
                        fillRectangle(x: left + column * scale, y: lineTop + row * scale,
                                      width: scale, height: scale, color: color, opacity: opacity)
                    }
                }
                left += BitmapFont.advance * scale
            }
            lineTop += BitmapFont.lineHeight * scale
        }
        return size
    }
}
