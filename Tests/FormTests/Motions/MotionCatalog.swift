@testable import Form

/// Every synthetic exercise, by template id.
enum MotionCatalog {
    static let all: [ExerciseMotion] = LyingMotions.all + AllFoursMotions.all + UprightMotions.all

    static func motion(_ id: String) -> ExerciseMotion? { all.first { $0.id == id } }

    static let ids: [String] = all.map(\.id)

    /// The bundled templates, loaded once.
    static let library: TemplateLibrary? = try? TemplateLibrary.bundled()
}
