import Form
import Imaging
import Pose
import Scoring

/// Draws what the analysis saw on a frame: the skeleton (green when the form is good, the
/// segments behind a fault in red) and a banner with the verdict and the cue.
public enum FrameOverlay {
    /// Colours of the overlay.
    public enum Palette {
        /// Bones and joints of a frame with good form.
        public static let good = RGB(40, 200, 90)
        /// Bones and joints a failing check measured.
        public static let failing = RGB(235, 40, 40)
        /// The other bones of a frame with a fault.
        public static let neutral = RGB(240, 240, 240)
        /// Bones of a frame that could not be judged.
        public static let unseen = RGB(150, 150, 150)
    }

    /// The bones drawn: MediaPipe's connections, plus the neck (shoulder centre to ear centre),
    /// which head checks measure.
    public static let bones: [(BodyLandmark, BodyLandmark)] = PoseLandmark.connections.compactMap { a, b in
        guard let first = BodyLandmark(rawValue: a.rawValue), let second = BodyLandmark(rawValue: b.rawValue) else { return nil }
        return (first, second)
    }

    /// Landmarks whose visibility is below this are not drawn.
    public static let minimumVisibility = 0.5

    /// Draws the skeleton of `landmarks` on `image`, coloured by `analysis` of `template`, and
    /// a banner with `caption` lines (the verdict and cue by default).
    public static func draw(on image: inout RGBImage, landmarks: PoseLandmarks?, analysis: FrameAnalysis,
                            template: ExerciseTemplate, caption: [String]? = nil) {
        let failing = CheckOutcome.failingLandmarks(template, analysis)
        if let landmarks { drawSkeleton(on: &image, landmarks: landmarks, verdict: analysis.verdict, failing: failing) }
        drawBanner(on: &image, lines: caption ?? defaultCaption(analysis), verdict: analysis.verdict)
    }

    /// The verdict and the first cue.
    public static func defaultCaption(_ analysis: FrameAnalysis) -> [String] {
        var head = analysis.verdict.rawValue.uppercased()
        if let phase = analysis.phase { head += "  (\(phase.rawValue))" }
        if let side = analysis.workingSide { head += "  \(side.rawValue) side" }
        return [head] + analysis.cues.prefix(1).map(\.text)
    }

    /// Draws the bones and joints; the bones between two `failing` landmarks in red.
    public static func drawSkeleton(on image: inout RGBImage, landmarks: PoseLandmarks, verdict: Verdict,
                                    failing: Set<BodyLandmark>) {
        let scale = Float(max(image.width, image.height)) / 640
        let thickness = max(2, 3 * scale), radius = max(2.5, 4 * scale)
        let base = verdict == .good ? Palette.good : verdict == .unseen ? Palette.unseen : Palette.neutral
        func shown(_ landmark: BodyLandmark) -> Bool {
            min(landmarks[landmark].visibility, landmarks[landmark].presence) >= minimumVisibility
        }
        func point(_ landmark: BodyLandmark) -> ImagePoint {
            ImagePoint(Float(landmarks[landmark].x), Float(landmarks[landmark].y))
        }
        func middle(_ a: BodyLandmark, _ b: BodyLandmark) -> ImagePoint {
            let p = point(a), q = point(b)
            return ImagePoint((p.x + q.x) / 2, (p.y + q.y) / 2)
        }
        var segments: [(ImagePoint, ImagePoint, Bool)] = bones.filter { shown($0.0) && shown($0.1) }.map { a, b in
            (point(a), point(b), failing.contains(a) && failing.contains(b))
        }
        let headFailing = failing.contains { $0.bodyPart == .head }
        if [.leftShoulder, .rightShoulder, .leftEar, .rightEar].allSatisfy(shown) {
            segments.append((middle(.leftShoulder, .rightShoulder), middle(.leftEar, .rightEar),
                             headFailing && failing.contains { $0.bodyPart == .shoulders }))
        }
        // Outline first, so the skeleton stands out on light and dark pictures alike.
        for (a, b, _) in segments { image.drawLine(from: a, to: b, color: .black, thickness: thickness + 2, opacity: 0.5) }
        for (a, b, bad) in segments where !bad { image.drawLine(from: a, to: b, color: base, thickness: thickness) }
        for (a, b, bad) in segments where bad { image.drawLine(from: a, to: b, color: Palette.failing, thickness: thickness * 1.5) }
        for landmark in BodyLandmark.allCases where shown(landmark) {
            let bad = failing.contains(landmark) || (headFailing && landmark.bodyPart == .head)
            image.fillCircle(center: point(landmark), radius: radius + 1, color: .black)
            image.fillCircle(center: point(landmark), radius: bad ? radius * 1.3 : radius, color: bad ? Palette.failing : base)
        }
    }

    /// Draws `lines` in a dark band across the top of the picture, wrapped to its width; the
    /// first line in the verdict's colour.
    public static func drawBanner(on image: inout RGBImage, lines: [String], verdict: Verdict) {
        guard !lines.isEmpty, image.width >= 40 else { return }
        let scale = max(1, min(4, Int((Double(image.width) / 300).rounded())))
        let margin = 4 * scale
        let columns = max(8, (image.width - 2 * margin) / (BitmapFont.advance * scale))
        var wrapped: [String] = []
        for line in lines {
            wrapped += ExerciseText.wrap(PlainText.ascii(line), width: columns)
        }
        wrapped = Array(wrapped.prefix(4))
        let height = wrapped.count * BitmapFont.lineHeight * scale + 2 * margin
        image.fillRectangle(x: 0, y: 0, width: image.width, height: height, color: .black, opacity: 0.6)
        let headColor = verdict == .good ? Palette.good : verdict == .unseen ? RGB(200, 200, 200) : RGB(255, 90, 80)
        for (index, line) in wrapped.enumerated() {
            image.drawText(line, x: margin, y: margin + index * BitmapFont.lineHeight * scale,
                           color: index == 0 ? headColor : .white, scale: scale)
        }
    }
}
