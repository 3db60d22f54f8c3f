import ArgumentParser
import Form
import Foundation
import Imaging
import Mannequin

/// `formcheck exercises`: lists the exercise templates, shows one, or shows when to stop.
struct ExercisesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "exercises",
        abstract: "List the exercises with how much to do, or show one in full.",
        discussion: """
            Without an id, lists every exercise with its starting position, camera view and \
            prescription. With an id (or --template FILE, to check a template of your own), \
            shows how to do it and what formcheck checks; --figure FILE also draws its target \
            pose. --safety shows when to stop and see a doctor.
            """)

    @Argument(help: "An exercise id to show in full (e.g. plank).")
    var id: String?

    @Option(help: ArgumentHelp("A template file of your own to check and show.", valueName: "file"))
    var template: String?

    @Flag(help: "Show the pain rule and the red flags that mean: stop and see a doctor.")
    var safety = false

    @Option(help: ArgumentHelp("Also draw the exercise's target pose to this picture (.jpg or .png).", valueName: "file"))
    var figure: String?

    func validate() throws {
        if id != nil, template != nil { throw ValidationError("give an exercise id or --template FILE, not both") }
        if figure != nil, id == nil, template == nil { throw ValidationError("--figure needs an exercise id or --template FILE") }
    }

    func run() throws {
        var sections: [[String]] = []
        let shown = try template.map { try TemplateLoader.load(contentsOf: URL(fileURLWithPath: $0)) }
            ?? id.map { try TemplateLibrary.bundled().template(id: $0) }
        if let shown {
            sections.append(ExerciseText.details(shown))
            if let figure {
                try ImageFile.save(try SampleSequence(template: shown).still(progress: 1), to: figure, jpegQuality: 90)
            }
        } else if !safety {
            sections.append(ExerciseText.listing(try TemplateLibrary.bundled()))
        }
        if safety { sections.append(ExerciseText.safety) }
        print(sections.map { $0.joined(separator: "\n") }.joined(separator: "\n\n"))
    }
}
