import Foundation
import Form

/// How well one exercise template explains a recording: the evidence the recogniser weighs.
///
/// Every part is a share from 0 to 1, found by running the recording through the template's own
/// session: the template's position gate, its checks and its movement are what make an exercise
/// that exercise, so the template is its own best description.
public struct TemplateFit: Sendable, Equatable {
    /// The template's id.
    public var id: String
    /// Frames in the template's position (not `setup`), of the frames with a pose.
    public var inPosition: Double
    /// Frames judged (not `unseen`), of the frames in position: whether the checks can be made
    /// from this camera.
    public var measurable: Double
    /// How often the template's checks pass, averaged over the checks that could be measured,
    /// the worst weighed less (``agreement(_:)``): a recording of another exercise breaks this
    /// one's rules, while one fault of the right exercise fails only its own check.
    public var agreement: Double
    /// Whether the recording moves as the template does: reps between its rest and target for
    /// exercises with reps, staying still for holds (1 for separate photos).
    public var motion: Double
    /// Frames whose posture is the template's starting position (``PostureEstimate``).
    public var posture: Double
    /// Whether the parts the template rests on the floor are the body's lowest (``floorContacts(of:)``):
    /// knees down for a plank on the knees, toes for a full plank.
    public var floor: Double
    /// Whether the person stays at the target as long as the template holds: reps held for the
    /// prescribed time (a wall squat, a bridge with a pause), or a hold as long as the shortest
    /// that counts. 1 for templates without a hold, and for separate photos.
    public var hold: Double
    /// How narrow the good ranges of the checks that passed are, as the mean of
    /// log(the measure's whole range / the good range's width) over passed checks: of two
    /// templates whose checks all pass, the stricter one explains the recording better (a wall
    /// squat's upright trunk also passes a squat's looser trunk check). 0 when nothing passed.
    public var specificity: Double
    /// Reps counted.
    public var reps: Int

    /// The evidence for `template` from `frames` (with their postures, one per frame, `nil` without a pose).
    public init(template: ExerciseTemplate, frames: [PosedFrame], postures: [PostureEstimate?],
                options: SessionOptions) {
        id = template.id
        var session: Session?
        do {
            session = try Session(template: template, options: options)
        } catch {
            session = nil
        }
        var posed = 0, inPosition = 0, judged = 0
        var floorScores: [Double] = []
        let contacts = Self.floorContacts(of: template)
        var outcomes: [(measured: Int, failed: Int)] = Array(repeating: (0, 0), count: template.checks.count)
        let narrowness = template.checks.map(Self.narrowness)
        var specificitySum = 0.0, specificityCount = 0
        var targetRuns: [Double] = []
        var runStart: Double?, lastTarget: Double?
        var movement: [Double] = []
        var checkValues: [String: [(seconds: Double, value: Double)]] = [:]
        for frame in frames {
            guard let analysis = session?.add(frame.landmarks, atSeconds: frame.seconds), frame.landmarks != nil else { continue }
            posed += 1
            if let landmarks = frame.landmarks, let score = Self.floorScore(landmarks, contactSets: contacts, options: options.analysis) {
                floorScores.append(score)
            }
            if analysis.phase == .target {
                if runStart == nil { runStart = frame.seconds }
                lastTarget = frame.seconds
            } else if analysis.phase != nil, let start = runStart, let end = lastTarget {
                targetRuns.append(end - start)
                runStart = nil
            }
            guard analysis.phase != .setup else { continue }
            inPosition += 1
            if analysis.verdict != .unseen { judged += 1 }
            for outcome in CheckOutcome.evaluate(template, analysis) where outcome.state == .passed || outcome.state == .failed {
                outcomes[outcome.check].measured += 1
                specificityCount += 1
                if outcome.state == .failed {
                    outcomes[outcome.check].failed += 1
                } else {
                    specificitySum += narrowness[outcome.check]
                }
            }
            if let value = analysis.movementValue { movement.append(value) }
            for check in template.checks {
                let name = check.measure.qualifier == .both ? "\(check.measure.kind.rawValue).left" : check.measure.description
                if let value = analysis.value(name) { checkValues[check.measure.kind.unit.rawValue + name, default: []].append((frame.seconds, value)) }
            }
        }
        session?.finish()
        if let start = runStart, let end = lastTarget { targetRuns.append(end - start) }
        specificity = specificityCount > 0 ? specificitySum / Double(specificityCount) : 0
        // Separate photos have no time between them: neither movement nor holding is evidence.
        hold = options.separatePhotos ? 1 : Self.holdEvidence(template: template, targetRuns: targetRuns)
        self.inPosition = posed > 0 ? Double(inPosition) / Double(posed) : 0
        measurable = inPosition > 0 ? Double(judged) / Double(inPosition) : 0
        let rates = outcomes.filter { $0.measured > 0 }.map { 1 - Double($0.failed) / Double($0.measured) }
        agreement = Self.agreement(rates)
        floor = floorScores.isEmpty ? 0.5 : floorScores.reduce(0, +) / Double(floorScores.count)
        let counted = session?.summary.reps ?? 0
        reps = counted
        if options.separatePhotos {
            motion = 1
        } else if let move = template.movement {
            motion = Self.repMotion(values: movement, movement: move, reps: counted, partial: session?.summary.partialReps ?? 0)
        } else {
            motion = Self.stillness(checkValues)
        }
        let shares = postures.compactMap { $0?.shares[template.start] }
        posture = shares.isEmpty ? 0 : shares.reduce(0, +) / Double(shares.count)
    }

