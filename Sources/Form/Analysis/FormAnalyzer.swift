/// Turns one pose into what a physiotherapist would say about it, for one exercise template.
///
/// The analyzer decides the working side, whether the person is in the exercise's position,
/// the phase of the rep, and runs the template's checks for that phase. A check whose landmarks
/// are not visible never gives a verdict: the frame is `unseen` with a cue saying what to fix.
public struct FormAnalyzer: Sendable {
    /// The exercise.
    public let template: ExerciseTemplate
    /// The settings.
    public let options: AnalysisOptions

    /// An analyzer of `template`.
    public init(template: ExerciseTemplate, options: AnalysisOptions = AnalysisOptions()) {
        self.template = template
        self.options = options
    }

    /// Analyses one frame on its own (as for a single photo).
    public func analyze(_ pose: PoseLandmarks?) -> FrameAnalysis {
        var state = AnalysisState()
        // A photo has no frames before it to confirm its posture: it stands on its own.
        state.contradictingPostures = Self.contradictingPostureFrames - 1
        return analyze(pose, state: &state)
    }

    /// Analyses one frame of a stream, carrying `state` from the frame before.
    public func analyze(_ pose: PoseLandmarks?, state: inout AnalysisState) -> FrameAnalysis {
        guard let pose else {
            return FrameAnalysis(verdict: .unseen, phase: nil, workingSide: nil, faults: [],
                                 cues: [Cue(text: UnseenCue.nobody, severity: .high, kind: .unseen)],
                                 measures: [], movementValue: nil, view: nil, space: nil)
        }
        let geometry = PoseGeometry(pose: pose, visibilityThreshold: options.visibilityThreshold,
                                    preferWorld: options.preferWorld)
        let side = workingSide(in: geometry, previous: state.workingSide)
        if let side { state.workingSide = side }
        let contacts = template.floor.flatMap { $0.landmarks(workingSide: side) }
        let measurer = BodyMeasurer(geometry: geometry, floorContacts: contacts, workingSide: side)
        var collector = FrameCollector(measurer: measurer)

        // Is the person in position at all? First the body's position as a whole (on the back,
        // on all fours…), then the template's own conditions.
        var inPosition = true
        let wasInPosition = state.phase.map { $0 != .setup } ?? false
        // A posture must contradict for a few frames in a row: one odd frame is a glitch of the
        // landmarks more often than a change of position, and it would end a rep under way.
        if let posture = PostureEstimate(pose, options: options),
           posture.contradicts(template.start, wasOut: state.phase == .setup) {
            state.contradictingPostures += 1
            if state.contradictingPostures >= Self.contradictingPostureFrames || state.phase == .setup {
                collector.outOfPosition = true
            }
        } else {
            state.contradictingPostures = 0
        }
        if let gate = template.position {
            for condition in gate.require {
                let measurement = collector.measure(condition.measure)
                guard let value = measurement.trustedValue else {
                    // A condition the camera cannot check from here does not hold the person back.
                    guard condition.required else { continue }
                    collector.markUnseen(measurement)
                    inPosition = false
                    continue
                }
                // Once in position, stay until clearly out (a little hysteresis).
                let margin = wasInPosition ? Self.gateMargin(condition.measure.kind.unit) : 0
                if !condition.range.contains(value, widenedBy: margin) { inPosition = false; collector.outOfPosition = true }
            }
        }

        // The phase.
        var phase: Phase?
        var movementValue: Double?
        if collector.outOfPosition {
            phase = .setup
            state.movementBaseline = nil
        } else if !inPosition {
            phase = nil
        } else if let movement = template.movement {
            let measurement = collector.measure(movement.measure)
            if var value = measurement.trustedValue {
                if movement.relativeToRest {
                    let baseline = Self.baseline(state.movementBaseline, value: value, movement: movement, previous: state.phase)
                    state.movementBaseline = baseline
                    value -= baseline
                }
                movementValue = value
                phase = Self.phase(of: value, movement: movement, previous: state.phase)
            } else {
                collector.markUnseen(measurement)
            }
        } else {
            phase = .target
        }
        if let phase { state.phase = phase }

        // The checks.
        var raised = Set<String>()
        if let phase, phase != .setup {
            for (index, check) in template.checks.enumerated() where check.phases.contains(phase) {
                let sides: [(String, MeasureRef)] = check.measure.qualifier == .both
                    ? BodySide.allCases.map { ("\(index).\($0.rawValue)", check.measure.on($0)) }
                    : [("\(index)", check.measure)]
                for (key, ref) in sides {
                    let measurement = collector.measure(ref)
                    guard let value = measurement.trustedValue else {
                        if check.required { collector.markUnseen(measurement) }
                        continue
                    }
                    let wasRaised = state.raisedChecks.contains(key)
                    let margin = wasRaised ? 0 : check.tolerance
                    guard !check.good.contains(value, widenedBy: margin) else { continue }
                    let isLow = check.good.min.map { value < $0 } ?? false
                    if let id = isLow ? check.below : check.above, let fault = template.fault(id) {
                        collector.add(fault)
                        raised.insert(key)
                    }
                }
            }
        }
        state.raisedChecks = raised
        return collector.result(phase: phase, side: template.workingSide == nil ? nil : side,
                                movementValue: movementValue, template: template, pose: pose)
    }

    /// Frames in a row whose posture contradicts the exercise before the person counts as out of
    /// position (a single image, with no frames before it, is judged on its own).
    static let contradictingPostureFrames = 3

