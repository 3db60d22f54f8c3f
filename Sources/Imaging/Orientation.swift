// Quarter turns, mirror images and EXIF orientations.

/// A quarter-turn rotation, clockwise as seen on screen.
public enum QuarterTurn: Int, Sendable, Hashable, CaseIterable {
    /// No turn.
    case none = 0
    /// A quarter turn clockwise.
    case clockwise90 = 90
    /// A half turn.
    case half = 180
    /// Three quarter turns clockwise (a quarter turn anticlockwise).
    case clockwise270 = 270
}

extension RGBImage {
    /// The image turned clockwise by `turn` (90° and 270° swap width and height).
    ///
    /// A pixel at (x, y) goes to (H−1−y, x) for 90°, (W−1−x, H−1−y) for 180° and (y, W−1−x)
    /// for 270°, where W×H is the size of this image.
    public func rotated(_ turn: QuarterTurn) -> RGBImage {
        switch turn {
        case .none: return self
        case .clockwise90: return remapped(width: height, height: width) { x, y in (y, height - 1 - x) }
        case .half: return remapped(width: width, height: height) { x, y in (width - 1 - x, height - 1 - y) }
        case .clockwise270: return remapped(width: height, height: width) { x, y in (width - 1 - y, x) }
        }
    }

    /// The mirror image, left to right.
    public func flippedHorizontally() -> RGBImage {
        remapped(width: width, height: height) { x, y in (width - 1 - x, y) }
    }

    /// The mirror image, top to bottom.
    public func flippedVertically() -> RGBImage {
        remapped(width: width, height: height) { x, y in (x, height - 1 - y) }
    }

    /// Rows become columns: the pixel at (x, y) goes to (y, x).
    public func transposed() -> RGBImage {
        remapped(width: height, height: width) { x, y in (y, x) }
    }

    /// The image as it should be displayed, given an EXIF orientation value (1...8).
    ///
    /// 1 unchanged, 2 mirrored, 3 turned 180°, 4 flipped vertically, 5 transposed, 6 turned 90°
    /// clockwise, 7 transversed (transposed then turned 180°), 8 turned 270° clockwise. Other values are ignored.
    public func applyingEXIFOrientation(_ orientation: Int) -> RGBImage {
        switch orientation {
        case 2: return flippedHorizontally()
        case 3: return rotated(.half)
        case 4: return flippedVertically()
        case 5: return transposed()
        case 6: return rotated(.clockwise90)
        case 7: return transposed().rotated(.half)
        case 8: return rotated(.clockwise270)
        default: return self
        }
    }

    /// A new `width`×`height` image whose pixel (x, y) is this image's pixel `source(x, y)`.
    private func remapped(width newWidth: Int, height newHeight: Int,
                          source: (_ x: Int, _ y: Int) -> (Int, Int)) -> RGBImage {
        let out = [UInt8](unsafeUninitializedCapacity: newWidth * newHeight * 3) { buffer, initialized in
            pixels.withUnsafeBufferPointer { src in
                var o = 0
                for y in 0..<newHeight {
                    for x in 0..<newWidth {
                        let (sx, sy) = source(x, y)
                        let i = (sy * width + sx) * 3
                        buffer[o] = src[i]
                        buffer[o + 1] = src[i + 1]
                        buffer[o + 2] = src[i + 2]
                        o += 3
                    }
                }
            }
            initialized = newWidth * newHeight * 3
        }
        return RGBImage(width: newWidth, height: newHeight, pixels: out)
    }
}
