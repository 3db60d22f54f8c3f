import Form
import Imaging
import Scoring

/// A frame shown in a report: the picture with the overlay, as JPEG, and what it shows.
public struct ReportPicture: Sendable {
    /// The frame's index in the scored session's frames.
    public var frame: Int
    /// Seconds into the session.
    public var seconds: Double
    /// The frame's verdict and faults in words.
    public var caption: String
    /// The JPEG bytes.
    public var jpeg: [UInt8]

    /// The longest side of a report picture, in pixels.
    public static let defaultMaxSide = 480

    /// The picture of frame `index` of `scored`, drawn from `image` (the frame's picture),
    /// shrunk to `maxSide`, with the overlay.
    public static func make(_ image: RGBImage, frame index: Int, of scored: ScoredSession,
                            maxSide: Int = defaultMaxSide) throws(ReportsError) -> ReportPicture {
        let frame = scored.frames[index], analysis = scored.analyses[index]
        var picture = image.width > maxSide || image.height > maxSide ? image.thumbnail(maxSide: maxSide) : image
        // The landmarks are in the original picture's pixels.
        let landmarks = frame.landmarks.map { scaled($0, toWidth: picture.width, height: picture.height) }
        FrameOverlay.draw(on: &picture, landmarks: landmarks, analysis: analysis, template: scored.template)
        let jpeg: [UInt8]
        do {
            jpeg = try JPEG.encode(picture, quality: 82)
        } catch {
            throw .picture(frame: frame.image, reason: error.description)
        }
        let start = scored.frames.first?.seconds ?? 0
        let cue = analysis.cues.first?.text ?? analysis.verdict.rawValue
        return ReportPicture(frame: index, seconds: frame.seconds - start, caption: cue, jpeg: jpeg)
    }

    /// `landmarks` moved into a picture `width` × `height` (the same picture resized).
    public static func scaled(_ landmarks: PoseLandmarks, toWidth width: Int, height: Int) -> PoseLandmarks {
        let sx = Double(width) / landmarks.imageWidth, sy = Double(height) / landmarks.imageHeight
        guard abs(sx - 1) > 1e-9 || abs(sy - 1) > 1e-9 else { return landmarks }
        var copy = landmarks
        for landmark in BodyLandmark.allCases {
            var point = copy[landmark]
            point.x *= sx
            point.y *= sy
            copy[landmark] = point
        }
        copy.imageWidth = Double(width)
        copy.imageHeight = Double(height)
        return copy
    }
}
