// YUYV and NV12 to RGB (BT.601 limited range).

import Imaging
import Testing

@Suite("Camera pixel formats")
struct PixelFormatTests {
    /// The documented integer formula, written out independently.
    static func reference(_ y: Int, _ u: Int, _ v: Int) -> RGB {
        let c = y - 16, d = u - 128, e = v - 128
        func clamp(_ x: Int) -> UInt8 { UInt8(max(0, min(255, x))) }
        return RGB(clamp((298 * c + 409 * e + 128) >> 8), clamp((298 * c - 100 * d - 208 * e + 128) >> 8),
                   clamp((298 * c + 516 * d + 128) >> 8))
    }

    @Test("studio black, white and grey", arguments: [(16, RGB.black), (235, RGB.white), (126, RGB(128, 128, 128))])
    func greys(luma: Int, expected: RGB) throws {
        let image = try #require(PixelFormat.yuyvToRGB([UInt8(luma), 128, UInt8(luma), 128], width: 2, height: 1))
        #expect(image[0, 0] == expected && image[1, 0] == expected)
    }

    @Test("BT.601 red, green and blue come out saturated")
    func primaries() throws {
        // BT.601 limited-range YUV of pure red, green, blue.
        let red = try #require(PixelFormat.yuyvToRGB([82, 90, 82, 240], width: 2, height: 1))
        #expect(red[0, 0].r >= 254 && red[0, 0].g <= 1 && red[0, 0].b <= 1)
        let green = try #require(PixelFormat.yuyvToRGB([145, 54, 145, 34], width: 2, height: 1))
        #expect(green[0, 0].g >= 254 && green[0, 0].r <= 1 && green[0, 0].b <= 1)
        let blue = try #require(PixelFormat.yuyvToRGB([41, 240, 41, 110], width: 2, height: 1))
        #expect(blue[0, 0].b >= 254 && blue[0, 0].r <= 1 && blue[0, 0].g <= 1)
    }

    @Test("YUYV: every pixel follows the formula, with a row stride")
    func yuyvFormula() throws {
        let width = 6, height = 3, stride = 16
        var data = [UInt8](repeating: 0, count: stride * height)
        for i in data.indices { data[i] = UInt8((i * 37 + 11) & 255) }
        let image = try #require(PixelFormat.yuyvToRGB(data, width: width, height: height, bytesPerRow: stride))
        for y in 0..<height {
            for x in 0..<width {
                let pair = y * stride + (x / 2) * 4
                let luma = Int(data[pair + (x % 2) * 2])
                #expect(image[x, y] == Self.reference(luma, Int(data[pair + 1]), Int(data[pair + 3])))
            }
        }
    }

    @Test("NV12: every pixel follows the formula")
    func nv12Formula() throws {
        let width = 4, height = 4
        var data = [UInt8](repeating: 0, count: width * height * 3 / 2)
        for i in data.indices { data[i] = UInt8((i * 53 + 7) & 255) }
        let image = try #require(PixelFormat.nv12ToRGB(data, width: width, height: height))
        for y in 0..<height {
            for x in 0..<width {
                let uv = width * height + (y / 2) * width + (x / 2) * 2
                #expect(image[x, y] == Self.reference(Int(data[y * width + x]), Int(data[uv]), Int(data[uv + 1])))
            }
        }
    }

    @Test("sizes that do not fit the buffer give nil")
    func badSizes() {
        #expect(PixelFormat.yuyvToRGB([UInt8](repeating: 0, count: 8), width: 3, height: 1) == nil)  // odd width
        #expect(PixelFormat.yuyvToRGB([UInt8](repeating: 0, count: 7), width: 2, height: 2) == nil)  // short
        #expect(PixelFormat.yuyvToRGB([UInt8](repeating: 0, count: 8), width: 2, height: 1, bytesPerRow: 2) == nil)
        #expect(PixelFormat.yuyvToRGB([UInt8](), width: 0, height: 0) == nil)
        #expect(PixelFormat.nv12ToRGB([UInt8](repeating: 0, count: 5), width: 2, height: 2) == nil)
        #expect(PixelFormat.nv12ToRGB([UInt8](repeating: 0, count: 6), width: 2, height: 2) != nil)
    }
}
