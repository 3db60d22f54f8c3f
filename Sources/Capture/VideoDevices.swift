/// The video device nodes of this computer (`/dev/video*`) and what each one is.
public enum VideoDevices {
    /// One device node and what opening it showed.
    public struct Node: Hashable, Sendable {
        /// The device node, e.g. `/dev/video0`.
        public var path: String
        /// What the node turned out to be.
        public var kind: Kind

        public init(path: String, kind: Kind) {
            self.path = path
            self.kind = kind
        }

        /// What a device node is.
        public enum Kind: Hashable, Sendable {
            /// A camera: it captures video by streaming.
            case camera(CaptureDevice)
            /// A V4L2 node that does not capture video (a webcam's metadata node, an output).
            case notACamera(card: String, driver: String, reason: String)
            /// The node could not be opened or queried (permission, busy, gone meanwhile).
            case unavailable(CaptureError)
        }
    }

    /// Every `/dev/video*` node in natural order, each opened, described and closed again.
    public static func list() -> [Node] {
        list(system: LibV4L2System())
    }

    /// The nodes at `paths`, each opened, described and closed again.
    public static func list(paths: [String]) -> [Node] {
        list(paths: paths, system: LibV4L2System())
    }

    static func list(system: any V4L2System) -> [Node] {
        list(paths: system.deviceNodes(), system: system)
    }

    static func list(paths: [String], system: any V4L2System) -> [Node] {
        paths.map { Node(path: $0, kind: inspect($0, system: system)) }
    }

    /// Opens `path`, asks what it is, and closes it.
    static func inspect(_ path: String, system: any V4L2System) -> Node.Kind {
        let device: V4L2Device
        do throws(CaptureError) { device = try V4L2Device.open(path, system: system) } catch { return .unavailable(error) }
        defer { device.close() }
        do throws(CaptureError) {
            let capability = try device.capability()
            if let reason = capability.whyNotACamera {
                return .notACamera(card: capability.card, driver: capability.driver, reason: reason)
            }
            return .camera(try device.describe(capability: capability))
        } catch {
            return .unavailable(error)
        }
    }

    /// The listing as text for people: each camera with its formats, sizes and rates; a plain
    /// sentence with what to check when there is none.
    public static func report(_ nodes: [Node]) -> String {
        var lines: [String] = []
        for node in nodes {
            switch node.kind {
            case .camera(let device):
                lines += cameraLines(device)
            case .notACamera(let card, let driver, let reason):
                lines.append("\(node.path): \(card) (driver \(driver)): not a camera: \(reason)")
            case .unavailable(let error):
                lines.append("\(node.path): \(error)")
            }
        }
        let cameras = nodes.filter { if case .camera = $0.kind { true } else { false } }.count
        if nodes.isEmpty {
            lines.append(contentsOf: noCameraLines(headline: "No camera found: there is no video device (/dev/video*)."))
        } else if cameras == 0 {
            lines.append("")
            lines.append(contentsOf: noCameraLines(headline: "No usable camera among these devices."))
        }
        return lines.joined(separator: "\n")
    }

    private static func noCameraLines(headline: String) -> [String] {
        [
            headline,
            "Is the webcam plugged in? (`lsusb` lists what is on USB.)",
            "Are you in the `video` group? (`groups` shows yours; add yourself with "
                + "`sudo usermod -aG video $USER`, then log out and back in.)",
        ]
    }

    private static func cameraLines(_ device: CaptureDevice) -> [String] {
        var lines = ["\(device.path): \(device.card) (driver \(device.driver), bus \(device.bus))"]
        if device.formats.isEmpty { lines.append("  no pixel formats listed") }
        for format in device.formats {
            var notes = [format.description]
            if format.isEmulated { notes.append("converted by libv4l2") }
            lines.append("  \(format.pixelFormat.code)  \(notes.joined(separator: ", "))")
            switch format.sizes {
            case .discrete(let sizes) where sizes.isEmpty:
                lines.append("    sizes not listed by the driver")
            case .discrete:
                let width = format.modes.map(\.size.description.count).max() ?? 0
                for mode in format.modes {
                    let size = mode.size.description
                    lines.append("    " + size + String(repeating: " ", count: width - size.count + 2)
                                 + ratesText(mode.rates))
                }
            case .range(let minimum, let maximum, let step):
                lines.append("    any size from \(minimum) to \(maximum) in steps of \(step)")
            }
        }
        return lines
    }

    /// `30, 15, 7.5 fps`, or `1 to 30 fps` for a range.
    static func ratesText(_ rates: FrameRates) -> String {
        switch rates {
        case .discrete(let intervals) where intervals.isEmpty:
            return "rates not listed"
        case .discrete(let intervals):
            return intervals.map { FrameInterval.rateText($0.framesPerSecond) }.joined(separator: ", ") + " fps"
        case .range(let shortest, let longest):
            return "\(FrameInterval.rateText(longest.framesPerSecond)) to "
                + "\(FrameInterval.rateText(shortest.framesPerSecond)) fps"
        }
    }
}
