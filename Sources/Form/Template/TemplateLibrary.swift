import Foundation

/// A set of exercise templates: the ones shipped with formcheck, or a folder of YAML files.
public struct TemplateLibrary: Sendable {
    /// The templates, sorted by id.
    public let templates: [ExerciseTemplate]

    /// The templates in the folder at `directory`: every `<id>.yaml`, whose `id` must match its file name.
    public init(directory: URL) throws {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        } catch {
            throw FormError.unreadableFile(path: directory.path, reason: error.localizedDescription)
        }
        var templates: [ExerciseTemplate] = []
        for name in names.sorted() where name.hasSuffix(".yaml") {
            let template = try TemplateLoader.load(contentsOf: directory.appendingPathComponent(name))
            let expected = String(name.dropLast(".yaml".count))
            guard template.id == expected else {
                throw FormError.invalidTemplate(file: name, path: "id", line: nil,
                                                problem: "id '\(template.id)' differs from the file name; name the file \(template.id).yaml")
            }
            templates.append(template)
        }
        self.templates = templates.sorted { $0.id < $1.id }
    }

    /// The templates shipped with formcheck (`Sources/Form/Templates`).
    public static func bundled() throws -> TemplateLibrary {
        guard let url = Bundle.module.url(forResource: "Templates", withExtension: nil) else {
            throw FormError.unreadableFile(path: "Templates", reason: "the Form module's resource bundle has no Templates folder; reinstall formcheck")
        }
        return try TemplateLibrary(directory: url)
    }

    /// The ids of all templates.
    public var ids: [String] { templates.map(\.id) }

    /// The template with id `id`.
    public func template(id: String) throws -> ExerciseTemplate {
        guard let template = templates.first(where: { $0.id == id }) else {
            throw FormError.unknownExercise(id: id, available: ids)
        }
        return template
    }
}
