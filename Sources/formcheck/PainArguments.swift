import ArgumentParser
import Form

/// Checks the pain scores given on the command line (`--pain-before`, `--pain-after`).
enum PainArguments {
    /// Throws when `before` or `after` is outside the pain scale (``SafetyLog/painScale``).
    static func validate(before: Int?, after: Int?) throws {
        for (name, value) in [("--pain-before", before), ("--pain-after", after)] {
            if let value, !SafetyLog.painScale.contains(value) {
                throw ValidationError("\(name) must be a whole number from 0 (no pain) to 10 (worst pain)")
            }
        }
    }
}
