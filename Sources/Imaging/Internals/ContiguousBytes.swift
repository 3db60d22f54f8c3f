// Contiguous access to any collection of bytes.

/// Calls `body` with contiguous bytes of `data`, copying only if `data` is not contiguous.
func withContiguousBytes<R>(_ data: some Collection<UInt8>, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
    if let result = data.withContiguousStorageIfAvailable(body) { return result }
    return Array(data).withUnsafeBufferPointer(body)
}
