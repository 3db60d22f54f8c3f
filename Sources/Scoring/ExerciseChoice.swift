import Form

/// What the user asked to score against: one named template, or `auto` (recognise it).
public enum ExerciseChoice: Sendable {
    /// This template.
    case named(ExerciseTemplate)
    /// Recognise the template from the poses.
    case automatic

    /// The word that asks for recognition.
    public static let automaticWord = "auto"

    /// The choice `text` names in `library`.
    ///
    /// - Throws: ``ScoringError/unknownExercise(id:suggestion:available:)`` for an id the library
    ///   does not have, suggesting the closest id when one is close enough to be a typo.
    public init(_ text: String, library: TemplateLibrary) throws(ScoringError) {
        if text == Self.automaticWord {
            self = .automatic
            return
        }
        guard let template = library.templates.first(where: { $0.id == text }) else {
            throw .unknownExercise(id: text, suggestion: Self.closest(to: text, among: library.ids), available: library.ids)
        }
        self = .named(template)
    }

    /// The id in `ids` nearest `text` by edit distance (ignoring case), when at most a third of
    /// its letters (and at least one) differ, or `text` is the start of exactly one id.
    public static func closest(to text: String, among ids: [String]) -> String? {
        let wanted = text.lowercased()
        guard !wanted.isEmpty else { return nil }
        let prefixed = ids.filter { $0.hasPrefix(wanted) }
        if prefixed.count == 1 { return prefixed[0] }
        let scored = ids.map { (id: $0, distance: editDistance(wanted, $0.lowercased())) }
        guard let best = scored.min(by: { $0.distance < $1.distance }) else { return nil }
        let allowed = max(1, wanted.count / 3)
        return best.distance <= allowed ? best.id : nil
    }

    /// The Levenshtein distance between `a` and `b`: insertions, deletions and substitutions.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        guard !a.isEmpty else { return b.count }
        guard !b.isEmpty else { return a.count }
        var previous = Array(0...b.count)
        var current = Array(repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                current[j] = min(substitution, previous[j] + 1, current[j - 1] + 1)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
