import ArgumentParser
import Capture

/// `formcheck devices`: lists the cameras with what each can deliver.
struct DevicesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "devices",
        abstract: "List cameras with their pixel formats, frame sizes and frame rates.",
        discussion: """
            Without arguments, every video device (/dev/video*) is opened, described and closed \
            again. Nodes that are no camera (a webcam's metadata node) and nodes that cannot be \
            opened are listed with the reason.
            """)

    @Argument(help: "Device nodes to describe (default: every /dev/video*).")
    var devices: [String] = []

    func run() {
        let nodes = devices.isEmpty ? VideoDevices.list() : VideoDevices.list(paths: devices)
        print(VideoDevices.report(nodes))
    }
}
