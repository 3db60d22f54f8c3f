extension SystemCallError {
    /// The `CaptureError` this failure means for the device at `path`.
    ///
    /// `ENODEV`/`ENXIO` mean the device is gone: missing when opening, unplugged afterwards.
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
        case .ioError where ioMeansGone:
            .disconnected(path: path)
        default:
            .systemCall(path: path, call: call, errno: errno.rawValue)
        }
    }
}
