@testable import Capture
import Foundation
import Imaging
import Testing

/// The call sequences the camera should make, built from their parts.
enum Expected {
    /// `request` for index 0…`entries - 1`, then once more for the driver's EINVAL that ends the list.
    static func enumeration(_ request: V4L2Request, entries: Int) -> [Call] {
        Array(repeating: .ioctl(request), count: entries + 1)
    }

    /// Opening a camera: the wake event, open, capability, formats, sizes of the chosen format,
    /// S_FMT, the chosen size's intervals, the frame rate, then buffers requested, queried,
    /// mapped and queued.
    static func opening(path: String = "/dev/video0", formats: Int = 2, sizes: Int = 2, intervals: Int = 3,
                        setsRate: Bool = true, buffers: Int = 4) -> [Call] {
        [.eventfd] + reopening(path: path, formats: formats, sizes: sizes, intervals: intervals,
                               setsRate: setsRate, buffers: buffers)
    }

    /// `opening` without the wake event (a reconnection reuses the camera's).
    static func reopening(path: String = "/dev/video0", formats: Int = 2, sizes: Int = 2, intervals: Int = 3,
                          setsRate: Bool = true, buffers: Int = 4) -> [Call] {
        [.open(path), .ioctl(.queryCapability)]
            + enumeration(.enumerateFormat, entries: formats)
            + enumeration(.enumerateFrameSizes, entries: sizes)
            + [.ioctl(.setFormat)]
            + enumeration(.enumerateFrameIntervals, entries: intervals)
            + [.ioctl(.getParameters)] + (setsRate ? [.ioctl(.setParameters), .ioctl(.requestBuffers)] : [.ioctl(.requestBuffers)])
            + (0..<buffers).flatMap { [Call.ioctl(.queryBuffer), .mmap(buffer: $0)] }
            + Array(repeating: .ioctl(.queueBuffer), count: buffers)
    }

    /// One frame: wait, take it, give the buffer back.
    static let frame: [Call] = [.poll, .ioctl(.dequeueBuffer), .ioctl(.queueBuffer)]

    /// Letting the device go.
    static func release(path: String = "/dev/video0", buffers: Int = 4, streaming: Bool = true) -> [Call] {
        (streaming ? [.ioctl(.streamOff)] : []) + (0..<buffers).map { .munmap(buffer: $0) } + [.close(path)]
    }
}

/// Asserts that every channel of `image` is within `tolerance` of `color`.
func expectUniform(_ image: RGBImage, _ color: RGB, tolerance: Int = 4,
                   sourceLocation: SourceLocation = #_sourceLocation) {
    var worst = 0
    for index in stride(from: 0, to: image.pixels.count, by: 3) {
        let red = abs(Int(image.pixels[index]) - Int(color.r))
        let green = abs(Int(image.pixels[index + 1]) - Int(color.g))
        let blue = abs(Int(image.pixels[index + 2]) - Int(color.b))
        worst = max(worst, red, green, blue)
    }
    #expect(worst <= tolerance, "largest channel difference \(worst) from \(color)", sourceLocation: sourceLocation)
}

/// Runs `body` on a thread of its own and returns a way to wait for its result.
final class Background<Value: Sendable>: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var result: Value?

    init(_ body: @escaping @Sendable () -> Value) {
        let thread = Thread { [self] in
            result = body()
            done.signal()
        }
        thread.start()
    }

    /// The result, or nil if `body` has not finished within `seconds`.
    func wait(seconds: Double = 5) -> Value? {
        guard done.wait(timeout: .now() + seconds) == .success else { return nil }
        return result
    }
}
