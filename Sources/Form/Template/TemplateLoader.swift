import Foundation
import Yams

/// Reads exercise templates from YAML and checks them strictly against the schema.
///
/// Every problem (an unknown field, a missing threshold, a reversed range, an unknown measure,
/// a fault that is referenced but not declared or declared but never used) is a
/// ``FormError/invalidTemplate(file:path:line:problem:)`` naming the file, the field path and
/// the line.
public enum TemplateLoader {
    /// The fault every template with a position gate can report while the person is not in position.
    public static let outOfPositionFault = "out_of_position"

    /// The template in the YAML file at `url`.
    public static func load(contentsOf url: URL) throws -> ExerciseTemplate {
        let text: String
        do {
            text = try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw FormError.unreadableFile(path: url.path, reason: error.localizedDescription)
        }
        return try parse(yaml: text, file: url.lastPathComponent)
    }

    /// The template in `yaml`; `file` names it in errors.
    public static func parse(yaml: String, file: String) throws -> ExerciseTemplate {
        let root: Node
        do {
            guard let node = try Yams.compose(yaml: yaml) else {
                throw FormError.invalidTemplate(file: file, path: "(top level)", line: nil, problem: "the file is empty")
            }
            root = node
        } catch let error as FormError {
            throw error
        } catch {
            throw FormError.invalidTemplate(file: file, path: "(top level)", line: nil, problem: "not valid YAML: \(error)")
        }
        return try TemplateParser(root: YAMLField(node: root, path: "", file: file)).template()
    }
}

/// Turns the YAML tree of one template into an ``ExerciseTemplate``, validating as it goes.
private struct TemplateParser {
    let root: YAMLField

    func template() throws -> ExerciseTemplate {
        let top = try root.mapping(allowed: ["id", "name", "how_to", "start", "camera", "prescription",
                                             "working_side", "floor", "position", "movement", "faults", "checks"])
        let idField = try top.required("id")
        let id = try idField.text()
        guard id.range(of: "^[a-z][a-z0-9]*(-[a-z0-9]+)*$", options: .regularExpression) != nil else {
            throw idField.error("'\(id)' is not a lowercase id with dashes (like knee-to-chest)")
        }
        let faults = try parseFaults(try top.required("faults"))
        let workingSide = try top["working_side"].map(parseWorkingSide)
        let hasWorkingSide = workingSide != nil
        let floor = try top["floor"].map { try parseFloor($0, hasWorkingSide: hasWorkingSide) } ?? []
        let position = try top["position"].map { try parsePosition($0, hasWorkingSide: hasWorkingSide) }
        let prescription = try parsePrescription(try top.required("prescription"))
        let movement = try top["movement"].map { try parseMovement($0, hasWorkingSide: hasWorkingSide, faults: faults) }
        let checksField = try top.required("checks")
        let checks = try checksField.list().map {
            try parseCheck($0, hasWorkingSide: hasWorkingSide, hasMovement: movement != nil, faults: faults)
        }
        guard !checks.isEmpty else { throw checksField.error("a template needs at least one check") }

        var used = Set(checks.flatMap { [$0.below, $0.above].compactMap { $0 } })
        if let movement {
            used.formUnion([movement.partialFault, movement.tooFastFault, movement.shortHoldFault].compactMap { $0 })
        }
        let faultsField = try top.required("faults")
        for fault in faults where !used.contains(fault.id) {
            let key = faultsField.node.mapping?.first { $0.key.string == fault.id }?.key ?? faultsField.node
            throw YAMLField(node: key, path: "faults.\(fault.id)", file: root.file)
                .error("fault '\(fault.id)' is declared but no check or movement uses it")
        }
        if movement?.shortHoldFault != nil, prescription.holdSeconds == nil {
            throw try top.required("movement").error("short_hold needs prescription.hold_seconds")
        }
        return ExerciseTemplate(
            id: id,
            name: try top.required("name").text(),
            howTo: try top.required("how_to").text(),
            start: try top.required("start").choice(StartPosition.self),
            camera: try top.required("camera").choice(CameraView.self),
            prescription: prescription,
            workingSide: workingSide,
            floor: floor,
            position: position,
            movement: movement,
            faults: faults,
            checks: checks,
            file: root.file
        )
    }

    // MARK: Parts

    private func parseFaults(_ field: YAMLField) throws -> [Fault] {
        guard case let .mapping(mapping) = field.node else { throw field.error("expected a mapping of fault ids") }
        var faults: [Fault] = []
        for (key, value) in mapping {
            guard let id = key.string else { throw field.error("a fault id is not text") }
            let child = YAMLField(node: value, path: "faults.\(id)", file: field.file)
            guard id.range(of: "^[a-z][a-z0-9_]*$", options: .regularExpression) != nil else {
                throw child.error("'\(id)' is not a lowercase fault id with underscores (like hips_sagging)")
            }
            guard id != TemplateLoader.outOfPositionFault else {
                throw child.error("'\(id)' is built in: set the position gate's cue instead")
            }
            guard !faults.contains(where: { $0.id == id }) else { throw child.error("fault declared twice") }
            let fields = try child.mapping(allowed: ["cue", "severity"])
            faults.append(Fault(id: id, cue: try fields.required("cue").text(),
                                severity: try fields.required("severity").choice(Severity.self)))
        }
        guard !faults.isEmpty else { throw field.error("declare at least one fault") }
        return faults
    }

