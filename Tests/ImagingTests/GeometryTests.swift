// Quarter turns, flips, EXIF orientations, resizing and thumbnails.

import Imaging
import Testing

@Suite("Turning and resizing")
struct GeometryTests {
    let image = testPattern(width: 5, height: 3)

    @Test("a quarter turn clockwise moves the top-left pixel to the top-right")
    func quarterTurn() {
        let turned = image.rotated(.clockwise90)
        #expect(turned.width == 3 && turned.height == 5)
        #expect(turned[2, 0] == image[0, 0])
        #expect(turned[0, 0] == image[0, 2])
        #expect(turned[0, 4] == image[4, 2])
    }

    @Test("four quarter turns, two half turns and 90 + 270 are the identity")
    func turnsCompose() {
        #expect(image.rotated(.clockwise90).rotated(.clockwise90).rotated(.clockwise90).rotated(.clockwise90) == image)
        #expect(image.rotated(.half).rotated(.half) == image)
        #expect(image.rotated(.clockwise90).rotated(.clockwise270) == image)
        #expect(image.rotated(.clockwise90).rotated(.clockwise90) == image.rotated(.half))
        #expect(image.rotated(.none) == image)
    }

    @Test("EXIF orientations map to the right transforms", arguments: 1...8)
    func exif(orientation: Int) {
        let expected: RGBImage
        switch orientation {
        case 2: expected = image.flippedHorizontally()
        case 3: expected = image.rotated(.half)
        case 4: expected = image.flippedVertically()
        case 5: expected = image.rotated(.clockwise90).flippedHorizontally()
        case 6: expected = image.rotated(.clockwise90)
        case 7: expected = image.rotated(.clockwise270).flippedHorizontally()
        case 8: expected = image.rotated(.clockwise270)
        default: expected = image
        }
        #expect(image.applyingEXIFOrientation(orientation) == expected)
    }

    @Test("area downscale by 2 averages 2x2 blocks")
    func areaAverage() {
        let source = RGBImage(width: 4, height: 2) { x, _ in x < 2 ? RGB(10, 20, 30) : RGB(50, 100, 151) }
        let small = source.resized(width: 2, height: 1, method: .area)
        #expect(small[0, 0] == RGB(10, 20, 30))
        #expect(small[1, 0] == RGB(50, 100, 151))
        let one = source.resized(width: 1, height: 1, method: .area)
        #expect(one[0, 0] == RGB(30, 60, 91))  // 90.5 rounds half away from zero
    }

    @Test("a uniform image stays uniform at any size", arguments: [(1, 1), (7, 3), (40, 90)], [ResizeMethod.area, .bilinear])
    func uniform(size: (Int, Int), method: ResizeMethod) {
        let grey = RGBImage(width: 13, height: 9, fill: RGB(77, 88, 99))
        let out = grey.resized(width: size.0, height: size.1, method: method)
        #expect(out == RGBImage(width: size.0, height: size.1, fill: RGB(77, 88, 99)))
    }

    @Test("bilinear enlargement by 2 interpolates between neighbours")
    func bilinear() {
        let source = RGBImage(width: 2, height: 1) { x, _ in x == 0 ? .black : RGB(200, 200, 200) }
        let big = source.resized(width: 4, height: 1, method: .bilinear)
        #expect(big.pixels.enumerated().filter { $0.offset % 3 == 0 }.map(\.element) == [0, 50, 150, 200])
    }

    @Test("thumbnails keep the aspect ratio and never grow")
    func thumbnail() {
        let photo = testPattern(width: 640, height: 480)
        let thumb = photo.thumbnail(maxSide: 160)
        #expect(thumb.width == 160 && thumb.height == 120)
        #expect(testPattern(width: 30, height: 20).thumbnail(maxSide: 100).width == 30)
        #expect(testPattern(width: 1000, height: 3).thumbnail(maxSide: 100).height == 1)
    }
}
