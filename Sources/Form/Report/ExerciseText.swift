/// Text for people about the exercises: the list, one exercise in full, the safety advice.
public enum ExerciseText {
    /// One line per template: id, name, starting position, camera and prescription.
    public static func listing(_ library: TemplateLibrary) -> [String] {
        let idWidth = library.templates.map(\.id.count).max() ?? 0
        let nameWidth = library.templates.map(\.name.count).max() ?? 0
        var lines = library.templates.map { template in
            pad(template.id, idWidth) + "  " + pad(template.name, nameWidth) + "  "
                + "\(template.start.phrase), camera from the \(template.camera.rawValue): \(template.prescription.summary)"
        }
        lines.append("")
        lines.append("`formcheck exercises ID` shows one; `formcheck exercises --safety` shows when to stop.")
        return lines
    }

    /// Everything about one exercise: how to do it, how much, what is checked.
    public static func details(_ template: ExerciseTemplate) -> [String] {
        var lines = ["\(template.name) (\(template.id))", ""]
        lines += wrap(template.howTo, width: 80)
        lines.append("")
        lines.append("Start: \(template.start.phrase). Camera: from the \(template.camera.rawValue).")
        lines.append("Prescription: \(template.prescription.summary).")
        if let rule = template.workingSide {
            lines.append("Working side: the side with the \(rule.extreme == .max ? "larger" : "smaller") \(rule.measure.rawValue).")
        }
        if let movement = template.movement {
            lines.append("Each rep: from \"\(movement.rest.name)\" (\(movement.measure) past \(Prescription.format(movement.rest.at))) "
                         + "to \"\(movement.target.name)\" (past \(Prescription.format(movement.target.at))) and back.")
        } else {
            lines.append("A hold: timed while you are in position and your form is good.")
        }
        lines.append("")
        lines.append("Checks:")
        for check in template.checks {
            let faults = [check.below, check.above].compactMap { $0 }
            let unit = check.measure.kind.unit.symbol
            var text = "  \(check.measure) \(check.good.phrase)\(unit)"
            if check.tolerance > 0 { text += " (± \(Prescription.format(check.tolerance)))" }
            text += " → " + faults.joined(separator: " / ")
            if !check.required { text += " (when the camera can see it)" }
            lines.append(text)
        }
        lines.append("")
        lines.append("Cues:")
        for fault in template.faults.sorted(by: { $0.severity > $1.severity }) {
            lines.append("  [\(fault.severity.rawValue)] \(fault.id): \(fault.cue)")
        }
        return lines
    }

    /// When to stop: the pain rule and the red flags.
    public static var safety: [String] {
        ["Pain: rate it from 0 (none) to 10 (worst) before and after. If it is above \(SafetyLog.painLimit)/10, or you feel a sharp pain, stop the exercise.",
         ""] + RedFlag.lines
    }

    /// `text` broken into lines of at most `width` characters at spaces.
    public static func wrap(_ text: String, width: Int) -> [String] {
        var lines: [String] = []
        var line = ""
        for word in text.split(whereSeparator: \.isWhitespace) {
            if !line.isEmpty, line.count + 1 + word.count > width {
                lines.append(line)
                line = ""
            }
            line += line.isEmpty ? String(word) : " " + word
        }
        if !line.isEmpty { lines.append(line) }
        return lines
    }

    private static func pad(_ text: String, _ width: Int) -> String {
        text + String(repeating: " ", count: max(0, width - text.count))
    }
}
