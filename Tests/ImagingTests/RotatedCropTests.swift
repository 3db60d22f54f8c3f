// The exact rotated crop against MediaPipe's own model inputs.

import Foundation
import Imaging
import Testing

/// One MediaPipe crop expectation, with the image it belongs to.
struct CropCase: Sendable, CustomTestStringConvertible {
    var image: String
    var imageWidth: Int
    var imageHeight: Int
    var expectation: Fixtures.CropExpectations.Case

    var testDescription: String { "\(image) \(expectation.name)" }

    static func all(_ images: [Fixtures.CropExpectations.Image]) -> [CropCase] {
        images.flatMap { image in
            image.cases.map { CropCase(image: image.image, imageWidth: image.width, imageHeight: image.height, expectation: $0) }
        }
    }
}

extension Fixtures.CropExpectations.Case: @unchecked Sendable {}

/// Runs one expectation through `ImageToTensor` and compares both the bytes and the floats.
func checkCrop(_ image: RGBImage, _ crop: Fixtures.CropExpectations.Case,
               sourceLocation: SourceLocation = #_sourceLocation) throws -> [UInt8] {
    let region = crop.roi_normalized.map { roi in
        RotatedRect(normalizedCenterX: roi[0], normalizedCenterY: roi[1], normalizedWidth: roi[2],
                    normalizedHeight: roi[3], rotation: roi[4], imageWidth: image.width, imageHeight: image.height)
    }
    let border = BorderMode(fixture: crop.border)
    let range = TensorValueRange(fixture: crop.range)
    var tensor = [Float](repeating: .nan, count: crop.size * crop.size * 3)
    tensor.withUnsafeMutableBufferPointer { buffer in
        _ = ImageToTensor.fill(buffer, from: image, region: region, size: crop.size, range: range, border: border)
    }
    let padded = ImageToTensor.paddedRegion(for: image, region: region, size: crop.size).rect
    let bytes = RotatedCrop.crop(image, to: padded, size: crop.size, border: border)
    #expect(fnv1a64(bytes) == crop.crop_fnv1a64, "uint8 crop differs from MediaPipe's", sourceLocation: sourceLocation)
    #expect(fnv1a64(floats: tensor) == crop.tensor_fnv1a64, "float tensor differs from MediaPipe's", sourceLocation: sourceLocation)
    return bytes
}

@Suite("Rotated crop: MediaPipe's tensors for images we draw")
struct RotatedCropFixtureTests {
    static let cases = CropCase.all(Fixtures.cropExpectations)

    @Test("the expectation file lists 3 images x 5 regions")
    func loaded() {
        #expect(Self.cases.count == 15)
    }

    @Test("bit-exact with MediaPipe", arguments: cases)
    func bitExact(_ testCase: CropCase) throws {
        let image = try ImageFile.load(path: Fixtures.path(testCase.image))
        let expectedImage = try #require(Fixtures.cropExpectations.first { $0.image == testCase.image })
        #expect(fnv1a64(image.pixels) == expectedImage.rgb_fnv1a64, "decoded source differs from cv2.imread")
        let bytes = try checkCrop(image, testCase.expectation)
        if let png = testCase.expectation.expected_crop_png {
            let expected = try ImageFile.load(path: Fixtures.path(png))
            let mismatches = countMismatches(bytes, expected.pixels)
            #expect(mismatches == 0, "\(mismatches) of \(bytes.count) crop values differ from MediaPipe's")
        }
    }
}

@Suite("Rotated crop: MediaPipe's tensors for ../shared/frames photos", .enabled(if: SharedFrames.available, "needs ../shared/frames"))
struct RotatedCropSharedTests {
    static let cases = CropCase.all(Fixtures.sharedFrames)

    @Test("the expectation file lists 8 photos")
    func loaded() {
        #expect(Fixtures.sharedFrames.count == 8 && Self.cases.count >= 8)
    }

    @Test("decode and crops are bit-exact with MediaPipe", arguments: cases)
    func bitExact(_ testCase: CropCase) throws {
        let directory = try #require(SharedFrames.directory)
        let image = try ImageFile.load(path: directory + "/" + testCase.image)
        let expectedImage = try #require(Fixtures.sharedFrames.first { $0.image == testCase.image })
        #expect(image.width == testCase.imageWidth && image.height == testCase.imageHeight)
        #expect(fnv1a64(image.pixels) == expectedImage.rgb_fnv1a64, "decoded photo differs from cv2.imread")
        _ = try checkCrop(image, testCase.expectation)
    }
}

