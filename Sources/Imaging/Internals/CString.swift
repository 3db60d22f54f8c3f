// Reading the fixed-size C character arrays that the C shims fill in.

/// The NUL-terminated UTF-8 text in a C `char[N]` field (imported by Swift as a tuple).
func string<T>(fromCCharArray array: inout T) -> String {
    withUnsafeBytes(of: &array) { raw in
        let bytes = raw.bindMemory(to: UInt8.self)
        let end = bytes.firstIndex(of: 0) ?? bytes.count
        return String(decoding: bytes[0..<end], as: UTF8.self)
    }
}
