// The calls into libpng (through the setjmp-safe shims of CPNG/shim.h).

import CPNG

/// Thin, typed wrappers over the CPNG shim functions.
enum LibPNG {
    /// What a PNG's IHDR says.
    struct Header {
        var width: Int
        var height: Int
        var bitDepth: Int
        var colorType: Int
        var interlaced: Bool

        /// Channels per pixel for the colour type (palette counts as 1).
        var channels: Int {
            switch colorType {
            case 0, 3: return 1
            case 4: return 2
            case 2: return 3
            case 6: return 4
            default: return 4
            }
        }
    }

    /// A libpng failure with its message.
    struct Failure: Error {
        var message: String
    }

    static func readHeader(_ data: UnsafeBufferPointer<UInt8>) -> Result<Header, Failure> {
        var header = fc_png_header()
        var status = fc_png_status()
        let rc = fc_png_read_header(data.baseAddress, data.count, &header, &status)
        if rc != 0 { return .failure(Failure(message: string(fromCCharArray: &status.message))) }
        return .success(Header(width: Int(header.width), height: Int(header.height),
                               bitDepth: Int(header.bit_depth), colorType: Int(header.color_type),
                               interlaced: header.interlaced != 0))
    }

    /// Decodes to packed 8-bit RGB in `out` (`width * height * 3` bytes).
    static func decodeRGB(_ data: UnsafeBufferPointer<UInt8>, width: Int, height: Int,
                          into out: UnsafeMutableBufferPointer<UInt8>) -> Failure? {
        var status = fc_png_status()
        let rc = fc_png_decode_rgb(data.baseAddress, data.count, UInt32(width), UInt32(height),
                                   out.baseAddress, out.count, &status)
        return rc == 0 ? nil : Failure(message: string(fromCCharArray: &status.message))
    }

    /// Encodes packed 8-bit RGB; returns the PNG bytes.
    static func encodeRGB(_ pixels: UnsafeBufferPointer<UInt8>, width: Int, height: Int,
                          compressionLevel: Int) -> Result<[UInt8], Failure> {
        var status = fc_png_status()
        var out: UnsafeMutablePointer<UInt8>?
        var size = 0
        let rc = fc_png_encode_rgb(pixels.baseAddress, UInt32(width), UInt32(height), Int32(compressionLevel),
                                   &out, &size, &status)
        if rc != 0 { return .failure(Failure(message: string(fromCCharArray: &status.message))) }
        defer { fc_png_free(out) }
        guard let out else { return .failure(Failure(message: "encoder returned no data")) }
        return .success(Array(UnsafeBufferPointer(start: out, count: size)))
    }
}
