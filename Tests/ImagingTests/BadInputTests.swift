// Bad input: every case becomes an ImagingError that names the file; nothing crashes.

import Foundation
import Imaging
import Testing

@Suite("Bad input")
struct BadInputTests {
    /// Loads `path` and returns the ImagingError it must throw.
    func loadError(_ path: String) -> ImagingError? {
        do {
            _ = try ImageFile.load(path: path)
            return nil
        } catch {
            return error
        }
    }

    func expectError(_ path: String, _ kind: ImagingError.Kind, mentioning words: [String] = [],
                     sourceLocation: SourceLocation = #_sourceLocation) {
        guard let error = loadError(path) else {
            Issue.record("\(path) loaded, expected \(kind)", sourceLocation: sourceLocation)
            return
        }
        #expect(error.kind == kind, "\(error)", sourceLocation: sourceLocation)
        #expect(error.origin == path, sourceLocation: sourceLocation)
        #expect(error.description.hasPrefix(path + ": "), sourceLocation: sourceLocation)
        #expect(!error.problem.isEmpty && !error.remedy.isEmpty, sourceLocation: sourceLocation)
        for word in words {
            #expect(error.description.contains(word), "\(error)", sourceLocation: sourceLocation)
        }
    }

    @Test("a missing file")
    func missing() throws {
        let folder = try ScratchFolder()
        expectError(folder.path + "/nope.jpg", .fileNotFound, mentioning: ["no such file"])
    }

    @Test("a zero-byte file")
    func zeroBytes() throws {
        let folder = try ScratchFolder()
        expectError(try folder.file("empty.jpg", []), .empty, mentioning: ["empty"])
        #expect(throws: ImagingError.self) { try JPEG.decode([UInt8](), origin: "empty") }
        #expect(throws: ImagingError.self) { try PNG.decode([UInt8](), origin: "empty") }
    }

    @Test("a text file named .jpg")
    func textNamedJPEG() throws {
        let folder = try ScratchFolder()
        let path = try folder.file("notes.jpg", Array("<html>\n<body>Not found</body></html>\n".utf8))
        expectError(path, .unknownFormat, mentioning: ["text", "<html>"])
    }

    @Test("another image format is named", arguments: [("a.gif", "GIF89a\u{1}\u{0}\u{1}\u{0}"), ("b.webp", "RIFF\u{0}\u{0}\u{0}\u{0}WEBPVP8 ")])
    func otherFormat(name: String, content: String) throws {
        let folder = try ScratchFolder()
        expectError(try folder.file(name, Array(content.utf8)), .unknownFormat, mentioning: [name.hasSuffix("gif") ? "GIF" : "WebP"])
    }

    @Test("a truncated JPEG", arguments: [0.5, 0.9])
    func truncatedJPEG(keep: Double) throws {
        let bytes = try Fixtures.bytes("rgb_48x32_q90.jpg")
        let folder = try ScratchFolder()
        let path = try folder.file("cut.jpg", Array(bytes.prefix(Int(Double(bytes.count) * keep))))
        expectError(path, .truncated, mentioning: ["cut short"])
        // The lenient option returns the partial image instead.
        let partial = try JPEG.decode(bytes.prefix(Int(Double(bytes.count) * keep)), origin: "cut",
                                      options: JPEG.DecodeOptions(acceptDamagedData: true))
        #expect(partial.width == 48 && partial.height == 32)
    }

    @Test("a JPEG cut inside its header")
    func truncatedHeader() throws {
        let bytes = try Fixtures.bytes("rgb_48x32_q90.jpg")
        let folder = try ScratchFolder()
        let error = loadError(try folder.file("head.jpg", Array(bytes.prefix(40))))
        #expect(error?.kind == .truncated || error?.kind == .corrupt, "\(String(describing: error))")
    }

    @Test("a corrupt JPEG header (bad sample precision)")
    func corruptHeader() throws {
        var bytes = try Fixtures.bytes("rgb_48x32_q90.jpg")
        let sof = try #require(markerOffset(bytes, 0xC0))
        bytes[sof + 4] = 9  // precision byte: libjpeg-turbo handles 8 only
        let folder = try ScratchFolder()
        expectError(try folder.file("bad.jpg", bytes), .corrupt, mentioning: ["not a valid JPEG"])
    }

    @Test("corrupt JPEG image data")
    func corruptData() throws {
        var bytes = try Fixtures.bytes("rgb_48x32_q90.jpg")
        let sos = try #require(markerOffset(bytes, 0xDA))
        for i in (sos + 20)..<(bytes.count - 40) where i % 3 == 0 { bytes[i] = 0xFF }
        let folder = try ScratchFolder()
        let error = loadError(try folder.file("garbled.jpg", bytes))
        #expect(error?.kind == .corrupt || error?.kind == .truncated, "\(String(describing: error))")
    }

    @Test("a JPEG header claiming 60000x60000 is refused before decoding")
    func hugeJPEG() throws {
        let folder = try ScratchFolder()
        let path = try folder.file("huge.jpg", try jpegClaiming(width: 60000, height: 60000))
        expectError(path, .tooLarge, mentioning: ["60000x60000", "megapixels"])
    }

