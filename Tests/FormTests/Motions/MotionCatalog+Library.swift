@testable import Form

extension MotionCatalog {
    /// The bundled templates, loaded once.
    static let library: TemplateLibrary? = try? TemplateLibrary.bundled()
}

extension ExerciseMotion {
    /// The motion's views as noiseless observations.
    var observations: [Observation] { views.map(Observation.init) }
}

extension ExerciseMotion.Injection {
    /// The views the fault can be seen from as observations (`nil`: the motion's own views).
    var observations: [Observation]? { views?.map(Observation.init) }
}
