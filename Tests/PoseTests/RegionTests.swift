import Foundation
import Testing
@testable import Pose

/// Detection → region, landmarks → region, object scale (`blazepose-pipeline.md` §8, §11, §12.3).
@Suite struct RegionTests {
    @Test func regionIsASquareOfTwoAndAHalfTimesTheDistanceCentredOnTheFirstPoint() {
        // kp1 straight above kp0 by 100 px in a 400×200 image: rotation 0.
        let rect = RegionOfInterest.landmarkRegion(start: SIMD2(0.5, 0.75), end: SIMD2(0.5, 0.25), imageWidth: 400, imageHeight: 200)
        #expect(rect.xCenter == 0.5 && rect.yCenter == 0.75)
        #expect(abs(rect.width * 400 - 250) < 1e-3 && abs(rect.height * 200 - 250) < 1e-3)
        #expect(abs(rect.rotation) < 1e-7)
        let pixels = rect.pixelRect(imageWidth: 400, imageHeight: 200)
        #expect(abs(pixels.width - pixels.height) < 1e-3)
    }

    @Test(arguments: [
        (SIMD2<Float>(1, 0), Float.pi / 2),      // kp1 to the right: turn clockwise a quarter
        (SIMD2<Float>(-1, 0), -Float.pi / 2),    // to the left
        (SIMD2<Float>(0, 1), -Float.pi),         // below: a half turn, normalised into [−π, π)
        (SIMD2<Float>(1, -1), Float.pi / 4),
    ])
    func rotationBringsTheSecondPointUp(direction: SIMD2<Float>, expected: Float) {
        let start = SIMD2<Float>(0.5, 0.5)
        let rect = RegionOfInterest.alignmentRect(start: start, end: start + direction * 0.1, imageWidth: 100, imageHeight: 100)
        #expect(abs(rect.rotation - expected) < 1e-6)
    }

    @Test(arguments: [Float(-7), -3.2, -.pi, 0, 3.1, .pi, 4, 9.5])
    func normalizeRadiansLandsInMinusPiToPi(angle: Float) {
        // [−π, π) in double; rounded to f32 the ends can touch ±π (Float.pi is below π).
        let normalized = RegionOfInterest.normalizeRadians(angle)
        #expect(Double(normalized) >= -Double.pi - 1e-6 && Double(normalized) <= Double.pi + 1e-6)
        let turns = (Double(angle) - Double(normalized)) / (2 * Double.pi)
        #expect(abs(turns - turns.rounded()) < 1e-6)
    }

    @Test func objectScaleIsTwiceTheDistanceInPixels() {
        let scale = RegionOfInterest.objectScale(start: SIMD2(0.25, 0.5), end: SIMD2(0.25, 0.25), imageWidth: 640, imageHeight: 480)
        #expect(abs(scale - 240) < 1e-3)   // |Δy| = 120 px
    }

    @Test func squareLongKeepsTheLongerPixelSide() {
        let rect = NormalizedRect(xCenter: 0.5, yCenter: 0.5, width: 0.5, height: 0.2, rotation: 0.3)
        let out = RegionOfInterest.squaredAndScaled(rect, imageWidth: 200, imageHeight: 100)
        // 100 px wide, 20 px high → 100 × 100, then × 1.25.
        #expect(abs(out.width * 200 - 125) < 1e-4 && abs(out.height * 100 - 125) < 1e-4)
        #expect(out.rotation == 0.3 && out.xCenter == 0.5)
    }
}