    @Test("a JPEG header claiming 10000x10000 in a tiny file is refused as implausible")
    func implausibleJPEG() throws {
        let folder = try ScratchFolder()
        let path = try folder.file("liar.jpg", try jpegClaiming(width: 10000, height: 10000))
        expectError(path, .tooLarge, mentioning: ["cannot hold"])
    }

    @Test("a PNG header claiming 60000x60000 is refused before decoding")
    func hugePNG() throws {
        let folder = try ScratchFolder()
        expectError(try folder.file("huge.png", try pngClaiming(width: 60000, height: 60000)), .tooLarge, mentioning: ["60000x60000"])
        expectError(try folder.file("liar.png", try pngClaiming(width: 9000, height: 9000)), .tooLarge, mentioning: ["cannot hold"])
    }

    @Test("the pixel limit can be lowered")
    func lowerLimit() throws {
        let bytes = try Fixtures.bytes("rgb_48x32_q90.jpg")
        #expect(throws: ImagingError.self) {
            try JPEG.decode(bytes, origin: "limit", options: JPEG.DecodeOptions(maxPixels: 1000))
        }
        #expect(throws: ImagingError.self) { try PNG.decode(Fixtures.bytes("rgb_33x17.png"), origin: "limit", maxPixels: 100) }
    }

    @Test("a truncated PNG")
    func truncatedPNG() throws {
        let bytes = try Fixtures.bytes("interlaced_27x15.png")
        let folder = try ScratchFolder()
        expectError(try folder.file("cut.png", Array(bytes.prefix(bytes.count - 30))), .truncated)
        expectError(try folder.file("stub.png", Array(bytes.prefix(12))), .truncated)
    }

    @Test("a PNG with a damaged chunk (CRC error)")
    func corruptPNG() throws {
        var bytes = try Fixtures.bytes("rgb_33x17.png")
        bytes[bytes.count - 20] ^= 0x55  // inside the last IDAT
        let folder = try ScratchFolder()
        let error = loadError(try folder.file("crc.png", bytes))
        #expect(error?.kind == .corrupt || error?.kind == .truncated, "\(String(describing: error))")
    }

    @Test("a folder is not an image")
    func folderPath() throws {
        let folder = try ScratchFolder()
        expectError(folder.path, .unreadable, mentioning: ["folder"])
    }

    @Test("a file without read permission")
    func noPermission() throws {
        let folder = try ScratchFolder()
        let path = try folder.file("secret.jpg", try Fixtures.bytes("one_pixel.jpg"))
        try FileManager.default.setAttributes([.posixPermissions: 0o000], ofItemAtPath: path)
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: path) }
        if FileManager.default.isReadableFile(atPath: path) {
            // Running as root: permissions do not stop us. A file whose read fails still must.
            #if os(Linux)
            expectError("/proc/self/mem", .unreadable, mentioning: ["read failed"])
            #endif
        } else {
            expectError(path, .unreadable, mentioning: ["permission denied"])
        }
    }

    @Test("decoding a PNG as JPEG and vice versa names what it is")
    func wrongDecoder() throws {
        let png = try Fixtures.bytes("one_pixel.png")
        #expect { try JPEG.decode(png, origin: "x") } throws: { "\($0)".contains("is a PNG, not JPEG") }
        let jpeg = try Fixtures.bytes("one_pixel.jpg")
        #expect { try PNG.decode(jpeg, origin: "y") } throws: { "\($0)".contains("is a JPEG, not PNG") }
    }

    // MARK: - Crafted headers

    /// The offset of the first marker FF `code` in a JPEG.
    func markerOffset(_ bytes: [UInt8], _ code: UInt8) -> Int? {
        (0..<(bytes.count - 1)).first { bytes[$0] == 0xFF && bytes[$0 + 1] == code }
    }

    /// The 1x1 fixture JPEG with its SOF0 size patched.
    func jpegClaiming(width: Int, height: Int) throws -> [UInt8] {
        var bytes = try Fixtures.bytes("one_pixel.jpg")
        let sof = try #require(markerOffset(bytes, 0xC0))
        bytes[sof + 5] = UInt8(height >> 8)
        bytes[sof + 6] = UInt8(height & 0xFF)
        bytes[sof + 7] = UInt8(width >> 8)
        bytes[sof + 8] = UInt8(width & 0xFF)
        return bytes
    }

    /// The 1x1 fixture PNG with its IHDR size patched (and the CRC fixed).
    func pngClaiming(width: Int, height: Int) throws -> [UInt8] {
        var bytes = try Fixtures.bytes("one_pixel.png")
        func put32(_ value: Int, at offset: Int) {
            for k in 0..<4 { bytes[offset + k] = UInt8((value >> (24 - 8 * k)) & 0xFF) }
        }
        put32(width, at: 16)
        put32(height, at: 20)
        put32(Int(crc32(bytes[12..<29])), at: 29)
        return bytes
    }
}