    private func parsePrescription(_ field: YAMLField) throws -> Prescription {
        let fields = try field.mapping(allowed: ["hold_seconds", "reps", "duration_seconds", "sides", "sets"])
        var hold: HoldSeconds?
        if let holdField = fields["hold_seconds"] {
            let range = try holdField.mapping(allowed: ["min", "target"])
            let minimum = try range.required("min").number(), target = try range.required("target").number()
            guard minimum > 0 else { throw try range.required("min").error("must be above 0") }
            guard minimum <= target else {
                throw holdField.error("reversed range: min \(Prescription.format(minimum)) is above target \(Prescription.format(target))")
            }
            hold = HoldSeconds(minimum: minimum, target: target)
        }
        let reps = try fields["reps"].map { try $0.integer(minimum: 1) }
        let duration = try fields["duration_seconds"].map { field -> Double in
            let value = try field.number()
            guard value > 0 else { throw field.error("must be above 0") }
            return value
        }
        guard hold != nil || reps != nil || duration != nil else {
            throw field.error("give at least one of hold_seconds, reps, duration_seconds")
        }
        return Prescription(holdSeconds: hold, reps: reps, durationSeconds: duration,
                            sides: try fields["sides"]?.choice(SidesPolicy.self) ?? SidesPolicy.none,
                            sets: try fields["sets"]?.integer(minimum: 1) ?? 1)
    }

    private func parseWorkingSide(_ field: YAMLField) throws -> WorkingSideRule {
        let fields = try field.mapping(allowed: ["max", "min", "margin"])
        let pairs: [(WorkingSideRule.Extreme, YAMLField)] = [(.max, fields["max"]), (.min, fields["min"])]
            .compactMap { extreme, value in value.map { (extreme, $0) } }
        guard pairs.count == 1, let (extreme, measureField) = pairs.first else {
            throw field.error("give exactly one of max or min: the sided measure that is larger or smaller on the working side")
        }
        let name = try measureField.text()
        guard let kind = MeasureKind(rawValue: name) else {
            throw measureField.error(MeasureRefError.unknownMeasure(name).description)
        }
        guard kind.isSided else { throw measureField.error("'\(name)' is not measured per side") }
        let margin = try fields["margin"]?.number() ?? 10
        guard margin >= 0 else { throw try fields.required("margin").error("must not be negative") }
        return WorkingSideRule(measure: kind, extreme: extreme, margin: margin)
    }