    /// A fit made of its parts (for tests and tuning).
    public init(id: String, inPosition: Double, measurable: Double, agreement: Double, motion: Double, posture: Double,
                floor: Double, hold: Double, specificity: Double, reps: Int) {
        self.id = id
        self.inPosition = inPosition
        self.measurable = measurable
        self.agreement = agreement
        self.motion = motion
        self.posture = posture
        self.floor = floor
        self.hold = hold
        self.specificity = specificity
        self.reps = reps
    }

    /// The shares in a fixed order: position, measurable, agreement, motion, posture, floor, hold.
    public var shares: [Double] { [inPosition, measurable, agreement, motion, posture, floor, hold] }

    /// The agreement of checks passing at `rates` (each measured check's pass rate): their mean,
    /// with the worst check weighed a quarter as much as each other one. A person usually makes
    /// one mistake at a time, and a fault the template names is still this exercise done badly;
    /// a recording of another exercise breaks several of the template's rules at once.
    /// 0.5 (no evidence either way) when no check was measured.
    static func agreement(_ rates: [Double]) -> Double {
        guard let worst = rates.min() else { return 0.5 }
        guard rates.count > 1 else { return 0.5 + 0.5 * worst }
        let others = rates.reduce(0, +) - worst
        return (others + 0.25 * worst) / (Double(rates.count - 1) + 0.25)
    }

    /// Evidence of holding: for reps with a hold, the share of stays at the target that last at
    /// least 0.7 of the shortest hold; for a hold, the longest stay against the shortest hold
    /// (square-rooted: a short clip of the right exercise is still likely). Never below 0.1.
    static func holdEvidence(template: ExerciseTemplate, targetRuns: [Double]) -> Double {
        guard let hold = template.prescription.holdSeconds, hold.minimum > 0 else { return 1 }
        let needed = 0.7 * hold.minimum
        if template.countsReps {
            guard !targetRuns.isEmpty else { return 0.5 }
            return max(0.1, Double(targetRuns.count { $0 >= needed }) / Double(targetRuns.count))
        }
        return max(0.1, min(1, (targetRuns.max() ?? 0) / hold.minimum).squareRoot())
    }

    /// log(range / width) of a check's good range, where range is what the measure can take
    /// (``MeasureKind/plausibleRange``) and width the part of it the good range covers.
    static func narrowness(_ check: Check) -> Double {
        let range = check.measure.kind.plausibleRange
        let low = max(range.lowerBound, check.good.min ?? range.lowerBound)
        let high = min(range.upperBound, check.good.max ?? range.upperBound)
        let width = max(high - low, (range.upperBound - range.lowerBound) / 50)
        return max(0, log((range.upperBound - range.lowerBound) / width))
    }

    /// The joints a template rests on the floor: its `floor`, or for templates without one, what
    /// its starting position rests on (the toes standing, the shoulders and hips on the back).
    ///
    /// One set for each way the template can be done: a floor that names the working or the
    /// other side (a side plank on one elbow and foot, a bird dog on one hand and knee) gives
    /// one set with the left side working and one with the right, since the side is not known
    /// before the recording is understood.
    public static func floorContacts(of template: ExerciseTemplate) -> [[BodyLandmark]] {
        if !template.floor.isEmpty {
            let sets = [BodySide.left, .right].map { side in
                Array(Set(template.floor.flatMap { $0.landmarks(workingSide: side) })).sorted()
            }
            return sets[0] == sets[1] ? [sets[0]] : sets
        }
        let joints: [Joint]
        switch template.start {
        case .standing: joints = [.footIndex]
        case .onBack: joints = [.shoulder, .hip]
        case .onFront: joints = [.wrist, .footIndex]
        case .allFours: joints = [.wrist, .knee]
        case .kneeling: joints = [.knee, .footIndex]
        case .sideLying: joints = [.elbow, .footIndex]
        }
        return [joints.flatMap { [$0.landmark(.left), $0.landmark(.right)] }]
    }

    /// The best of ``floorScore(_:contacts:options:)`` over the sets of `contacts`, or `nil`
    /// when none can be seen.
    static func floorScore(_ pose: PoseLandmarks, contactSets: [[BodyLandmark]], options: AnalysisOptions) -> Double? {
        contactSets.compactMap { floorScore(pose, contacts: $0, options: options) }.max()
    }

