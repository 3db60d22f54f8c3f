// Size limits that keep a hostile or broken header from causing a huge allocation.

/// Limits the decoders check before they allocate anything.
public enum ImageLimits {
    /// The default pixel cap: 100 megapixels (300 MB of RGB). Larger images are refused.
    public static let defaultMaxPixels = 100_000_000

    /// Checks a header's claimed size against the pixel cap and the file size.
    ///
    /// `minimumFileBytes` is the least number of bytes a valid file of that size can have
    /// (format-specific); a smaller file cannot hold the image, so its header is lying or the
    /// file is cut short. Both are refused before any pixel memory is allocated.
    static func check(width: Int, height: Int, maxPixels: Int, fileBytes: Int,
                      minimumFileBytes: Int, format: String, origin: String) throws(ImagingError) {
        guard width > 0, height > 0 else {
            throw ImagingError(.corrupt, origin: origin, problem: "the \(format) header gives an empty size \(width)x\(height)",
                               remedy: "The file is damaged; re-export or re-download it")
        }
        let (pixels, overflow) = width.multipliedReportingOverflow(by: height)
        if overflow || pixels > maxPixels {
            throw ImagingError(.tooLarge, origin: origin,
                               problem: "the \(format) header claims \(width)x\(height) pixels, over the limit of \(maxPixels / 1_000_000) megapixels",
                               remedy: "Downscale the image first (e.g. to 1920 pixels on the long side); if the size is wrong, the file is damaged")
        }
        if fileBytes < minimumFileBytes {
            throw ImagingError(.tooLarge, origin: origin,
                               problem: "the \(format) header claims \(width)x\(height) pixels, but \(fileBytes) bytes cannot hold that (at least \(minimumFileBytes) needed)",
                               remedy: "The file is truncated or its header is damaged; re-export or re-download it")
        }
    }
}
