@testable import Capture
import Foundation
import Imaging
import Synchronization

/// A folder of its own under the temporary directory, removed on `remove()`.
struct TemporaryFolder {
    let path: String

    init() throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("capture-tests-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    func file(_ name: String) -> String { (path as NSString).appendingPathComponent(name) }

    /// Saves a one-colour image as `name` (PNG or JPEG by its extension) and returns its path.
    @discardableResult
    func image(_ name: String, _ color: RGB, width: Int = 8, height: Int = 6) throws -> String {
        let path = file(name)
        try ImageFile.save(RGBImage(width: width, height: height, fill: color), to: path)
        return path
    }

    @discardableResult
    func write(_ name: String, _ bytes: [UInt8]) -> String {
        let path = file(name)
        _ = FileManager.default.createFile(atPath: path, contents: Data(bytes))
        return path
    }

    func remove() { try? FileManager.default.removeItem(atPath: path) }
}

/// A replay clock that a test moves: sleeping jumps to the deadline at once.
final class ManualClock: ReplayClock {
    private let time = Mutex<(now: Double, sleeps: [Double])>((0, []))

    func now() -> Double { time.withLock { $0.now } }

    func sleep(until deadline: Double, stop: StopSignal) -> Bool {
        time.withLock {
            $0.sleeps.append(deadline)
            $0.now = max($0.now, deadline)
        }
        return stop.isStopped
    }

    /// Time passing while the caller works on a frame.
    func advance(by seconds: Double) { time.withLock { $0.now += seconds } }

    /// The deadlines slept until, in order.
    var sleeps: [Double] { time.withLock { $0.sleeps } }
}
