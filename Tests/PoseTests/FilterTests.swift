import Testing
@testable import Pose

/// MediaPipe's low-pass and one-euro filters and the smoothing rules (`blazepose-pipeline.md` §12).
@Suite struct FilterTests {
    @Test func lowPassPassesTheFirstValueThenAverages() {
        var filter = LowPassFilter(alpha: 0.1)
        #expect(filter.apply(1) == 1)
        let second = filter.apply(0)
        #expect(abs(second - 0.9) < 1e-7)
        #expect(filter.lastRawValue == 0 && filter.lastValue == second)
    }

    @Test func lowPassIgnoresAnAlphaOutsideZeroToOne() {
        var filter = LowPassFilter(alpha: 0.5)
        _ = filter.apply(0)
        #expect(filter.apply(1, alpha: 1.5) == 0.5)
    }

    @Test(arguments: [(0.05, 0.0104), (0.1, 0.0205), (0.01, 0.0021), (1.0, 0.1732)])
    func alphaAtThirtyHertz(cutoff: Double, expected: Double) {
        #expect(abs(OneEuroFilter.alpha(cutoff: cutoff, frequency: 30) - expected) < 5e-5)
    }

    static let parameters = OneEuroFilter.Parameters(minCutoff: 0.05, beta: 80, derivateCutoff: 1)

    @Test func oneEuroPassesTheFirstSampleAndSmoothsAStep() {
        var filter = OneEuroFilter(Self.parameters)
        #expect(filter.apply(100, nanoseconds: 33_333_000, valueScale: 1 / 200) == 100)
        let next = filter.apply(110, nanoseconds: 66_666_000, valueScale: 1 / 200)
        #expect(next > 100 && next < 110)
    }

    @Test func oneEuroPassesValuesThroughWhenTimeDoesNotAdvance() {
        var filter = OneEuroFilter(Self.parameters)
        _ = filter.apply(100, nanoseconds: 33_333_000, valueScale: 1)
        #expect(filter.apply(150, nanoseconds: 33_333_000, valueScale: 1) == 150)
        #expect(filter.apply(150, nanoseconds: 1_000, valueScale: 1) == 150)
    }

    @Test func fasterMotionIsFollowedMoreClosely() {
        var slow = OneEuroFilter(Self.parameters), fast = OneEuroFilter(Self.parameters)
        _ = slow.apply(0, nanoseconds: 33_333_000, valueScale: 1 / 500)
        _ = fast.apply(0, nanoseconds: 33_333_000, valueScale: 1 / 500)
        let a = slow.apply(1, nanoseconds: 66_666_000, valueScale: 1 / 500)
        let b = fast.apply(50, nanoseconds: 66_666_000, valueScale: 1 / 500)
        #expect(b / 50 > a / 1)
    }

    static func points(_ x: Float, visibility: Float = 0.5) -> [LandmarkPoint] {
        [LandmarkPoint(x: x, y: 0.5, z: 0, visibility: visibility, presence: 1),
         LandmarkPoint(x: x, y: 0.25, z: 0, visibility: visibility, presence: 1)]
    }

    @Test func resettingTheCoordinatesKeepsTheVisibilityFilter() {
        var smoother = LandmarkSmoother(count: 2, space: .image, parameters: Self.parameters)
        var frame = Self.points(0.5, visibility: 1)
        smoother.smoothVisibility(&frame)
        smoother.smoothCoordinates(&frame, nanoseconds: 33_333_000, objectScale: 100, imageWidth: 640, imageHeight: 480)
        smoother.resetCoordinates()
        frame = Self.points(0.6, visibility: 0)
        smoother.smoothVisibility(&frame)
        smoother.smoothCoordinates(&frame, nanoseconds: 133_332_000, objectScale: 100, imageWidth: 640, imageHeight: 480)
        // Coordinates restart (first sample passes), visibility continues: 0.1·0 + 0.9·1.
        #expect(abs(frame[0].x - 0.6) < 1e-6)
        #expect(abs(frame[0].visibility - 0.9) < 1e-6)
    }

    @Test func tinyObjectsPassThroughUnfiltered() {
        var smoother = LandmarkSmoother(count: 2, space: .image, parameters: Self.parameters)
        var frame = Self.points(0.5)
        smoother.smoothCoordinates(&frame, nanoseconds: 33_333_000, objectScale: 100, imageWidth: 640, imageHeight: 480)
        frame = Self.points(0.9)
        smoother.smoothCoordinates(&frame, nanoseconds: 66_666_000, objectScale: 1e-7, imageWidth: 640, imageHeight: 480)
        #expect(abs(frame[0].x - 0.9) < 1e-6)
    }

    @Test func imageLandmarksAreFilteredInPixels() {
        // The same normalised motion is a larger speed in a larger image: followed more closely.
        func second(width: Int) -> Float {
            var smoother = LandmarkSmoother(count: 2, space: .image, parameters: Self.parameters)
            var frame = Self.points(0.5)
            smoother.smoothCoordinates(&frame, nanoseconds: 33_333_000, objectScale: 100, imageWidth: width, imageHeight: 480)
            frame = Self.points(0.52)
            smoother.smoothCoordinates(&frame, nanoseconds: 66_666_000, objectScale: 100, imageWidth: width, imageHeight: 480)
            return frame[0].x
        }
        #expect(second(width: 1280) > second(width: 320))
    }
}
