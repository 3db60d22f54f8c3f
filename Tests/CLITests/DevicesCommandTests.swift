import Foundation
import Testing
import TestSupport

/// `formcheck devices`, run as the built binary.
@Suite struct DevicesCommandTests {
    /// Runs the built `formcheck` with `arguments`; its exit status and standard output.
    static func formcheck(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let result = try FormcheckProcess.run(arguments)
        return (result.status, result.output)
    }

    /// Whether this machine has any video device node.
    static let hasVideoDevices = ((try? FileManager.default.contentsOfDirectory(atPath: "/dev")) ?? [])
        .contains { $0.hasPrefix("video") }

    @Test(.enabled(if: !hasVideoDevices, "this machine has video devices"))
    func withoutACameraSaysSoPlainly() throws {
        let (status, output) = try Self.formcheck(["devices"])
        #expect(status == 0)
        #expect(output == """
            No camera found: there is no video device (/dev/video*).
            Is the webcam plugged in? (`lsusb` lists what is on USB.)
            Are you in the `video` group? (`groups` shows yours; add yourself with `sudo usermod -aG video $USER`, then log out and back in.)

            """)
    }

    @Test func describesTheNodesItIsGiven() throws {
        let (status, output) = try Self.formcheck(["devices", "/dev/null", "/dev/video-formcheck-none"])
        #expect(status == 0)
        #expect(output == """
            /dev/null: /dev/null is not a camera that streams video: it is not a V4L2 video device. Webcams often have a second node for metadata; `formcheck devices` shows which one captures.
            /dev/video-formcheck-none: There is no camera at /dev/video-formcheck-none. Is the webcam plugged in? `formcheck devices` lists the cameras this computer sees.

            No usable camera among these devices.
            Is the webcam plugged in? (`lsusb` lists what is on USB.)
            Are you in the `video` group? (`groups` shows yours; add yourself with `sudo usermod -aG video $USER`, then log out and back in.)

            """)
    }

    @Test func help() throws {
        let (status, output) = try Self.formcheck(["devices", "--help"])
        #expect(status == 0)
        #expect(output == """
            OVERVIEW: List cameras with their pixel formats, frame sizes and frame rates.

            Without arguments, every video device (/dev/video*) is opened, described and
            closed again. Nodes that are no camera (a webcam's metadata node) and nodes
            that cannot be opened are listed with the reason.

            USAGE: formcheck devices [<devices> ...]

            ARGUMENTS:
              <devices>               Device nodes to describe (default: every /dev/video*).

            OPTIONS:
              --version               Show the version.
              -h, --help              Show help information.


            """)
    }
}