    private func parseFloor(_ field: YAMLField, hasWorkingSide: Bool) throws -> [FloorContact] {
        let items = try field.list()
        guard !items.isEmpty else { throw field.error("list at least one joint, or leave floor out") }
        return try items.map { item in
            let text = try item.text()
            let parts = text.split(separator: ".").map(String.init)
            guard parts.count <= 2, let joint = Joint(rawValue: parts[0]) else {
                throw item.error("unknown joint '\(text)' (known: \(Joint.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            var qualifier: SideQualifier?
            if parts.count == 2 {
                guard let side = SideQualifier(rawValue: parts[1]), [.working, .other, .left, .right].contains(side) else {
                    throw item.error("a floor joint's side must be working, other, left or right")
                }
                if [.working, .other].contains(side), !hasWorkingSide {
                    throw item.error("'\(parts[1])' needs a working_side rule")
                }
                qualifier = side
            }
            return FloorContact(joint: joint, qualifier: qualifier)
        }
    }

    private func parsePosition(_ field: YAMLField, hasWorkingSide: Bool) throws -> PositionGate {
        let fields = try field.mapping(allowed: ["cue", "require"])
        let requireField = try fields.required("require")
        let conditions = try requireField.list().map { item -> Condition in
            let condition = try item.mapping(allowed: ["measure", "good", "required"])
            let measure = try parseMeasure(try condition.required("measure"), hasWorkingSide: hasWorkingSide, allowBoth: false)
            let range = try parseRange(try condition.required("good"))
            let required = try condition["required"]?.boolean() ?? true
            return Condition(measure: measure, range: range, required: required)
        }
        guard !conditions.isEmpty else { throw requireField.error("list at least one condition") }
        return PositionGate(cue: try fields.required("cue").text(), require: conditions)
    }

    private func parseMovement(_ field: YAMLField, hasWorkingSide: Bool, faults: [Fault]) throws -> Movement {
        let fields = try field.mapping(allowed: ["measure", "rest", "target", "hysteresis", "min_rep_seconds",
                                                 "fast_rep", "partial", "short_hold", "relative"])
        let measure = try parseMeasure(try fields.required("measure"), hasWorkingSide: hasWorkingSide, allowBoth: false)
        func point(_ name: String) throws -> Movement.Point {
            let pointFields = try fields.required(name).mapping(allowed: ["name", "at"])
            return Movement.Point(name: try pointFields.required("name").text(), at: try pointFields.required("at").number())
        }
        let rest = try point("rest"), target = try point("target")
        let hysteresisField = try fields.required("hysteresis")
        let hysteresis = try hysteresisField.number()
        let span = abs(target.at - rest.at)
        guard span > 0 else { throw try fields.required("target").error("target.at must differ from rest.at") }
        guard hysteresis > 0, hysteresis < span / 2 else {
            throw hysteresisField.error("must be above 0 and below half the distance from rest to target (\(Prescription.format(span / 2)))")
        }
        let minimum = try fields["min_rep_seconds"]?.number() ?? 0.5
        guard minimum >= 0 else { throw try fields.required("min_rep_seconds").error("must not be negative") }
        var fast: (Double, String)?
        if let fastField = fields["fast_rep"] {
            let fastFields = try fastField.mapping(allowed: ["seconds", "fault"])
            let secondsField = try fastFields.required("seconds")
            let seconds = try secondsField.number()
            guard seconds > minimum else { throw secondsField.error("must be above min_rep_seconds") }
            fast = (seconds, try faultReference(try fastFields.required("fault"), faults: faults))
        }
        return Movement(
            measure: measure, rest: rest, target: target, hysteresis: hysteresis, minimumRepSeconds: minimum,
            slowestFastRepSeconds: fast?.0,
            partialFault: try fields["partial"].map { try faultReference($0, faults: faults) },
            tooFastFault: fast?.1,
            shortHoldFault: try fields["short_hold"].map { try faultReference($0, faults: faults) },
            relativeToRest: try fields["relative"]?.boolean() ?? false
        )
    }

    private func parseCheck(_ field: YAMLField, hasWorkingSide: Bool, hasMovement: Bool, faults: [Fault]) throws -> Check {
        let fields = try field.mapping(allowed: ["measure", "good", "tolerance", "phases", "below", "above", "required"])
        let measure = try parseMeasure(try fields.required("measure"), hasWorkingSide: hasWorkingSide, allowBoth: true)
        let goodField = try fields.required("good")
        let good = try parseRange(goodField)
        let below = try fields["below"].map { try faultReference($0, faults: faults) }
        let above = try fields["above"].map { try faultReference($0, faults: faults) }
        if good.min != nil, below == nil {
            throw goodField.error("min is set but no 'below' fault says what a value under it means")
        }
        if good.max != nil, above == nil {
            throw goodField.error("max is set but no 'above' fault says what a value over it means")
        }
        if below != nil, good.min == nil { throw goodField.error("missing threshold: 'below' needs good.min") }
        if above != nil, good.max == nil { throw goodField.error("missing threshold: 'above' needs good.max") }
        let toleranceField = try fields.required("tolerance")
        let tolerance = try toleranceField.number()
        guard tolerance >= 0 else { throw toleranceField.error("must not be negative") }
        var phases: Set<Phase> = hasMovement ? [.rest, .moving, .target] : [.target]
        if let phasesField = fields["phases"] {
            let items = try phasesField.list()
            guard !items.isEmpty else { throw phasesField.error("list at least one phase") }
            phases = Set(try items.map { item in
                let phase = try item.choice(Phase.self)
                guard phase != .setup else { throw item.error("checks do not run while getting into position") }
                if !hasMovement, phase != .target {
                    throw item.error("a template without a movement is always in its target phase (the hold)")
                }
                return phase
            })
        }
        return Check(measure: measure, good: good, tolerance: tolerance, phases: phases, below: below, above: above,
                     required: try fields["required"]?.boolean() ?? true)
    }

    // MARK: Values

    private func parseMeasure(_ field: YAMLField, hasWorkingSide: Bool, allowBoth: Bool) throws -> MeasureRef {
        let text = try field.text()
        let ref: MeasureRef
        do {
            ref = try MeasureRef(parsing: text)
        } catch {
            throw field.error(error.description)
        }
        if let qualifier = ref.qualifier {
            if [.working, .other].contains(qualifier), !hasWorkingSide {
                throw field.error("'.\(qualifier.rawValue)' needs a working_side rule")
            }
            if qualifier == .both, !allowBoth { throw field.error("'.both' is allowed in checks only") }
        }
        return ref
    }

    private func parseRange(_ field: YAMLField) throws -> ValueRange {
        let fields = try field.mapping(allowed: ["min", "max"])
        let range = ValueRange(min: try fields["min"]?.number(), max: try fields["max"]?.number())
        guard range.min != nil || range.max != nil else { throw field.error("missing threshold: give min, max or both") }
        if let min = range.min, let max = range.max, min > max {
            throw field.error("reversed range: min \(Prescription.format(min)) is above max \(Prescription.format(max))")
        }
        return range
    }

    private func faultReference(_ field: YAMLField, faults: [Fault]) throws -> String {
        let id = try field.text()
        guard faults.contains(where: { $0.id == id }) else {
            throw field.error("unknown fault id '\(id)' (declared: \(faults.map(\.id).joined(separator: ", ")))")
        }
        return id
    }
}