    /// How well `contacts` rest on the floor in one frame, 0…1, or `nil` when they cannot be seen:
    /// the share of them the floor estimate keeps as resting (lifted ones are dropped), lowered
    /// when some other part of the body lies below that floor (the body rests on something else).
    static func floorScore(_ pose: PoseLandmarks, contacts: [BodyLandmark], options: AnalysisOptions) -> Double? {
        let geometry = PoseGeometry(pose: pose, visibilityThreshold: min(options.visibilityThreshold, 0.3),
                                    preferWorld: options.preferWorld)
        let seen = contacts.filter { geometry.confidence($0) >= FloorEstimate.contactVisibility }
        guard !seen.isEmpty else { return nil }
        let trunk = (geometry.midpoint(.shoulder).position - geometry.midpoint(.hip).position).length
        guard trunk > 1e-9 else { return nil }
        let floor = FloorEstimate(contacts: seen, in: geometry, trunkLength: trunk)
        let kept = Double(floor.landmarks.count) / Double(seen.count)
        var below = 0.0
        for landmark in BodyLandmark.allCases where landmark.bodyPart != .head && geometry.isTrusted(landmark) {
            guard let height = floor.height(of: geometry.position(landmark)) else { continue }
            below = max(below, -(height - landmark.restingClearance * trunk) / trunk)
        }
        return kept * exp(-max(0, below - 0.1) / 0.15)
    }

    /// Evidence of reps: counted reps are strong evidence; otherwise how much of the way from the
    /// rest value to the target the movement measure travels (10th to 90th percentile).
    static func repMotion(values: [Double], movement: Movement, reps: Int, partial: Int) -> Double {
        let span = movement.target.at - movement.rest.at
        guard values.count >= 2, span != 0 else { return 0.05 }
        let progress = values.map { ($0 - movement.rest.at) / span }.sorted()
        let low = percentile(progress, 0.1), high = percentile(progress, 0.9)
        let covered = max(0, min(1, high) - max(0, low))
        let travelled = max(0, min(1, high - low))
        if reps > 0 { return 0.7 + 0.3 * min(1, Double(reps) / 3) * covered }
        if partial > 0 { return 0.25 + 0.2 * travelled }
        return 0.05 + 0.3 * covered * travelled
    }

    /// Evidence of a hold: the template's measures stay put. The 10th-to-90th percentile spread
    /// of each measure in windows of ``stillnessWindowSeconds``, the median window's, and the
    /// largest of those among the measures, against 25° (or 0.25 trunk lengths), makes the score
    /// fall from 1.
    static func stillness(_ values: [String: [(seconds: Double, value: Double)]]) -> Double {
        var spread = 0.0
        for (key, series) in values where series.count >= 2 {
            // Stillness is local: a recording of holds has rests and changes of position between
            // them, so the spread is taken in short windows and the typical window counts.
            var windows: [[Double]] = [[]]
            var windowStart = series[0].seconds
            for sample in series {
                if sample.seconds - windowStart >= stillnessWindowSeconds, windows[windows.count - 1].count >= 2 {
                    windows.append([])
                    windowStart = sample.seconds
                }
                windows[windows.count - 1].append(sample.value)
            }
            let spreads = windows.filter { $0.count >= 2 }.map { window -> Double in
                let sorted = window.sorted()
                return percentile(sorted, 0.9) - percentile(sorted, 0.1)
            }.sorted()
            guard !spreads.isEmpty else { continue }
            let scale = key.hasPrefix(MeasureUnit.degrees.rawValue) ? 25.0 : 0.25
            spread = max(spread, percentile(spreads, 0.5) / scale)
        }
        return max(0.05, exp(-max(0, spread - 0.4)))
    }

    /// The length of the windows ``stillness(_:)`` measures the spread in: longer than a rep
    /// of any template, so that a window of reps always sees the movement.
    static let stillnessWindowSeconds = 4.0

    /// The `fraction` percentile of sorted `values` (linear between neighbours).
    static func percentile(_ sorted: [Double], _ fraction: Double) -> Double {
        guard let first = sorted.first else { return 0 }
        guard sorted.count > 1 else { return first }
        let position = fraction * Double(sorted.count - 1)
        let lower = Int(position.rounded(.down)), upper = min(sorted.count - 1, lower + 1)
        return sorted[lower] + (sorted[upper] - sorted[lower]) * (position - Double(lower))
    }
}

extension MeasureKind {
    /// The values a measure can take on a person: 0…180° for joint angles, ±90° for
    /// inclinations, levels and deviations, 0…2 trunk lengths for heights and gaps, ±1 for the
    /// deviations as fractions.
    public var plausibleRange: ClosedRange<Double> {
        switch self {
        case .hipAngle, .kneeAngle, .ankleAngle, .elbowAngle, .shoulderAngle: return 0...180
        case .hipHeight, .kneeHeight, .heelHeight, .kneeGap: return 0...2
        case .hipOffShoulderAnkleLineFraction, .hipOffShoulderKneeLineFraction: return -1...1
        case .kneeValgus: return -45...45
        default: return -90...90
        }
    }
}
