import Imaging

/// Reads binary PPM images (`P6`, maxval 255) one after another from a byte stream, as
/// `ffmpeg -f image2pipe -c:v ppm` writes them.
struct PPMStreamReader {
    /// Why the stream could not be read.
    enum Failure: Error, Equatable {
        /// The bytes are not a PPM image where one should start.
        case malformed(String)
        /// The stream ended inside an image.
        case truncated
        /// Reading the stream failed.
        case unreadable(String)
    }

    /// Reads up to `count` bytes; an empty array at the end of the stream.
    private let read: (Int) throws -> [UInt8]
    private var buffer: [UInt8] = []
    private var position = 0
    private var atEnd = false

    /// Images larger than this are refused (a corrupt header must not allocate gigabytes).
    static let maximumPixels = 100_000_000

    init(read: @escaping (Int) throws -> [UInt8]) {
        self.read = read
    }

    /// The next image; `nil` when the stream ends cleanly between images.
    mutating func nextImage() throws(Failure) -> RGBImage? {
        guard try ensure(1) else { return nil }
        guard try ensure(2), buffer[position] == UInt8(ascii: "P"), buffer[position + 1] == UInt8(ascii: "6") else {
            throw .malformed("the stream does not start with a binary PPM header (P6)")
        }
        position += 2
        let width = try headerNumber(), height = try headerNumber(), maxval = try headerNumber()
        guard width > 0, height > 0, width * height <= Self.maximumPixels else {
            throw .malformed("a PPM image of \(width)x\(height) pixels")
        }
        guard maxval == 255 else { throw .malformed("PPM maxval \(maxval); only 8-bit (255) is read") }
        // Exactly one whitespace byte separates the header from the pixels.
        guard try ensure(1) else { throw .truncated }
        position += 1
        let count = width * height * 3
        guard try ensure(count) else { throw .truncated }
        let pixels = Array(buffer[position..<position + count])
        position += count
        return RGBImage(width: width, height: height, pixels: pixels)
    }

    /// A decimal number of the header, after whitespace and `#` comments.
    private mutating func headerNumber() throws(Failure) -> Int {
        while true {
            guard try ensure(1) else { throw .truncated }
            let byte = buffer[position]
            if byte == UInt8(ascii: "#") {
                while try ensure(1), buffer[position] != UInt8(ascii: "\n") { position += 1 }
            } else if byte == 0x20 || (0x09...0x0D).contains(byte) {
                position += 1
            } else {
                break
            }
        }
        var value = 0, digits = 0
        while try ensure(1), (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(buffer[position]) {
            value = value * 10 + Int(buffer[position] - UInt8(ascii: "0"))
            digits += 1
            position += 1
            guard digits <= 9 else { throw .malformed("a PPM header number with more than 9 digits") }
        }
        guard digits > 0 else { throw .malformed("a PPM header without its numbers") }
        return value
    }

    /// Makes at least `count` unread bytes available; false when the stream ends first.
    private mutating func ensure(_ count: Int) throws(Failure) -> Bool {
        while buffer.count - position < count {
            if atEnd { return false }
            if position > 0 {
                buffer.removeSubrange(0..<position)
                position = 0
            }
            let chunk: [UInt8]
            do {
                chunk = try read(max(count - buffer.count, 1 << 16))
            } catch {
                throw .unreadable("\(error)")
            }
            if chunk.isEmpty { atEnd = true } else { buffer += chunk }
        }
        return true
    }
}
