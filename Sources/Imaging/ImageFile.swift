// Reading and writing image files, with the format taken from the bytes.

/// Image files on disk: load any JPEG or PNG, save as JPEG or PNG.
public enum ImageFile {
    /// Loads the image file at `path` as RGB, choosing the decoder by its magic bytes (never by
    /// its extension).
    ///
    /// Every failure is an `ImagingError` that names `path`: missing or unreadable file,
    /// empty file, a format other than JPEG/PNG (with the format's name when known), truncated or
    /// corrupt data, or a size over `ImageLimits.defaultMaxPixels`. A 1×1 image loads fine.
    /// JPEGs are turned upright by their EXIF orientation.
    public static func load(path: String) throws(ImagingError) -> RGBImage {
        let bytes = try FileIO.read(path: path)
        return try decode(bytes, origin: path)
    }

    /// Decodes JPEG or PNG bytes, choosing the decoder by the magic bytes.
    public static func decode(_ bytes: [UInt8], origin: String) throws(ImagingError) -> RGBImage {
        switch ImageFormat(sniffing: bytes) {
        case .jpeg: return try JPEG.decode(bytes, origin: origin)
        case .png: return try PNG.decode(bytes, origin: origin)
        default: throw wrongFormatError(bytes, expected: "JPEG or PNG", origin: origin)
        }
    }

    /// The format a file would be saved in, from its extension.
    public enum SaveFormat: Sendable, Hashable {
        /// JPEG at a libjpeg quality of 1...100.
        case jpeg(quality: Int)
        /// Lossless 8-bit RGB PNG.
        case png
    }

    /// Saves `image` to `path`: PNG if the path ends in `.png`, else JPEG at `jpegQuality`.
    public static func save(_ image: RGBImage, to path: String, jpegQuality: Int = 90) throws(ImagingError) {
        let format: SaveFormat = path.lowercased().hasSuffix(".png") ? .png : .jpeg(quality: jpegQuality)
        try save(image, to: path, format: format)
    }

    /// Saves `image` to `path` in the given format.
    public static func save(_ image: RGBImage, to path: String, format: SaveFormat) throws(ImagingError) {
        let bytes: [UInt8]
        switch format {
        case .jpeg(let quality): bytes = try JPEG.encode(image, quality: quality)
        case .png: bytes = try PNG.encode(image)
        }
        try FileIO.write(bytes, path: path)
    }

    /// The error for bytes that are not in the expected format, naming what they are instead.
    static func wrongFormatError(_ bytes: some Collection<UInt8>, expected: String, origin: String) -> ImagingError {
        let remedy = "Use a JPEG or PNG image (convert it first, e.g. `convert in.webp out.jpg`)"
        if bytes.isEmpty { return .emptyInput(origin: origin) }
        switch ImageFormat(sniffing: bytes) {
        case .jpeg: return ImagingError(.unknownFormat, origin: origin, problem: "is a JPEG, not \(expected)", remedy: remedy)
        case .png: return ImagingError(.unknownFormat, origin: origin, problem: "is a PNG, not \(expected)", remedy: remedy)
        case .other(let name):
            return ImagingError(.unknownFormat, origin: origin, problem: "is a \(name) file, not \(expected)", remedy: remedy)
        case .text:
            let preview = String(decoding: bytes.prefix(24), as: UTF8.self)
                .map { $0.isNewline ? " " : $0 }
            return ImagingError(.unknownFormat, origin: origin,
                                problem: "is text (starts \"\(String(preview))\"), not \(expected) image data",
                                remedy: "The file is not an image despite its name; check where it came from")
        case .unknown:
            let hex = bytes.prefix(8).map { byte in
                let digits = String(byte, radix: 16, uppercase: true)
                return digits.count == 1 ? "0" + digits : digits
            }.joined(separator: " ")
            return ImagingError(.unknownFormat, origin: origin,
                                problem: "is not \(expected) data (first bytes \(hex))", remedy: remedy)
        }
    }
}
