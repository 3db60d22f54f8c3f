// The error messages that the decoders and encoders share.

extension ImagingError {
    /// No bytes at all.
    static func emptyInput(origin: String) -> ImagingError {
        ImagingError(.empty, origin: origin, problem: "has no bytes (empty file)",
                     remedy: "The file was not written completely; re-export or re-download it")
    }

    /// The data stops before the image is complete.
    static func cutShort(origin: String, _ problem: String) -> ImagingError {
        ImagingError(.truncated, origin: origin, problem: problem,
                     remedy: "Re-export or re-download the file; a partly written file may still be growing")
    }

    /// An encoder was given an image without pixels.
    static func emptyImage(encoder: String, _ image: RGBImage) -> ImagingError {
        ImagingError(.invalidArgument, origin: encoder, problem: "the image is empty (\(image.width)x\(image.height))",
                     remedy: "Encode an image with at least one pixel")
    }

    /// An encoder setting outside its range.
    static func outOfRange(encoder: String, setting: String, value: Int, range: ClosedRange<Int>,
                           remedy: String) -> ImagingError {
        ImagingError(.invalidArgument, origin: encoder,
                     problem: "\(setting) \(value) is outside \(range.lowerBound)...\(range.upperBound)", remedy: remedy)
    }

    /// The C library failed while encoding a valid image.
    static func encoderFailed(encoder: String, library: String, message: String) -> ImagingError {
        ImagingError(.writeFailed, origin: encoder, problem: "\(library) failed: \(message)",
                     remedy: "This should not happen for a valid image; please report it")
    }
}
