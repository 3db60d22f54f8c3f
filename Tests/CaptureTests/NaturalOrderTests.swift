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
