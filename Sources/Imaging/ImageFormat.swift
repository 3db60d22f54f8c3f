// Recognising an image file by its first bytes.

/// The container format of image bytes, recognised by magic bytes (never by file extension).
public enum ImageFormat: Sendable, Hashable {
    /// JPEG/JFIF/EXIF: starts with FF D8 FF.
    case jpeg
    /// PNG: starts with 89 'P' 'N' 'G' 0D 0A 1A 0A.
    case png
    /// A format we recognise but do not decode (GIF, BMP, WebP, TIFF, HEIF/AVIF, ...), by name.
    case other(String)
    /// Readable text (e.g. an HTML error page or a note saved with an image extension).
    case text
    /// Nothing we recognise.
    case unknown

    /// Recognises the format from the first bytes (16 are enough).
    public init(sniffing bytes: some Collection<UInt8>) {
        let head = Array(bytes.prefix(16))
        func starts(_ magic: [UInt8], at offset: Int = 0) -> Bool {
            head.count >= offset + magic.count && Array(head[offset..<offset + magic.count]) == magic
        }
        let ascii: (String) -> [UInt8] = { Array($0.utf8) }
        if starts([0xFF, 0xD8, 0xFF]) {
            self = .jpeg
        } else if starts([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) {
            self = .png
        } else if starts(ascii("GIF87a")) || starts(ascii("GIF89a")) {
            self = .other("GIF")
        } else if starts(ascii("BM")) && head.count >= 14 {
            self = .other("BMP")
        } else if starts(ascii("RIFF")) && starts(ascii("WEBP"), at: 8) {
            self = .other("WebP")
        } else if starts([0x49, 0x49, 0x2A, 0x00]) || starts([0x4D, 0x4D, 0x00, 0x2A]) {
            self = .other("TIFF")
        } else if starts(ascii("ftyp"), at: 4) {
            let brand = head.count >= 12 ? String(decoding: head[8..<12], as: UTF8.self) : ""
            switch brand {
            case "avif", "avis": self = .other("AVIF")
            case "heic", "heix", "hevc", "hevx", "mif1", "msf1": self = .other("HEIF/HEIC")
            default: self = .other("MP4/QuickTime video")
            }
        } else if starts([0x00, 0x00, 0x00, 0x0C, 0x6A, 0x50, 0x20, 0x20]) || starts([0xFF, 0x4F, 0xFF, 0x51]) {
            self = .other("JPEG 2000")
        } else if !head.isEmpty && head.allSatisfy({ $0 == 0x09 || $0 == 0x0A || $0 == 0x0D || ($0 >= 0x20 && $0 < 0x7F) || $0 >= 0x80 }) {
            self = .text
        } else {
            self = .unknown
        }
    }
}
