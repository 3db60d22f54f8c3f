// JPEG decoding and encoding through libjpeg-turbo.

import CJPEG

/// JPEG decoding to `RGBImage` and encoding from it, through libjpeg-turbo.
///
/// Decoding matches OpenCV's `cv2.imread(path, IMREAD_COLOR)` (which MediaPipe's reference
/// tools use) pixel for pixel: libjpeg's default accurate integer IDCT and fancy upsampling,
/// grey and YCbCr converted to RGB by libjpeg (`JCS_EXT_RGB`), CMYK/YCCK converted here with
/// OpenCV's formula, and the EXIF orientation applied. A corrupt or truncated file becomes an
/// `ImagingError`, never a crash: libjpeg's fatal errors are caught in C (see `CJPEG/shim.h`).
public enum JPEG {
    /// How to decode.
    public struct DecodeOptions: Sendable, Hashable {
        /// Turn the image as its EXIF orientation tag says (as cv2.imread and photo viewers do).
        public var applyEXIFOrientation: Bool
        /// Return an image even when libjpeg reports damaged data (a truncated file's missing
        /// part is then grey, and damaged blocks look wrong). Off: such files throw.
        public var acceptDamagedData: Bool
        /// Refuse images with more pixels than this, before allocating.
        public var maxPixels: Int
        /// Refuse progressive files with more scans than this (a denial-of-service guard).
        public var maxProgressiveScans: Int

        /// The defaults: EXIF orientation applied, damaged data refused, 100 MP, 500 scans.
        public init(applyEXIFOrientation: Bool = true, acceptDamagedData: Bool = false,
                    maxPixels: Int = ImageLimits.defaultMaxPixels, maxProgressiveScans: Int = 500) {
            self.applyEXIFOrientation = applyEXIFOrientation
            self.acceptDamagedData = acceptDamagedData
            self.maxPixels = maxPixels
            self.maxProgressiveScans = maxProgressiveScans
        }
    }

    /// Decodes JPEG bytes to RGB.
    ///
    /// `origin` names the bytes in error messages (a path, or e.g. "camera frame 12").
    /// Grey files come back with R = G = B; CMYK files are converted as OpenCV does
    /// (`R = K − (255 − C)·K / 256`, with Adobe's inverted storage; files without an Adobe
    /// marker are taken as not inverted). Throws `ImagingError` for empty, non-JPEG, truncated,
    /// corrupt or oversized input.
    public static func decode(_ data: some Collection<UInt8>, origin: String = "JPEG data",
                              options: DecodeOptions = DecodeOptions()) throws(ImagingError) -> RGBImage {
        let result = withContiguousBytes(data) { bytes in decode(bytes: bytes, origin: origin, options: options) }
        return try result.get()
    }

    /// Encodes an image as a baseline JPEG with 4:2:0 chroma subsampling.
    ///
    /// `quality` is libjpeg's 1...100 scale (90 is visually lossless for photos; 75 is the
    /// libjpeg default). Throws for an empty image or a quality outside 1...100.
    public static func encode(_ image: RGBImage, quality: Int = 90) throws(ImagingError) -> [UInt8] {
        guard !image.isEmpty else { throw .emptyImage(encoder: "JPEG encoder", image) }
        guard (1...100).contains(quality) else {
            throw .outOfRange(encoder: "JPEG encoder", setting: "quality", value: quality, range: 1...100,
                              remedy: "Pass a quality from 1 (smallest) to 100 (best); 90 suits photos")
        }
        guard image.width <= 65_500, image.height <= 65_500 else {
            throw ImagingError(.invalidArgument, origin: "JPEG encoder",
                               problem: "\(image.width)x\(image.height) is larger than JPEG's limit of 65500 pixels per side",
                               remedy: "Downscale the image or save it as PNG")
        }
        let result = image.withUnsafeBytes { pixels in
            LibJPEG.encode(pixels, width: image.width, height: image.height, quality: quality)
        }
        switch result {
        case .success(let bytes): return bytes
        case .failure(let failure):
            throw .encoderFailed(encoder: "JPEG encoder", library: "libjpeg", message: failure.message)
        }
    }

    // MARK: - Implementation

    private static func decode(bytes: UnsafeBufferPointer<UInt8>, origin: String,
                               options: DecodeOptions) -> Result<RGBImage, ImagingError> {
        do {
            return .success(try decodeThrowing(bytes: bytes, origin: origin, options: options))
        } catch {
            return .failure(error)
        }
    }

