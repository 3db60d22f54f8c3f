import Imaging

/// Turns the bytes of one camera frame into an `RGBImage`: JPEG through Imaging's libjpeg-turbo
/// decoder, YUYV through Imaging's converter, RGB24 copied row by row.
enum FrameDecoder {
    /// Why a frame could not be used.
    enum Failure: Error, Equatable {
        /// Fewer bytes than the format needs (or a JPEG that stops early).
        case short(String)
        /// The bytes are damaged (a corrupt JPEG; a buffer the driver flagged).
        case corrupt(String)
    }

    static func decode(_ bytes: UnsafeRawBufferPointer, format: V4L2Camera.StreamFormat,
                       origin: String) -> Result<RGBImage, Failure> {
        guard bytes.count >= format.minimumFrameBytes else {
            return .failure(.short("\(bytes.count) bytes, \(format.pixelFormat.code) \(format.size) needs "
                                   + "at least \(format.minimumFrameBytes)"))
        }
        let (width, height) = (format.size.width, format.size.height)
        switch format.pixelFormat {
        case let jpeg where jpeg.isJPEG:
            do throws(ImagingError) {
                let options = JPEG.DecodeOptions(applyEXIFOrientation: false)
                return .success(try JPEG.decode(bytes, origin: origin, options: options))
            } catch {
                return .failure(error.kind == .truncated || error.kind == .empty
                                ? .short(error.problem) : .corrupt(error.problem))
            }
        case .yuyv:
            let stride = format.bytesPerLine >= width * 2 ? format.bytesPerLine : width * 2
            guard let image = PixelFormat.yuyvToRGB(bytes, width: width, height: height, bytesPerRow: stride) else {
                return .failure(.corrupt("YUYV \(format.size) cannot be converted (odd width?)"))
            }
            return .success(image)
        default:
            let row = width * 3
            let stride = format.bytesPerLine >= row ? format.bytesPerLine : row
            let pixels = [UInt8](unsafeUninitializedCapacity: row * height) { out, initialized in
                for y in 0..<height {
                    let source = UnsafeRawBufferPointer(rebasing: bytes[(y * stride)..<(y * stride + row)])
                    UnsafeMutableRawBufferPointer(UnsafeMutableBufferPointer(rebasing: out[(y * row)..<(y * row + row)]))
                        .copyMemory(from: source)
                }
                initialized = row * height
            }
            return .success(RGBImage(width: width, height: height, pixels: pixels))
        }
    }
}
