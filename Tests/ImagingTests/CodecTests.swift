// JPEG and PNG decoding against cv2.imread, encoding round trips, format sniffing.

import Foundation
import Imaging
import Testing

@Suite("Decoding matches cv2.imread")
struct DecodeFixtureTests {
    static let names = Fixtures.decodeExpectations.keys.sorted()

    @Test("the expectation file lists every codec fixture")
    func expectationsLoaded() {
        #expect(Self.names.count == 15)
    }

    @Test("decoded pixels are identical to OpenCV's", arguments: names)
    func decodesLikeOpenCV(name: String) throws {
        let expected = try #require(Fixtures.decodeExpectations[name])
        let image = try ImageFile.load(path: Fixtures.path(name))
        #expect(image.width == expected.width)
        #expect(image.height == expected.height)
        #expect(fnv1a64(image.pixels) == expected.rgb_fnv1a64)
    }

    @Test("grey JPEGs come back as RGB with equal channels")
    func greyIsRGB() throws {
        let image = try ImageFile.load(path: Fixtures.path("grey_64x48.jpg"))
        #expect(image.pixels.count == 64 * 48 * 3)
        for i in stride(from: 0, to: image.pixels.count, by: 3) {
            #expect(image.pixels[i] == image.pixels[i + 1] && image.pixels[i] == image.pixels[i + 2])
        }
    }

    @Test("EXIF orientation 6 turns the image upright, and can be switched off")
    func exifOrientation() throws {
        let bytes = try Fixtures.bytes("exif6_40x24.jpg")
        let upright = try JPEG.decode(bytes, origin: "exif6")
        #expect(upright.width == 24 && upright.height == 40)
        let raw = try JPEG.decode(bytes, origin: "exif6", options: JPEG.DecodeOptions(applyEXIFOrientation: false))
        #expect(raw.width == 40 && raw.height == 24)
        #expect(raw.rotated(.clockwise90) == upright)
    }

    @Test("a webcam MJPEG frame without Huffman tables decodes with the standard ones")
    func mjpegWithoutHuffmanTables() throws {
        let bytes = try Fixtures.bytes("rgb_48x32_q90.jpg")
        var stripped: [UInt8] = [0xFF, 0xD8]
        var i = 2
        while i + 4 <= bytes.count, bytes[i] == 0xFF, bytes[i + 1] != 0xDA {
            let length = Int(bytes[i + 2]) << 8 | Int(bytes[i + 3])
            if bytes[i + 1] != 0xC4 { stripped += bytes[i..<(i + 2 + length)] }  // drop DHT
            i += 2 + length
        }
        stripped += bytes[i...]
        #expect(stripped.count < bytes.count)
        #expect(try JPEG.decode(stripped, origin: "camera frame") == JPEG.decode(bytes, origin: "file"))
    }

    @Test("a 1x1 image decodes")
    func onePixel() throws {
        let jpeg = try ImageFile.load(path: Fixtures.path("one_pixel.jpg"))
        #expect(jpeg.width == 1 && jpeg.height == 1)
        let png = try ImageFile.load(path: Fixtures.path("one_pixel.png"))
        #expect(png[0, 0] == RGB(12, 34, 56))
    }

    @Test("PNG alpha is dropped, not composited")
    func alphaDropped() throws {
        // rgba_31x23.png has alpha 0 at pixel 0 and the pattern's colour underneath.
        let image = try ImageFile.load(path: Fixtures.path("rgba_31x23.png"))
        #expect(image[0, 0] != .black)
    }
}

@Suite("Encoding")
struct EncodeTests {
    @Test("PNG round trip is lossless", arguments: [(1, 1), (3, 2), (64, 17)])
    func pngRoundTrip(width: Int, height: Int) throws {
        let image = testPattern(width: width, height: height)
        let decoded = try PNG.decode(try PNG.encode(image), origin: "round trip")
        #expect(decoded == image)
    }

    @Test("JPEG round trip keeps size and is close", arguments: [50, 90, 100])
    func jpegRoundTrip(quality: Int) throws {
        let image = RGBImage(width: 64, height: 48) { x, y in RGB(UInt8(x * 4), UInt8(y * 5), 128) }
        let bytes = try JPEG.encode(image, quality: quality)
        #expect(ImageFormat(sniffing: bytes) == .jpeg)
        let decoded = try JPEG.decode(bytes, origin: "round trip")
        #expect(decoded.width == 64 && decoded.height == 48)
        let meanError = zip(decoded.pixels, image.pixels).reduce(0) { $0 + abs(Int($1.0) - Int($1.1)) } / image.pixels.count
        #expect(meanError <= (quality >= 90 ? 2 : 4))
    }

    @Test("higher JPEG quality gives a larger file")
    func qualityMatters() throws {
        let image = testPattern(width: 64, height: 64)
        #expect(try JPEG.encode(image, quality: 95).count > JPEG.encode(image, quality: 30).count)
    }

    @Test("bad encoder arguments are errors, not crashes")
    func badArguments() {
        let image = testPattern(width: 4, height: 4)
        #expect(throws: ImagingError.self) { try JPEG.encode(image, quality: 0) }
        #expect(throws: ImagingError.self) { try JPEG.encode(image, quality: 101) }
        #expect(throws: ImagingError.self) { try JPEG.encode(RGBImage(width: 0, height: 0), quality: 90) }
        #expect(throws: ImagingError.self) { try PNG.encode(RGBImage(width: 5, height: 0)) }
        #expect(throws: ImagingError.self) { try PNG.encode(image, compressionLevel: 10) }
    }

    @Test("ImageFile.save picks the format from the extension; load sniffs the bytes")
    func saveAndLoad() throws {
        let folder = try ScratchFolder()
        let image = testPattern(width: 20, height: 10)
        try ImageFile.save(image, to: folder.path + "/a.png")
        try ImageFile.save(image, to: folder.path + "/b.jpg", jpegQuality: 95)
        #expect(try ImageFile.load(path: folder.path + "/a.png") == image)
        // A PNG named .jpg still loads: the extension is never trusted.
        try FileManager.default.moveItem(atPath: folder.path + "/a.png", toPath: folder.path + "/c.jpg")
        #expect(try ImageFile.load(path: folder.path + "/c.jpg") == image)
        #expect(ImageFormat(sniffing: try Fixtures.bytes("rgb_33x17.png")) == .png)
    }

    @Test("saving into a missing folder names the path")
    func saveFails() {
        #expect {
            try ImageFile.save(testPattern(width: 2, height: 2), to: "/nonexistent-folder/x.png")
        } throws: { error in
            (error as? ImagingError)?.kind == .writeFailed && "\(error)".contains("/nonexistent-folder/x.png")
        }
    }
}

@Suite("Format sniffing")
struct SniffTests {
    @Test("magic bytes name the format", arguments: [
        ([0xFF, 0xD8, 0xFF, 0xE0], ImageFormat.jpeg),
        ([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], .png),
        (Array("GIF89a....".utf8), .other("GIF")),
        (Array("RIFF\u{0}\u{0}\u{0}\u{0}WEBPVP8 ".utf8), .other("WebP")),
        ([0x00, 0x00, 0x00, 0x18] + Array("ftypheic".utf8), .other("HEIF/HEIC")),
        (Array("<html><body>404".utf8), .text),
        ([0x00, 0x01, 0x02, 0x03], .unknown),
        ([], .unknown),
    ] as [([UInt8], ImageFormat)])
    func sniff(bytes: [UInt8], format: ImageFormat) {
        #expect(ImageFormat(sniffing: bytes) == format)
    }
}
