@testable import Capture
import Testing

/// The pure choices behind negotiation: format, size, rate.
@Suite struct FormatNegotiationTests {
    static let h264 = FourCC("H264")!
    static let nv12 = FourCC("NV12")!

    @Test(arguments: [
        ([(FourCC.yuyv, false), (.mjpeg, false)], FourCC?.some(.mjpeg)),
        ([(.yuyv, false), (.jpeg, false)], .jpeg),
        ([(h264, false), (.yuyv, false)], .yuyv),
        ([(.mjpeg, true), (.yuyv, false), (.rgb24, true)], .yuyv),
        ([(nv12, false), (.rgb24, true), (.yuyv, true)], .rgb24),
        ([(h264, false)], nil),
        ([], nil),
    ] as [([(FourCC, Bool)], FourCC?)])
    func pixelFormat(offered: [(FourCC, Bool)], chosen: FourCC?) {
        #expect(FormatNegotiation.pixelFormat(offered: offered.map { (format: $0.0, isEmulated: $0.1) }) == chosen)
    }

    static let webcamSizes = FrameSizes.discrete([
        FrameSize(width: 640, height: 480), FrameSize(width: 1280, height: 720), FrameSize(width: 1920, height: 1080),
        FrameSize(width: 320, height: 240), FrameSize(width: 160, height: 120),
    ])

    @Test(arguments: [
        (FrameSize(width: 640, height: 480), FrameSize(width: 640, height: 480)),
        (FrameSize(width: 1600, height: 900), FrameSize(width: 1920, height: 1080)),
        (FrameSize(width: 1280, height: 960), FrameSize(width: 1280, height: 720)),
        (FrameSize(width: 100, height: 100), FrameSize(width: 160, height: 120)),
        (FrameSize(width: 8000, height: 6000), FrameSize(width: 1920, height: 1080)),
    ])
    func nearestDiscreteSize(wanted: FrameSize, chosen: FrameSize) {
        #expect(FormatNegotiation.size(closestTo: wanted, in: Self.webcamSizes) == chosen)
    }

    @Test(arguments: [
        (FrameSize(width: 45, height: 30), FrameSize(width: 48, height: 32)),
        (FrameSize(width: 1, height: 1), FrameSize(width: 16, height: 16)),
        (FrameSize(width: 5000, height: 5000), FrameSize(width: 96, height: 64)),
    ])
    func sizeOnAStepwiseGrid(wanted: FrameSize, chosen: FrameSize) {
        let range = FrameSizes.range(minimum: FrameSize(width: 16, height: 16), maximum: FrameSize(width: 96, height: 64),
                                     step: FrameSize(width: 8, height: 4))
        #expect(FormatNegotiation.size(closestTo: wanted, in: range) == chosen)
    }

    @Test func unlistedSizesLeaveTheWantedOne() {
        let wanted = FrameSize(width: 800, height: 600)
        #expect(FormatNegotiation.size(closestTo: wanted, in: .discrete([])) == wanted)
    }

    static let rates = FrameRates.discrete([30, 25, 20, 15, 10, 5].map { FrameInterval(numerator: 1, denominator: $0) })

    @Test(arguments: [(30.0, 30), (60, 30), (24, 25), (12.5, 15), (1, 5), (17.5, 20)])
    func nearestRate(wanted: Double, chosen: Int) {
        #expect(FormatNegotiation.interval(closestTo: wanted, in: Self.rates) == FrameInterval(numerator: 1, denominator: chosen))
    }

    @Test func rateInARange() {
        let range = FrameRates.range(shortest: FrameInterval(numerator: 1, denominator: 60),
                                     longest: FrameInterval(numerator: 1, denominator: 1))
        #expect(FormatNegotiation.interval(closestTo: 100, in: range) == FrameInterval(numerator: 1, denominator: 60))
        #expect(FormatNegotiation.interval(closestTo: 0.5, in: range) == FrameInterval(numerator: 1, denominator: 1))
        #expect(abs(FormatNegotiation.interval(closestTo: 12.5, in: range).framesPerSecond - 12.5) < 1e-9)
        #expect(FormatNegotiation.interval(closestTo: 24, in: .discrete([])).framesPerSecond == 24)
    }

    @Test(arguments: [(30.0, "30"), (7.5, "7.5"), (30000.0 / 1001, "29.97"), (0.25, "0.25"), (15.05, "15.05")])
    func rateText(rate: Double, text: String) {
        #expect(FrameInterval.rateText(rate) == text)
    }

    @Test func fourCCCodes() {
        #expect(FourCC.mjpeg.code == "MJPG" && FourCC.yuyv.code == "YUYV" && FourCC.rgb24.code == "RGB3")
        #expect(FourCC("MJPG") == .mjpeg)
        #expect(FourCC("MJPEG") == nil)
        #expect(FourCC(rawValue: 0x0102_0304).code == "????")
    }
}