@Suite("Rotated crop: geometry and edge cases")
struct RotatedCropUnitTests {
    @Test("the whole square image at its own size is the image itself", arguments: [1, 2, 7, 64])
    func identity(size: Int) {
        let image = testPattern(width: size, height: size)
        let rect = RotatedRect.wholeImage(width: size, height: size)
        #expect(RotatedCrop.crop(image, to: rect, size: size, border: .replicate) == image.pixels)
        #expect(RotatedCrop.crop(image, to: rect, size: size, border: .zero) == image.pixels)
    }

    @Test("a half-size crop of the centre samples every other pixel")
    func halfScale() {
        let image = testPattern(width: 8, height: 8)
        let crop = RotatedCrop.crop(image, to: RotatedRect(centerX: 4, centerY: 4, width: 8, height: 8), size: 4, border: .zero)
        for y in 0..<4 {
            for x in 0..<4 {
                let pixel = image[x * 2, y * 2]
                #expect(Array(crop[(y * 4 + x) * 3..<(y * 4 + x) * 3 + 3]) == [pixel.r, pixel.g, pixel.b])
            }
        }
    }

    @Test("letterbox padding follows MediaPipe's PadRoi", arguments: [
        (640, 480, Letterbox(top: 0.125, bottom: 0.125)),
        (480, 640, Letterbox(left: 0.125, right: 0.125)),
        (300, 300, Letterbox()),
    ])
    func letterbox(width: Int, height: Int, expected: Letterbox) {
        let (rect, padding) = RotatedRect.wholeImage(width: width, height: height).letterboxed(toTensorWidth: 224, height: 224)
        for (got, want) in [(padding.left, expected.left), (padding.top, expected.top),
                            (padding.right, expected.right), (padding.bottom, expected.bottom)] {
            #expect(abs(got - want) < 1e-6)
        }
        #expect(rect.width == rect.height && rect.width == Float(max(width, height)))
        #expect(rect.centerX == Float(width) / 2 && rect.centerY == Float(height) / 2)
    }

    @Test("outside the image: zero border is black, replicate repeats the edge")
    func borders() {
        let image = RGBImage(width: 4, height: 4, fill: RGB(9, 99, 199))
        let far = RotatedRect(centerX: 100, centerY: 100, width: 4, height: 4, rotation: 0.3)
        #expect(RotatedCrop.crop(image, to: far, size: 3, border: .zero).allSatisfy { $0 == 0 })
        #expect(RotatedCrop.crop(image, to: far, size: 3, border: .replicate) == RGBImage(width: 3, height: 3, fill: RGB(9, 99, 199)).pixels)
    }

    @Test("degenerate regions and images never crash")
    func degenerate() {
        let image = testPattern(width: 5, height: 4)
        for rect in [RotatedRect(centerX: 2, centerY: 2, width: 0, height: 0),
                     RotatedRect(centerX: .nan, centerY: 2, width: 3, height: 3, rotation: .nan),
                     RotatedRect(centerX: 1e30, centerY: -1e30, width: 1e30, height: 1, rotation: 1),
                     RotatedRect(centerX: 2, centerY: 2, width: .infinity, height: 3)] {
            for border in [BorderMode.zero, .replicate] {
                #expect(RotatedCrop.crop(image, to: rect, size: 6, border: border).count == 6 * 6 * 3)
            }
        }
        let empty = RGBImage(width: 0, height: 0)
        #expect(RotatedCrop.crop(empty, to: RotatedRect(centerX: 0, centerY: 0, width: 1, height: 1), size: 2, border: .replicate) == [UInt8](repeating: 0, count: 12))
        var tensor = [Float](repeating: 7, count: 12)
        tensor.withUnsafeMutableBufferPointer { _ = ImageToTensor.fill($0, from: empty, region: nil, size: 2, range: .minusOneToOne, border: .zero) }
        #expect(tensor.allSatisfy { $0 == -1 })
    }

    @Test("tensor values are MediaPipe's fused multiply-add of each byte")
    func valueTables() {
        let signed = TensorValueRange.minusOneToOne.table
        let unit = TensorValueRange.zeroToOne.table
        #expect(signed.count == 256 && unit.count == 256)
        // MediaPipe's 255 maps to 1.0000001 in [−1, 1]: f32(2/255) is a little above 2/255.
        #expect(signed[0] == -1 && signed[255] == Float(1).nextUp && unit[0] == 0 && unit[255] == 1)
        for byte in 0...255 {
            let scale = Float(2) / Float(255)
            let exact = Float(Double(byte) * Double(scale) - 1)  // one rounding, as an FMA
            #expect(signed[byte] == exact)
            #expect(unit[byte] == Float(byte) * (Float(1) / Float(255)))
        }
        var tensor = [Float](repeating: 0, count: 6)
        tensor.withUnsafeMutableBufferPointer { RotatedCrop.toTensor([0, 1, 2, 253, 254, 255], range: .zeroToOne, into: $0) }
        #expect(tensor == [0, 1, 2, 253, 254, 255].map { unit[$0] })
    }
}
