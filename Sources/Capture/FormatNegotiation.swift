import Foundation

/// How `V4L2Camera` chooses what to ask a device for: pure choices over what the device offers.
enum FormatNegotiation {
    /// The pixel formats Capture decodes, in order of preference when the camera offers them itself.
    static let preferred: [FourCC] = [.mjpeg, .jpeg, .yuyv]

    /// The format to ask for: Motion-JPEG (or JPEG) from the camera itself, small on the USB link
    /// and so full rate at large sizes; else YUYV from the camera; else RGB24, which libv4l2 makes
    /// by converting whatever the camera has. `nil` when none is offered.
    static func pixelFormat(offered: [(format: FourCC, isEmulated: Bool)]) -> FourCC? {
        let native = offered.filter { !$0.isEmulated }.map(\.format)
        if let format = preferred.first(where: native.contains) { return format }
        return offered.contains(where: { $0.format == .rgb24 }) ? .rgb24 : nil
    }

    /// Whether Capture can turn frames in `format` into RGB images.
    static func canDecode(_ format: FourCC) -> Bool {
        format.isJPEG || format == .yuyv || format == .rgb24
    }

    /// The offered size closest to `wanted` (by the ratio of each side, so 1280x720 is nearer to
    /// 1920x1080 than 640x480 is); on a tie, the larger. `wanted` itself when nothing is listed.
    static func size(closestTo wanted: FrameSize, in sizes: FrameSizes) -> FrameSize {
        switch sizes {
        case .discrete(let list):
            func distance(_ size: FrameSize) -> Double {
                abs(log(Double(size.width) / Double(wanted.width)))
                    + abs(log(Double(size.height) / Double(wanted.height)))
            }
            return list.filter { $0.width > 0 && $0.height > 0 }.min { a, b in
                let (da, db) = (distance(a), distance(b))
                return da != db ? da < db : a.width * a.height > b.width * b.height
            } ?? wanted
        case .range(let minimum, let maximum, let step):
            func fit(_ value: Int, _ low: Int, _ high: Int, _ step: Int) -> Int {
                let clamped = min(max(value, low), high)
                let steps = ((Double(clamped - low) / Double(step))).rounded()
                return min(low + Int(steps) * step, high)
            }
            return FrameSize(width: fit(wanted.width, minimum.width, maximum.width, step.width),
                             height: fit(wanted.height, minimum.height, maximum.height, step.height))
        }
    }

    /// The offered interval whose rate is closest to `framesPerSecond`; on a tie, the faster.
    /// For a range, the wanted rate brought into it; when nothing is listed, the wanted rate.
    static func interval(closestTo framesPerSecond: Double, in rates: FrameRates) -> FrameInterval {
        switch rates {
        case .discrete(let list):
            return list.filter { $0.framesPerSecond > 0 }.min { a, b in
                let (da, db) = (abs(a.framesPerSecond - framesPerSecond), abs(b.framesPerSecond - framesPerSecond))
                return da != db ? da < db : a.framesPerSecond > b.framesPerSecond
            } ?? FrameInterval(framesPerSecond: framesPerSecond)
        case .range(let shortest, let longest):
            let fastest = shortest.framesPerSecond, slowest = longest.framesPerSecond
            if framesPerSecond >= fastest { return shortest }
            if framesPerSecond <= slowest { return longest }
            return FrameInterval(framesPerSecond: framesPerSecond)
        }
    }
}