    private static func decodeThrowing(bytes: UnsafeBufferPointer<UInt8>, origin: String,
                                       options: DecodeOptions) throws(ImagingError) -> RGBImage {
        guard !bytes.isEmpty else { throw .emptyInput(origin: origin) }
        guard ImageFormat(sniffing: bytes) == .jpeg else {
            throw ImageFile.wrongFormatError(bytes, expected: "JPEG", origin: origin)
        }
        let header: LibJPEG.Header
        switch LibJPEG.readHeader(bytes) {
        case .success(let value): header = value
        case .failure(let failure): throw decodeError(failure, origin: origin, stage: "header")
        }
        // A Huffman-coded JPEG spends at least 1 bit on every 8x8 luma block (its DC term):
        // pixels / 512 bytes. Ask for a quarter of that.
        try ImageLimits.check(width: header.width, height: header.height, maxPixels: options.maxPixels,
                              fileBytes: bytes.count, minimumFileBytes: header.width * header.height / 2048,
                              format: "JPEG", origin: origin)

        let isCMYK = header.colorSpace == JCS_CMYK || header.colorSpace == JCS_YCCK
        let components = isCMYK ? 4 : 3
        let count = header.width * header.height * components
        var failure: LibJPEG.Failure?
        var warnings: LibJPEG.Warnings?
        var decoded = [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            switch LibJPEG.decode(bytes, width: header.width, height: header.height, components: components,
                                  maxScans: options.maxProgressiveScans, into: buffer) {
            case .success(let value): warnings = value
            case .failure(let value):
                failure = value
                buffer.update(repeating: 0)  // defined contents; the array is discarded
            }
            initialized = count
        }
        if let failure { throw decodeError(failure, origin: origin, stage: "data") }
        if let warnings, let code = warnings.firstCode, !options.acceptDamagedData,
           warnings.sawEndOfFile || LibJPEG.damageWarnings.contains(code) {
            if warnings.sawEndOfFile {
                throw .cutShort(origin: origin, "the JPEG data ends before the image is complete (file cut short)")
            }
            throw ImagingError(.corrupt, origin: origin,
                               problem: "the JPEG image data is damaged (libjpeg: \(warnings.first))",
                               remedy: "Re-export or re-download the file")
        }
        if isCMYK {
            decoded = cmykToRGB(decoded, inverted: header.sawAdobeMarker)
        }
        let image = RGBImage(width: header.width, height: header.height, pixels: decoded)
        if options.applyEXIFOrientation, let orientation = EXIFOrientation.read(jpeg: bytes), orientation != 1 {
            return image.applyingEXIFOrientation(orientation)
        }
        return image
    }

    private static func decodeError(_ failure: LibJPEG.Failure, origin: String, stage: String) -> ImagingError {
        if failure.sawEndOfFile {
            return .cutShort(origin: origin, "the JPEG \(stage) ends early (file cut short; libjpeg: \(failure.message))")
        }
        return ImagingError(.corrupt, origin: origin,
                            problem: "not a valid JPEG (libjpeg: \(failure.message))",
                            remedy: "The file is damaged or not really a JPEG; re-export or re-download it")
    }

    /// CMYK (4 bytes per pixel) to RGB with OpenCV's integer formula `K − ((255 − C)·K >> 8)`.
    /// Adobe files store inverted values, which that formula expects; others are inverted first.
    private static func cmykToRGB(_ cmyk: [UInt8], inverted: Bool) -> [UInt8] {
        let pixelCount = cmyk.count / 4
        return [UInt8](unsafeUninitializedCapacity: pixelCount * 3) { out, initialized in
            cmyk.withUnsafeBufferPointer { src in
                let flip: Int = inverted ? 0 : 255
                for i in 0..<pixelCount {
                    let c = Int(src[i * 4]) ^ flip, m = Int(src[i * 4 + 1]) ^ flip
                    let y = Int(src[i * 4 + 2]) ^ flip, k = Int(src[i * 4 + 3]) ^ flip
                    out[i * 3] = UInt8(k - (((255 - c) * k) >> 8))
                    out[i * 3 + 1] = UInt8(k - (((255 - m) * k) >> 8))
                    out[i * 3 + 2] = UInt8(k - (((255 - y) * k) >> 8))
                }
            }
            initialized = pixelCount * 3
        }
    }
}