    /// The hysteresis of the position gate: 5° or 0.05 trunk lengths.
    static func gateMargin(_ unit: MeasureUnit) -> Double { unit == .degrees ? 5 : 0.05 }

    /// The resting value of a relative movement's measure after seeing `value`: it follows values
    /// further from the target than itself quickly (the person was not quite at rest before), and
    /// others slowly while at rest (posture and landmarks drift), averaging the landmarks' noise
    /// either way; while moving it stays, so a rep is measured from where it started.
    static func baseline(_ baseline: Double?, value: Double, movement: Movement, previous: Phase?) -> Double {
        guard let baseline else { return value }
        let toward = movement.increases ? value - baseline : baseline - value
        if toward < 0 { return baseline + 0.3 * (value - baseline) }
        if previous == .rest || previous == .setup || previous == nil { return baseline + 0.05 * (value - baseline) }
        return baseline
    }

    /// The phase for the movement measure at `value`, with hysteresis from `previous`.
    public static func phase(of value: Double, movement: Movement, previous: Phase?) -> Phase {
        // Work in "progress" units that grow from rest toward the target.
        let sign = movement.increases ? 1.0 : -1.0
        let progress = sign * value, rest = sign * movement.rest.at, target = sign * movement.target.at
        let h = movement.hysteresis
        if progress >= target { return .target }
        if previous == .target, progress > target - h { return .target }
        if progress <= rest { return .rest }
        if previous == .rest || previous == .setup, progress < rest + h { return .rest }
        return .moving
    }

    /// The working side: the side whose rule measure is more extreme, kept until the other side
    /// beats it by the rule's margin; with no side yet and the two within the margin, the side
    /// the camera sees better. Uses values even of hidden landmarks (choosing a side is not a
    /// verdict; checks on a hidden side are then `unseen`).
    func workingSide(in geometry: PoseGeometry, previous: BodySide?) -> BodySide? {
        guard let rule = template.workingSide else { return nil }
        let contacts = template.floor.flatMap { $0.landmarks(workingSide: nil) }
        let measurer = BodyMeasurer(geometry: geometry, floorContacts: contacts)
        let values = LeftRight(left: measurer.measure(rule.measure, on: .left).value,
                               right: measurer.measure(rule.measure, on: .right).value)
        let sign = rule.extreme == .max ? 1.0 : -1.0
        switch (values.left, values.right) {
        case let (l?, r?):
            let leftLead = sign * (l - r)
            if let previous {
                let lead = previous == .left ? leftLead : -leftLead
                return lead >= -rule.margin ? previous : previous.opposite
            }
            if abs(leftLead) < rule.margin { return geometry.bestSide(for: rule.measure.sidedJoints) }
            return leftLead >= 0 ? .left : .right
        case (_?, nil): return .left
        case (nil, _?): return .right
        case (nil, nil): return previous
        }
    }
}

/// Gathers one frame's measurements, faults and unseen landmarks, and builds the result.
private struct FrameCollector {
    let measurer: BodyMeasurer
    var measures: [FrameAnalysis.NamedMeasurement] = []
    var faults: [Fault] = []
    var hidden: [BodyLandmark] = []
    var neededViews: [CameraView] = []
    var unseen = false
    var outOfPosition = false

    init(measurer: BodyMeasurer) { self.measurer = measurer }

    mutating func measure(_ ref: MeasureRef) -> Measurement {
        let name = ref.description
        if let known = measures.first(where: { $0.name == name }) { return known.measurement }
        let measurement = measurer.measure(ref)
        measures.append(.init(name: name, measurement: measurement))
        return measurement
    }

    mutating func markUnseen(_ measurement: Measurement) {
        unseen = true
        hidden.append(contentsOf: measurement.hidden)
        if let view = measurement.neededView { neededViews.append(view) }
    }

    mutating func add(_ fault: Fault) {
        if !faults.contains(fault) { faults.append(fault) }
    }

    func result(phase: Phase?, side: BodySide?, movementValue: Double?, template: ExerciseTemplate,
                pose: PoseLandmarks) -> FrameAnalysis {
        var cues: [Cue] = []
        var faultIDs: [String] = []
        let ordered = faults.enumerated().sorted {
            $0.element.severity != $1.element.severity ? $0.element.severity > $1.element.severity : $0.offset < $1.offset
        }.map(\.element)
        for fault in ordered {
            faultIDs.append(fault.id)
            cues.append(Cue(text: fault.cue, severity: fault.severity, kind: .fault, faultID: fault.id))
        }
        var verdict: Verdict = faults.isEmpty ? .good : .fault
        if outOfPosition {
            faultIDs.append(TemplateLoader.outOfPositionFault)
            cues.append(Cue(text: template.positionCue, severity: .low, kind: .position, faultID: TemplateLoader.outOfPositionFault))
            verdict = .fault
        }
        if unseen || (phase == nil && verdict == .good) {
            if verdict == .good { verdict = .unseen }
            let text = UnseenCue.text(hidden: hidden, neededViews: neededViews, pose: pose)
                ?? "I can't see you well enough — keep your whole body in the picture."
            cues.append(Cue(text: text, severity: verdict == .unseen ? .high : .low, kind: .unseen))
        }
        return FrameAnalysis(
            verdict: verdict, phase: phase, workingSide: side, faults: faultIDs, cues: cues, measures: measures,
            movementValue: movementValue, view: measurer.view, space: measurer.geometry.space,
            worstSeverity: ordered.first?.severity ?? (outOfPosition ? .low : nil)
        )
    }
}
