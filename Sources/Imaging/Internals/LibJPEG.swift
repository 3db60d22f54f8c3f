// The calls into libjpeg-turbo (through the setjmp-safe shims of CJPEG/shim.h).

import CJPEG

/// Thin, typed wrappers over the CJPEG shim functions.
enum LibJPEG {
    /// What a JPEG header says.
    struct Header {
        var width: Int
        var height: Int
        var components: Int
        var colorSpace: J_COLOR_SPACE
        var sawAdobeMarker: Bool
        var progressive: Bool
    }

    /// A libjpeg failure: its message and the first warning's code, if any.
    struct Failure: Error {
        var message: String
        var warningCode: Int32?
        var warning: String
        /// libjpeg ran out of data before the image ended.
        var sawEndOfFile: Bool
    }

    /// A finished decode's warnings (corrupt-data warnings do not stop libjpeg).
    struct Warnings {
        var count: Int
        var firstCode: Int32?
        var first: String
        var sawEndOfFile: Bool
    }

    static func readHeader(_ data: UnsafeBufferPointer<UInt8>) -> Result<Header, Failure> {
        var header = fc_jpeg_header()
        var status = fc_jpeg_status()
        let rc = fc_jpeg_read_header(data.baseAddress, UInt(data.count), &header, &status)
        if rc != 0 { return .failure(failure(status)) }
        return .success(Header(width: Int(header.width), height: Int(header.height),
                               components: Int(header.components),
                               colorSpace: J_COLOR_SPACE(rawValue: UInt32(header.color_space)),
                               sawAdobeMarker: header.saw_adobe_marker != 0,
                               progressive: header.progressive != 0))
    }

    /// Decodes into `out` (`width * height * components` bytes, components 3 = RGB, 4 = CMYK).
    static func decode(_ data: UnsafeBufferPointer<UInt8>, width: Int, height: Int, components: Int,
                       maxScans: Int, into out: UnsafeMutableBufferPointer<UInt8>) -> Result<Warnings, Failure> {
        var status = fc_jpeg_status()
        let rc = fc_jpeg_decode(data.baseAddress, UInt(data.count), Int32(width), Int32(height),
                                Int32(components), Int32(maxScans), out.baseAddress, out.count, &status)
        if rc != 0 { return .failure(failure(status)) }
        return .success(Warnings(count: Int(status.warnings),
                                 firstCode: status.warning_code >= 0 ? status.warning_code : nil,
                                 first: string(fromCCharArray: &status.warning), sawEndOfFile: status.saw_end_of_file != 0))
    }

    /// Encodes packed RGB; returns the JPEG bytes.
    static func encode(_ pixels: UnsafeBufferPointer<UInt8>, width: Int, height: Int,
                       quality: Int) -> Result<[UInt8], Failure> {
        var status = fc_jpeg_status()
        var out: UnsafeMutablePointer<UInt8>?
        var size: UInt = 0
        let rc = fc_jpeg_encode_rgb(pixels.baseAddress, Int32(width), Int32(height), Int32(quality),
                                    &out, &size, &status)
        if rc != 0 { return .failure(failure(status)) }
        defer { fc_jpeg_free(out) }
        guard let out else { return .failure(Failure(message: "encoder returned no data", warningCode: nil, warning: "", sawEndOfFile: false)) }
        return .success(Array(UnsafeBufferPointer(start: out, count: Int(size))))
    }

    /// libjpeg's warning codes that mean the image data is damaged.
    static let damageWarnings: Set<Int32> = [
        Int32(JWRN_JPEG_EOF.rawValue), Int32(JWRN_HIT_MARKER.rawValue), Int32(JWRN_HUFF_BAD_CODE.rawValue),
        Int32(JWRN_ARITH_BAD_CODE.rawValue), Int32(JWRN_MUST_RESYNC.rawValue),
        Int32(JWRN_NOT_SEQUENTIAL.rawValue), Int32(JWRN_BOGUS_PROGRESSION.rawValue),
    ]

    private static func failure(_ status: fc_jpeg_status) -> Failure {
        var status = status
        return Failure(message: string(fromCCharArray: &status.message),
                       warningCode: status.warning_code >= 0 ? status.warning_code : nil,
                       warning: string(fromCCharArray: &status.warning), sawEndOfFile: status.saw_end_of_file != 0)
    }
}
