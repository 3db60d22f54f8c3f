// A point in continuous image coordinates.

/// A point in image pixels, continuous: pixel (i, j) covers [i, i+1) × [j, j+1), so its
/// centre is (i + 0.5, j + 0.5). This is MediaPipe's convention for landmark `x_px`/`y_px`
/// (normalised coordinate × image size), so landmarks can be drawn as they are.
public struct ImagePoint: Sendable, Hashable {
    /// Horizontal position in pixels, from the left edge.
    public var x: Float
    /// Vertical position in pixels, from the top edge (y points down).
    public var y: Float

    /// A point from its coordinates in pixels.
    public init(_ x: Float, _ y: Float) {
        self.x = x
        self.y = y
    }
}
