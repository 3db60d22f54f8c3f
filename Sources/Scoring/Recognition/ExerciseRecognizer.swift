import Foundation
import Form

/// Which exercise a recording shows, with how sure the recogniser is.
public struct Recognition: Sendable, Equatable {
    /// One template and how likely it is.
    public struct Candidate: Sendable, Equatable {
        /// The template's id.
        public var id: String
        /// The template's name.
        public var name: String
        /// The probability, 0…1 (all candidates sum to 1).
        public var probability: Double
        /// The evidence behind it.
        public var fit: TemplateFit
    }

    /// Every template, most likely first.
    public var candidates: [Candidate]

    /// The most likely template.
    public var best: Candidate? { candidates.first }

    /// The probability of the most likely template.
    public var confidence: Double { best?.probability ?? 0 }

    /// Whether the recogniser is sure enough to go by (the best at least ``sureProbability``).
    public var isSure: Bool { confidence >= Self.sureProbability }

    /// The probability from which the recogniser calls itself sure.
    public static let sureProbability = 0.6

    /// "Bridge (bridge), 91% sure; next: pelvic-tilt 5%, partial-crunch 2%".
    public var sentence: String {
        guard let best else { return "no exercise recognised" }
        let percent = { (p: Double) in "\(Int((p * 100).rounded()))%" }
        var text = "\(best.name) (\(best.id)), \(percent(best.probability)) sure"
        if !isSure { text += " — not sure: check it, or name the exercise with --exercise" }
        let next = candidates.dropFirst().prefix(2).filter { $0.probability >= 0.005 }
        if !next.isEmpty { text += "; next: " + next.map { "\($0.id) \(percent($0.probability))" }.joined(separator: ", ") }
        return text
    }
}

/// Recognises the exercise in a recording by how well each template explains it.
///
/// For every template the recording is run through the template's session, which gives seven
/// shares (``TemplateFit``): frames in the template's position, checks measurable from this
/// camera, checks passing, motion as the template moves (reps between rest and target, or a
/// still hold), frames in the template's starting posture, the body resting on what the template
/// rests on, and stays at the target as long as the template holds; and the specificity of the
/// checks that passed. A template's score is the weighted sum of the shares' logarithms — every
/// piece of evidence must agree, a template that fails one badly loses — plus the weighted
/// specificity; the scores become probabilities through a softmax.
///
/// The weights were chosen on synthetic recordings of every template from Form's posable
/// skeleton (several views, both sides, good form and faults; see `RecognitionTests`), where
/// they recognise nearly every recording; the accuracy on real recordings is measured by
/// `formcheck score --exercise auto` on the shared sequences.
public struct ExerciseRecognizer: Sendable {
    /// The weights of the fit's shares' logarithms and of its specificity.
    public struct Weights: Sendable, Equatable {
        /// Of the shares' logarithms, in ``TemplateFit/shares`` order: position, measurable,
        /// agreement, motion, posture, floor, hold.
        public var shares: [Double]
        /// Of the specificity.
        public var specificity: Double
        /// Divides the scores before the softmax: larger is less sure.
        public var temperature: Double

        /// The weights `formcheck` uses.
        public static let standard = Weights(shares: [1.5, 1.0, 1.5, 1.5, 2.0, 1.5, 1.0], specificity: 0.5, temperature: 1.0)

        /// Weights of the seven shares and the specificity, at `temperature`.
        public init(shares: [Double], specificity: Double, temperature: Double) {
            precondition(shares.count == 7, "one weight for each of the seven shares of a TemplateFit")
            self.shares = shares
            self.specificity = specificity
            self.temperature = temperature
        }
    }

    /// The templates to choose from.
    public let library: TemplateLibrary
    /// The session settings each template is run with.
    public let options: SessionOptions
    /// The weights.
    public var weights: Weights

    /// A recogniser choosing among `library`'s templates.
    public init(library: TemplateLibrary, options: SessionOptions = SessionOptions(), weights: Weights = .standard) {
        self.library = library
        self.options = options
        self.weights = weights
    }

    /// The evidence for every template from `frames`.
    public func fits(_ frames: [PosedFrame]) -> [TemplateFit] {
        let postures = frames.map { frame in frame.landmarks.flatMap { PostureEstimate($0, options: options.analysis) } }
        return library.templates.map { TemplateFit(template: $0, frames: frames, postures: postures, options: options) }
    }

    /// Which template `frames` show.
    ///
    /// - Throws: ``ScoringError/unrecognised(input:reason:)`` when no frame has a pose.
    public func recognize(_ frames: [PosedFrame], input: String) throws(ScoringError) -> Recognition {
        guard frames.contains(where: { $0.landmarks != nil }) else {
            throw .unrecognised(input: input, reason: "nobody was found in any frame")
        }
        return recognition(from: fits(frames))
    }

    /// The probabilities for the fits `fits`.
    public func recognition(from fits: [TemplateFit]) -> Recognition {
        let scores = fits.map(score)
        let top = scores.max() ?? 0
        let exponentials = scores.map { exp(($0 - top) / weights.temperature) }
        let total = exponentials.reduce(0, +)
        let names = Dictionary(library.templates.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        let candidates = zip(fits, exponentials).map { fit, e in
            Recognition.Candidate(id: fit.id, name: names[fit.id] ?? fit.id, probability: e / total, fit: fit)
        }.sorted { $0.probability != $1.probability ? $0.probability > $1.probability : $0.id < $1.id }
        return Recognition(candidates: candidates)
    }

    /// A template's score: the weighted sum of the logarithms of its fit's shares, plus the
    /// weighted specificity.
    public func score(_ fit: TemplateFit) -> Double {
        zip(fit.shares, weights.shares).map { share, weight in weight * log(max(share, 0) + 0.02) }.reduce(0, +)
            + weights.specificity * fit.specificity
    }
}
