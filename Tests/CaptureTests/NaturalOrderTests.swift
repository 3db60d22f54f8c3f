@testable import Capture
import Testing

@Suite struct NaturalOrderTests {
    @Test(arguments: [
        (["frame_10.jpg", "frame_2.jpg", "frame_1.jpg"], ["frame_1.jpg", "frame_2.jpg", "frame_10.jpg"]),
        (["b.png", "A.png", "a.png"], ["A.png", "a.png", "b.png"]),
        (["img100", "img20", "img3", "img"], ["img", "img3", "img20", "img100"]),
        (["frame_2", "frame_02", "frame_1"], ["frame_1", "frame_02", "frame_2"]),
        (["x9y10", "x9y9", "x10y1"], ["x9y9", "x9y10", "x10y1"]),
        (["99999999999999999999", "00012345678901234567890"], ["00012345678901234567890", "99999999999999999999"]),
        (["2", "a", "1"], ["1", "2", "a"]),
    ])
    func sorts(names: [String], sorted: [String]) {
        #expect(names.sorted(by: NaturalOrder.areInIncreasingOrder) == sorted)
        #expect(sorted.reversed().sorted(by: NaturalOrder.areInIncreasingOrder) == sorted)
    }
}

/// Which folders of images are the frames of one recording, and which are separate photos.
@Suite struct FrameSeriesTests {
    @Test func numberedFramesAreARecording() {
        #expect(FrameSeries.isRecording((1...40).map { "/x/frame_\(String(format: "%04d", $0)).jpg" }))
        #expect(FrameSeries.isRecording(stride(from: 0, through: 100, by: 5).map { "/x/IMG_\($0).PNG" }), "every fifth frame")
        #expect(FrameSeries.isRecording(["/x/0001.jpg", "/x/0002.jpg", "/x/0004.jpg"]), "a frame missing")
        #expect(FrameSeries.isRecording(["/x/clip1_001.jpg", "/x/clip1_002.jpg"]), "the last number counts")
        let withStray = (1...20).map { "/x/frame_\($0).jpg" } + ["/x/frame_2b.jpg"]
        #expect(FrameSeries.isRecording(withStray), "one stray file in twenty-one")
    }

    @Test func photosAreNot() {
        #expect(!FrameSeries.isRecording(["/x/photo.jpg"]), "one picture")
        #expect(!FrameSeries.isRecording(["/x/front.jpg", "/x/side.jpg"]), "no numbers")
        #expect(!FrameSeries.isRecording(["/x/anna_1.jpg", "/x/anna_2.jpg", "/x/ben_1.jpg"]), "two people")
        #expect(!FrameSeries.isRecording(["/x/IMG_2031.jpg", "/x/IMG_2107.jpg", "/x/IMG_2108.jpg"]), "far apart")
        #expect(!FrameSeries.isRecording(["/x/a_1.jpg", "/x/a_2.png"]), "two kinds of file")
    }

    @Test func photosAreImagesThatAreNotARecording() {
        #expect(FrameSeries.arePhotos(["plank/front.jpg", "plank/side.JPEG"]))
        #expect(FrameSeries.arePhotos(["one.png"]))
        #expect(!FrameSeries.arePhotos([]))
        #expect(!FrameSeries.arePhotos(["f/frame_0001.jpg", "f/frame_0002.jpg"]), "a recording")
        #expect(!FrameSeries.arePhotos(["clip.mp4#1", "clip.mp4#7"]), "frames of a video")
    }
}
