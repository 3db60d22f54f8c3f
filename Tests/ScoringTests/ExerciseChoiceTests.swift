import Form
import Scoring
import Testing

/// `--exercise ID | auto`: the choice, and a suggestion for a mistyped id.
@Suite struct ExerciseChoiceTests {
    static let library: TemplateLibrary = {
        do { return try TemplateLibrary.bundled() } catch { fatalError("bundled templates: \(error)") }
    }()

    @Test func autoAndKnownIds() throws {
        guard case .automatic = try ExerciseChoice("auto", library: Self.library) else {
            Issue.record("'auto' should ask for recognition")
            return
        }
        guard case let .named(template) = try ExerciseChoice("bird-dog", library: Self.library) else {
            Issue.record("'bird-dog' should name the template")
            return
        }
        #expect(template.id == "bird-dog")
    }

    @Test(arguments: [("plonk", "plank"), ("birddog", "bird-dog"), ("Squat", "squat"), ("wall", "wall-squat"),
                      ("side-plnk", "side-plank"), ("knee-to-chst", "knee-to-chest")])
    func aTypoGetsTheClosestId(typed: String, meant: String) {
        #expect(ExerciseChoice.closest(to: typed, among: Self.library.ids) == meant)
        do {
            _ = try ExerciseChoice(typed, library: Self.library)
            Issue.record("'\(typed)' is not an id")
        } catch {
            #expect(error.description.contains("No exercise '\(typed)'. Did you mean '\(meant)'?"), "\(error)")
        }
    }

    @Test(arguments: ["yoga", "x", "", "pushup-burpee"])
    func nothingCloseSuggestsNothing(typed: String) {
        #expect(ExerciseChoice.closest(to: typed, among: Self.library.ids) == nil)
    }
}
