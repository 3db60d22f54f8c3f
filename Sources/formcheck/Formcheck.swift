import ArgumentParser

/// The `formcheck` command: watches exercises and says how the form is.
///
/// Synchronous on purpose: no command needs the async runtime, and a plain `main` keeps the
/// program runnable under valgrind (whose callgrind crashes in Dispatch's main-queue thread).
@main
struct Formcheck: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "formcheck",
        abstract: "An open, offline exercise-form analyzer.",
        version: "0.1.0",
        subcommands: [InferCommand.self, BenchModelCommand.self, DevicesCommand.self, ExercisesCommand.self, AnalyzeCommand.self, PoseCommand.self, BenchPoseCommand.self, ScoreCommand.self, LiveCommand.self, RenderCommand.self]
    )
}
