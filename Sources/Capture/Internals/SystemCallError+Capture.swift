extension SystemCallError {
    /// The `CaptureError` this failure means for the device at `path`.
    ///
    /// `ENODEV`/`ENXIO` mean the device is gone: missing when opening, unplugged afterwards.
    /// `ENOTTY` when opening means the file is no V4L2 device at all.
    /// `EIO` means unplugged too when `ioMeansGone` (buffer calls on a stream whose device has
    /// been disconnected fail with it); elsewhere it is reported as the failed call.
    func captureError(path: String, opening: Bool = false, ioMeansGone: Bool = false) -> CaptureError {
        switch errno {
        case .noSuchFile:
            .deviceMissing(path: path)
        case .permissionDenied, .notPermitted:
            .permissionDenied(path: path)
        case .busy:
            .deviceBusy(path: path)
        case .noDevice, .noSuchDeviceOrAddress:
            opening ? .deviceMissing(path: path) : .disconnected(path: path)
        case .notTypewriter where opening:
            // libv4l2 refuses to open what answers no V4L2 request.
            .notACamera(path: path, card: "", reason: "it is not a V4L2 video device")
        case .ioError where ioMeansGone:
            .disconnected(path: path)
        default:
            .systemCall(path: path, call: call, errno: errno.rawValue)
        }
    }
}
