import ArgumentParser

/// The `formcheck` command: watches exercises and says how the form is.
@main
struct Formcheck: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "formcheck",
        abstract: "An open, offline exercise-form analyzer.",
        version: "0.1.0",
        subcommands: [InferCommand.self, BenchModelCommand.self, DevicesCommand.self, ExercisesCommand.self, AnalyzeCommand.self, PoseCommand.self, BenchPoseCommand.self, ScoreCommand.self, LiveCommand.self, RenderCommand.self]
    )
}
