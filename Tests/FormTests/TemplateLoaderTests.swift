import Testing
@testable import Form

/// Templates are validated strictly: each mistake is an error naming the file, field and line.
@Suite("Template validation")
struct TemplateLoaderTests {
    static let valid = """
        id: test-hold
        name: Test hold
        how_to: Hold still in a plank.
        start: on_front
        camera: side
        prescription:
          hold_seconds: {min: 5, target: 10}
        position:
          cue: Get into position.
          require:
            - measure: trunk_inclination
              good: {min: -40, max: 40}
        faults:
          sagging:
            cue: Lift your hips.
            severity: high
        checks:
          - measure: hip_off_shoulder_ankle_line
            good: {min: -10}
            tolerance: 3
            below: sagging
        """

    static func parse(_ yaml: String) throws -> ExerciseTemplate {
        try TemplateLoader.parse(yaml: yaml, file: "test.yaml")
    }

    @Test("a valid template loads")
    func valid() throws {
        let template = try Self.parse(Self.valid)
        #expect(template.id == "test-hold")
        #expect(template.prescription.holdSeconds == HoldSeconds(minimum: 5, target: 10))
        #expect(template.checks.first?.measure == MeasureRef(.hipOffShoulderAnkleLine))
        #expect(template.checks.first?.phases == [.target])
        #expect(template.movement == nil && template.fault("sagging")?.severity == .high)
    }

    /// (what is changed, the replacement, the expected error text)
    static let mistakes: [(String, String, String)] = [
        ("camera: side", "camera: side\ncolour: red", "test.yaml:6: colour: unknown field 'colour'"),
        ("    tolerance: 3", "    tolerance: 3\n    weight: 2", "test.yaml:21: checks[0].weight: unknown field 'weight'"),
        ("name: Test hold\n", "", "test.yaml:1: name: missing required field"),
        ("    good: {min: -10}", "    good: {max: -10}", "test.yaml:19: checks[0].good: max is set but no 'above' fault says what a value over it means"),
        ("    good: {min: -10}", "    good: {}", "test.yaml:19: checks[0].good: missing threshold: give min, max or both"),
        ("      good: {min: -40, max: 40}", "      good: {min: 40, max: -40}", "test.yaml:12: position.require[0].good: reversed range: min 40 is above max -40"),
        ("hold_seconds: {min: 5, target: 10}", "hold_seconds: {min: 10, target: 5}", "test.yaml:7: prescription.hold_seconds: reversed range: min 10 is above target 5"),
        ("  - measure: hip_off_shoulder_ankle_line", "  - measure: hip_off_shoulder_line", "test.yaml:18: checks[0].measure: unknown measure 'hip_off_shoulder_line'"),
        ("  - measure: hip_off_shoulder_ankle_line", "  - measure: knee_angle.middle", "test.yaml:18: checks[0].measure: unknown side 'middle'"),
        ("  - measure: hip_off_shoulder_ankle_line", "  - measure: trunk_inclination.left", "test.yaml:18: checks[0].measure: 'trunk_inclination' is measured on the body as a whole and takes no side"),
        ("  - measure: hip_off_shoulder_ankle_line", "  - measure: knee_angle.working", "test.yaml:18: checks[0].measure: '.working' needs a working_side rule"),
        ("    below: sagging", "    below: sinking", "test.yaml:21: checks[0].below: unknown fault id 'sinking' (declared: sagging)"),
        ("    severity: high", "    severity: huge", "test.yaml:16: faults.sagging.severity: 'huge' is not one of low, medium, high"),
        ("    tolerance: 3", "    tolerance: -3", "test.yaml:20: checks[0].tolerance: must not be negative"),
        ("    tolerance: 3\n", "", "test.yaml:18: checks[0].tolerance: missing required field"),
        ("    below: sagging", "    below: sagging\n    phases: [rest]", "test.yaml:22: checks[0].phases[0]: a template without a movement is always in its target phase (the hold)"),
        ("id: test-hold", "id: Test Hold", "test.yaml:1: id: 'Test Hold' is not a lowercase id with dashes (like knee-to-chest)"),
        ("      good: {min: -40, max: 40}", "      good: {min: -40, max: 40}\n      required: maybe", "test.yaml:13: position.require[0].required: expected true or false"),
    ]

    @Test("a position condition can be optional")
    func optionalCondition() throws {
        let template = try Self.parse(Self.valid.replacingOccurrences(
            of: "      good: {min: -40, max: 40}", with: "      good: {min: -40, max: 40}\n      required: false"))
        #expect(template.position?.require.first?.required == false)
        #expect(try Self.parse(Self.valid).position?.require.first?.required == true)
    }

    @Test("each mistake names the file, line and field", arguments: mistakes)
    func mistake(original: String, replacement: String, message: String) {
        let yaml = Self.valid.replacingOccurrences(of: original, with: replacement)
        #expect(yaml != Self.valid, "the test's replacement must change the template")
        do {
            _ = try Self.parse(yaml)
            Issue.record("no error for \(message)")
        } catch {
            let text = (error as? FormError)?.description ?? "\(error)"
            #expect(text.hasPrefix(message), "got: \(text)")
            #expect(text.hasSuffix("Fix the template (schema in Sources/Form/Templates/README.md)."))
        }
    }

    @Test("a declared fault nothing uses is an error")
    func unusedFault() {
        let yaml = Self.valid.replacingOccurrences(of: "faults:\n", with: "faults:\n  spare:\n    cue: Never said.\n    severity: low\n")
        #expect(throws: FormError.invalidTemplate(file: "test.yaml", path: "faults.spare", line: 14,
                                                  problem: "fault 'spare' is declared but no check or movement uses it")) {
            try Self.parse(yaml)
        }
    }

    @Test("movement thresholds are checked")
    func movement() {
        let movement = """
            movement:
              measure: knee_angle.mean
              rest: {name: standing, at: 150}
              target: {name: bottom, at: 130}
              hysteresis: 12
            """
        let yaml = Self.valid.replacingOccurrences(of: "faults:", with: movement + "\nfaults:")
        #expect(throws: FormError.invalidTemplate(file: "test.yaml", path: "movement.hysteresis", line: 17,
                                                  problem: "must be above 0 and below half the distance from rest to target (10)")) {
            try Self.parse(yaml)
        }
        let both = yaml.replacingOccurrences(of: "knee_angle.mean", with: "knee_angle.both")
            .replacingOccurrences(of: "hysteresis: 12", with: "hysteresis: 5")
        #expect(throws: FormError.invalidTemplate(file: "test.yaml", path: "movement.measure", line: 14,
                                                  problem: "'.both' is allowed in checks only")) {
            try Self.parse(both)
        }
    }

    @Test("not YAML, or empty, is an error")
    func notYAML() {
        #expect(throws: FormError.self) { try Self.parse("id: [unclosed") }
        #expect(throws: FormError.invalidTemplate(file: "test.yaml", path: "(top level)", line: nil, problem: "the file is empty")) {
            try Self.parse("")
        }
    }
}
