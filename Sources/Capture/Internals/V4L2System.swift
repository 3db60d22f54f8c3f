import CV4L2

/// The system calls the V4L2 capture path makes, and nothing else.
///
/// Every call `V4L2Camera` and the device listing make goes through one value of this type: the
/// real one (`LibV4L2System`, through libv4l2) in the product, an emulated device in the tests,
/// which can then check the exact call sequence and inject any fault. Methods mirror the C calls
/// one to one and report failure as the `errno` the call set; they never retry. Retrying
/// `EINTR` and turning `errno` into `CaptureError` is `SystemCall`'s job.
protocol V4L2System: Sendable {
    /// `open(path, flags)`: returns the descriptor.
    func open(_ path: String, flags: Int32) throws(Errno) -> Int32
    /// `close(fd)`.
    func close(_ fd: Int32) throws(Errno)
    /// `ioctl(fd, request, argument)`, where `argument` points at the request's struct.
    func ioctl(_ fd: Int32, _ request: V4L2Request, _ argument: UnsafeMutableRawPointer) throws(Errno)
    /// `mmap(nil, length, PROT_READ | PROT_WRITE, MAP_SHARED, fd, offset)`.
    func mmap(fd: Int32, length: Int, offset: Int) throws(Errno) -> UnsafeMutableRawPointer
    /// `munmap(address, length)`.
    func munmap(_ address: UnsafeMutableRawPointer, length: Int) throws(Errno)
    /// `poll(descriptors, count, timeout)`: returns how many descriptors have events.
    func poll(_ descriptors: UnsafeMutableBufferPointer<pollfd>, timeoutMilliseconds: Int32) throws(Errno) -> Int
    /// `eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK)`: a descriptor another thread can make readable.
    func makeWakeEvent() throws(Errno) -> Int32
    /// Makes a wake event readable (writes 1 to the eventfd); it stays readable from then on.
    func signalWakeEvent(_ fd: Int32) throws(Errno)
    /// The V4L2 device nodes present (`/dev/video*`), in natural order.
    func deviceNodes() -> [String]
}

/// The V4L2 ioctl requests the capture path makes.
enum V4L2Request: String, CaseIterable, Sendable {
    case queryCapability = "VIDIOC_QUERYCAP"
    case enumerateFormat = "VIDIOC_ENUM_FMT"
    case enumerateFrameSizes = "VIDIOC_ENUM_FRAMESIZES"
    case enumerateFrameIntervals = "VIDIOC_ENUM_FRAMEINTERVALS"
    case getFormat = "VIDIOC_G_FMT"
    case setFormat = "VIDIOC_S_FMT"
    case getParameters = "VIDIOC_G_PARM"
    case setParameters = "VIDIOC_S_PARM"
    case requestBuffers = "VIDIOC_REQBUFS"
    case queryBuffer = "VIDIOC_QUERYBUF"
    case queueBuffer = "VIDIOC_QBUF"
    case dequeueBuffer = "VIDIOC_DQBUF"
    case streamOn = "VIDIOC_STREAMON"
    case streamOff = "VIDIOC_STREAMOFF"

    /// The request number `linux/videodev2.h` defines.
    var number: UInt {
        switch self {
        case .queryCapability: cv4l2_vidioc_querycap()
        case .enumerateFormat: cv4l2_vidioc_enum_fmt()
        case .enumerateFrameSizes: cv4l2_vidioc_enum_framesizes()
        case .enumerateFrameIntervals: cv4l2_vidioc_enum_frameintervals()
        case .getFormat: cv4l2_vidioc_g_fmt()
        case .setFormat: cv4l2_vidioc_s_fmt()
        case .getParameters: cv4l2_vidioc_g_parm()
        case .setParameters: cv4l2_vidioc_s_parm()
        case .requestBuffers: cv4l2_vidioc_reqbufs()
        case .queryBuffer: cv4l2_vidioc_querybuf()
        case .queueBuffer: cv4l2_vidioc_qbuf()
        case .dequeueBuffer: cv4l2_vidioc_dqbuf()
        case .streamOn: cv4l2_vidioc_streamon()
        case .streamOff: cv4l2_vidioc_streamoff()
        }
    }

    /// The macro's name, used in messages: `VIDIOC_S_FMT`.
    var name: String { rawValue }
}
