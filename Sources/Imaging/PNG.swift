// PNG decoding and encoding through libpng.

/// PNG decoding to `RGBImage` and encoding from it, through libpng.
///
/// Every PNG kind decodes to 8-bit RGB, the way OpenCV's `cv2.imread(path, IMREAD_COLOR)` does
/// (so results match MediaPipe's reference tools): grey is copied to R, G and B; palettes are
/// expanded; 16-bit samples keep their high byte; **alpha (and tRNS transparency) is dropped,
/// not composited** (a transparent pixel shows its stored colour); no gamma or colour-profile
/// conversion. A corrupt or truncated file becomes an `ImagingError`: libpng's fatal errors
/// are caught in C (see `CPNG/shim.h`).
public enum PNG {
    /// Decodes PNG bytes to RGB; `origin` names the bytes in error messages.
    ///
    /// Throws `ImagingError` for empty, non-PNG, truncated, corrupt (including CRC errors)
    /// or oversized input (more than `maxPixels`, or a header claiming more than the file
    /// could hold at deflate's best ratio).
    public static func decode(_ data: some Collection<UInt8>, origin: String = "PNG data",
                              maxPixels: Int = ImageLimits.defaultMaxPixels) throws(ImagingError) -> RGBImage {
        let result = withContiguousBytes(data) { bytes -> Result<RGBImage, ImagingError> in
            do throws(ImagingError) {
                return .success(try decode(bytes: bytes, origin: origin, maxPixels: maxPixels))
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    /// Encodes an image as an 8-bit RGB PNG (lossless).
    ///
    /// `compressionLevel` is zlib's 0 (none, fastest) ... 9 (smallest). Throws for an empty image.
    public static func encode(_ image: RGBImage, compressionLevel: Int = 6) throws(ImagingError) -> [UInt8] {
        guard !image.isEmpty else { throw .emptyImage(encoder: "PNG encoder", image) }
        guard (0...9).contains(compressionLevel) else {
            throw .outOfRange(encoder: "PNG encoder", setting: "compression level", value: compressionLevel, range: 0...9,
                              remedy: "Pass 0 (fastest) to 9 (smallest); 6 is a good default")
        }
        let result = image.withUnsafeBytes { pixels in
            LibPNG.encodeRGB(pixels, width: image.width, height: image.height, compressionLevel: compressionLevel)
        }
        switch result {
        case .success(let bytes): return bytes
        case .failure(let failure):
            throw .encoderFailed(encoder: "PNG encoder", library: "libpng", message: failure.message)
        }
    }

    // MARK: - Implementation

    private static func decode(bytes: UnsafeBufferPointer<UInt8>, origin: String,
                               maxPixels: Int) throws(ImagingError) -> RGBImage {
        guard !bytes.isEmpty else { throw .emptyInput(origin: origin) }
        guard ImageFormat(sniffing: bytes) == .png else {
            throw ImageFile.wrongFormatError(bytes, expected: "PNG", origin: origin)
        }
        let header: LibPNG.Header
        switch LibPNG.readHeader(bytes) {
        case .success(let value): header = value
        case .failure(let failure): throw decodeError(failure, origin: origin)
        }
        // Deflate compresses at most about 1032:1, so the file must hold at least
        // (filtered image bytes) / 1032; ask for a bit less.
        let rowBytes = (header.width * header.channels * header.bitDepth + 7) / 8 + 1
        let (raw, overflow) = rowBytes.multipliedReportingOverflow(by: header.height)
        try ImageLimits.check(width: header.width, height: header.height, maxPixels: maxPixels,
                              fileBytes: bytes.count, minimumFileBytes: overflow ? Int.max : raw / 1100,
                              format: "PNG", origin: origin)
        let count = header.width * header.height * 3
        var failure: LibPNG.Failure?
        let pixels = [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            failure = LibPNG.decodeRGB(bytes, width: header.width, height: header.height, into: buffer)
            if failure != nil { buffer.update(repeating: 0) }
            initialized = count
        }
        if let failure { throw decodeError(failure, origin: origin) }
        return RGBImage(width: header.width, height: header.height, pixels: pixels)
    }

    private static func decodeError(_ failure: LibPNG.Failure, origin: String) -> ImagingError {
        let message = failure.message
        if message.contains("truncated") || message.contains("Not enough image data") || message.contains("end of stream") {
            return .cutShort(origin: origin, "the PNG data ends before the image is complete (libpng: \(message))")
        }
        return ImagingError(.corrupt, origin: origin, problem: "not a valid PNG (libpng: \(message))",
                            remedy: "The file is damaged; re-export or re-download it")
    }
}
