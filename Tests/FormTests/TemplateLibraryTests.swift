import Testing
@testable import Form

/// The templates shipped with formcheck load, and cover every exercise of the issue.
@Suite("Bundled templates")
struct TemplateLibraryTests {
    static let issueIDs = [
        "knee-to-chest", "double-knee-hug", "pelvic-tilt", "cat-cow", "bird-dog", "back-stabiliser",
        "deep-stomach-hold", "partial-crunch", "abdominal-crunch", "childs-pose", "plank", "knee-plank", "bridge",
        "knee-roll", "squat", "wall-squat", "heel-slide", "straight-leg-raise", "heel-raise", "side-plank", "dead-bug", "cobra",
    ]

    @Test("every template loads and every exercise has one")
    func allLoad() throws {
        let library = try TemplateLibrary.bundled()
        #expect(Set(library.ids) == Set(Self.issueIDs))
    }

    @Test("templates are complete", arguments: issueIDs)
    func complete(id: String) throws {
        let template = try TemplateLibrary.bundled().template(id: id)
        #expect(template.howTo.split(separator: " ").count >= 30, "a paragraph of how-to")
        #expect(!template.checks.isEmpty)
        #expect(template.position != nil, "a position gate, so set-up is not judged as form")
        if template.prescription.sides != .none { #expect(template.workingSide != nil) }
        if let movement = template.movement { #expect(movement.rest.at != movement.target.at) }
    }

    @Test("an unknown id names the known ones")
    func unknownID() throws {
        let library = try TemplateLibrary.bundled()
        #expect(throws: FormError.unknownExercise(id: "plonk", available: library.ids)) {
            try library.template(id: "plonk")
        }
    }
}
