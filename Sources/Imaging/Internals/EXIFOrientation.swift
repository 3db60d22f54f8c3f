// Finding the EXIF orientation tag in a JPEG's APP1 segment.

/// Reads the EXIF orientation (tag 0x0112, values 1...8) of a JPEG, if it has one.
///
/// Walks the marker segments from SOI up to the first SOS, finds an APP1 segment that starts
/// with "Exif\0\0", and looks the tag up in IFD0 of its TIFF structure (either byte order).
/// Every read is bounds-checked; damaged EXIF data just means "no orientation".
enum EXIFOrientation {
    static func read(jpeg bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        guard bytes.count >= 4, bytes[0] == 0xFF, bytes[1] == 0xD8 else { return nil }
        var offset = 2
        while offset + 4 <= bytes.count {
            guard bytes[offset] == 0xFF else { return nil }
            let marker = bytes[offset + 1]
            if marker == 0xFF { offset += 1; continue }  // fill byte
            if marker == 0xDA || marker == 0xD9 { return nil }  // SOS or EOI: no more headers
            if marker == 0x01 || (0xD0...0xD7).contains(marker) { offset += 2; continue }
            let length = Int(bytes[offset + 2]) << 8 | Int(bytes[offset + 3])
            guard length >= 2, offset + 2 + length <= bytes.count else { return nil }
            let segment = offset + 4
            let segmentEnd = offset + 2 + length
            if marker == 0xE1, segmentEnd - segment >= 14,
               Array(bytes[segment..<segment + 6]) == [0x45, 0x78, 0x69, 0x66, 0x00, 0x00] {
                if let value = orientation(tiff: UnsafeBufferPointer(rebasing: bytes[(segment + 6)..<segmentEnd])) {
                    return value
                }
            }
            offset = segmentEnd
        }
        return nil
    }

    private static func orientation(tiff: UnsafeBufferPointer<UInt8>) -> Int? {
        guard tiff.count >= 8 else { return nil }
        let bigEndian: Bool
        switch (tiff[0], tiff[1]) {
        case (0x4D, 0x4D): bigEndian = true
        case (0x49, 0x49): bigEndian = false
        default: return nil
        }
        func u16(_ at: Int) -> Int? {
            guard at >= 0, at + 2 <= tiff.count else { return nil }
            return bigEndian ? Int(tiff[at]) << 8 | Int(tiff[at + 1]) : Int(tiff[at + 1]) << 8 | Int(tiff[at])
        }
        func u32(_ at: Int) -> Int? {
            guard let a = u16(at), let b = u16(at + 2) else { return nil }
            return bigEndian ? a << 16 | b : b << 16 | a
        }
        guard u16(2) == 42, let ifd = u32(4), let count = u16(ifd) else { return nil }
        for entry in 0..<count {
            let at = ifd + 2 + entry * 12
            guard let tag = u16(at) else { return nil }
            if tag == 0x0112 {
                guard let type = u16(at + 2), type == 3, let value = u16(at + 8), (1...8).contains(value) else {
                    return nil
                }
                return value
            }
        }
        return nil
    }
}
