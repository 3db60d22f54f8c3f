// Overlay drawing: shapes, blending, clipping and the bitmap font.

import Imaging
import Testing

@Suite("Drawing")
struct DrawingTests {
    let blank = RGBImage(width: 40, height: 30, fill: RGB(10, 10, 10))

    @Test("a thick horizontal line covers its rows fully and nothing far away")
    func horizontalLine() {
        var image = blank
        image.drawLine(from: ImagePoint(5, 15), to: ImagePoint(35, 15), color: .red, thickness: 4)
        #expect(image[20, 15] == .red && image[20, 13] == .red && image[20, 16] == .red)
        #expect(image[20, 5] == RGB(10, 10, 10) && image[1, 15] == RGB(10, 10, 10))
    }

    @Test("shapes partly or wholly outside are clipped, and huge coordinates are harmless")
    func clipping() {
        var image = blank
        image.drawLine(from: ImagePoint(-100, -100), to: ImagePoint(500, 400), color: .green, thickness: 3)
        image.fillCircle(center: ImagePoint(-5, -5), radius: 10, color: .blue)
        image.fillRectangle(x: 35, y: 25, width: 100, height: 100, color: .white)
        image.strokeRectangle(x: -10, y: -10, width: 200, height: 15, color: .yellow, thickness: 2)
        image.drawLine(from: ImagePoint(-1e30, 3), to: ImagePoint(1e30, 3), color: .cyan, thickness: 1)
        image.fillCircle(center: ImagePoint(.nan, 3), radius: 4, color: .magenta)
        image.drawText("CLIP", x: 30, y: 26, color: .white, scale: 3)
        #expect(image[0, 0] == .blue)
        #expect(image[39, 29] == .white)
        #expect(image.width == 40 && image.height == 30)

        var outside = blank
        outside.drawLine(from: ImagePoint(100, 100), to: ImagePoint(200, 150), color: .red, thickness: 5)
        outside.fillRectangle(x: -50, y: 0, width: 10, height: 10, color: .red)
        #expect(outside == blank)
    }

    @Test("a filled circle covers its centre, spares the corners, and is symmetric")
    func circle() {
        var image = RGBImage(width: 21, height: 21)
        image.fillCircle(center: ImagePoint(10.5, 10.5), radius: 6, color: .white)
        #expect(image[10, 10] == .white)
        #expect(image[0, 0] == .black)
        for y in 0..<21 {
            for x in 0..<21 {
                #expect(image[x, y] == image[20 - x, y] && image[x, y] == image[y, x])
            }
        }
    }

    @Test("opacity blends with what is underneath")
    func opacity() {
        var image = RGBImage(width: 4, height: 4, fill: RGB(100, 0, 200))
        image.fillRectangle(x: 0, y: 0, width: 4, height: 4, color: RGB(200, 100, 0), opacity: 0.5)
        #expect(image[2, 2] == RGB(150, 50, 100))
        image.fillRectangle(x: 0, y: 0, width: 1, height: 1, color: .white, opacity: 0)
        #expect(image[0, 0] == RGB(150, 50, 100))
    }

    @Test("pasting an image blends and clips it")
    func paste() {
        var image = blank
        let patch = RGBImage(width: 10, height: 10, fill: .white)
        image.draw(patch, x: 35, y: -5)
        #expect(image[36, 0] == .white && image[36, 5] == RGB(10, 10, 10) && image[34, 0] == RGB(10, 10, 10))
    }

    @Test("text is drawn with the bitmap font and measured")
    func text() {
        var image = RGBImage(width: 60, height: 20)
        let size = image.drawText("Hi 9°", x: 1, y: 1, color: .white)
        #expect(size.width == 5 * 6 - 1 && size.height == 8)
        #expect(BitmapFont.size(of: "ab\nc", scale: 2) == (width: 22, height: 34))
        // 'H' has ink in its left column on row 0 and a full bar on row 3.
        #expect(image[1, 1] == .white)
        #expect((1...5).allSatisfy { image[$0, 4] == .white })
        let inked = image.pixels.filter { $0 != 0 }.count
        #expect(inked > 0)
        // Unknown characters fall back to '?', never crash.
        var other = RGBImage(width: 20, height: 10)
        other.drawText("✓é", x: 0, y: 0, color: .white)
        var question = RGBImage(width: 20, height: 10)
        question.drawText("??", x: 0, y: 0, color: .white)
        #expect(other == question)
    }

    @Test("a background box keeps labels readable")
    func textBackground() {
        var image = RGBImage(width: 30, height: 15, fill: .white)
        image.drawText("A", x: 5, y: 5, color: .red, background: .black, backgroundOpacity: 1)
        #expect(image[4, 4] == .black)      // margin of the box
        #expect(image[6, 5] == .red)        // top bar of 'A'
        #expect(image[0, 0] == .white)
    }

    @Test("drawing on an empty image does nothing")
    func emptyImage() {
        var image = RGBImage(width: 0, height: 0)
        image.drawLine(from: ImagePoint(0, 0), to: ImagePoint(5, 5), color: .red)
        image.fillCircle(center: ImagePoint(0, 0), radius: 3, color: .red)
        image.drawText("x", x: 0, y: 0, color: .red)
        #expect(image.isEmpty)
    }
}
