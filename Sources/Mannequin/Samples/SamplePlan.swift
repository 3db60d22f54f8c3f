import Form

/// How long a sample recording is and how it is paced.
public struct SampleSettings: Sendable, Equatable {
    /// Picture size in pixels.
    public var width: Int, height: Int
    /// Frames per second.
    public var fps: Double
    /// The longest a sample may last, in seconds.
    public var maximumSeconds: Double
    /// The shortest a sample may last, in seconds.
    public var minimumSeconds: Double
    /// The longest a hold is shown (an exercise without reps, or at the target of a rep), in seconds.
    public var holdSeconds: Double
    /// The camera's horizontal field of view in degrees.
    public var fieldOfView: Double
    /// How much of the picture's width and height the figure may fill at most.
    public var fill: Double

    /// 640 × 480 at 10 fps, 3 to 6 s, holds shown for 3 s, a 60° lens, the figure filling up to 80%.
    public init(width: Int = 640, height: Int = 480, fps: Double = 10, maximumSeconds: Double = 6, minimumSeconds: Double = 3,
                holdSeconds: Double = 3, fieldOfView: Double = 60, fill: Double = 0.8) {
        self.width = width
        self.height = height
        self.fps = fps
        self.maximumSeconds = maximumSeconds
        self.minimumSeconds = minimumSeconds
        self.holdSeconds = holdSeconds
        self.fieldOfView = fieldOfView
        self.fill = fill
    }

    /// Checks the values make sense.
    public func validate() throws {
        guard (16...4096).contains(width), (16...4096).contains(height) else {
            throw MannequinError.invalid("picture size", "\(width) × \(height) is not 16…4096 pixels on each side",
                                         remedy: "Choose a size such as 640 × 480")
        }
        guard fps >= 2, fps <= 120 else {
            throw MannequinError.invalid("frame rate", "\(fps) fps is not between 2 and 120", remedy: "Use 10 fps or so")
        }
        guard minimumSeconds > 0, maximumSeconds >= minimumSeconds + 1, holdSeconds >= 1.5 else {
            throw MannequinError.invalid("sample length", "\(minimumSeconds)–\(maximumSeconds) s with holds of \(holdSeconds) s",
                                         remedy: "Allow at least one second between the shortest and longest sample and holds of 1.5 s or more")
        }
        guard fieldOfView > 10, fieldOfView < 120, fill > 0.2, fill <= 1 else {
            throw MannequinError.invalid("framing", "a \(fieldOfView)° lens filled to \(fill)",
                                         remedy: "Use a lens of 10–120° and a fill of 0.2–1")
        }
    }
}

/// The pacing of one sample: how many reps, on which sides, how fast, how long each hold, and
/// what the prescription asked for that did not fit.
///
/// Reps follow the template: a rep lasts at least its minimum (and longer than its too-fast
/// limit) and holds at the target for the prescribed minimum, up to
/// ``SampleSettings/holdSeconds``. A sample in good form does as many reps as fit in
/// ``SampleSettings/maximumSeconds`` (up to the prescription's); a sample of a fault shows one
/// rep, held at most a second. Exercises without reps are shown in position for ``SampleSettings/holdSeconds``. What
/// the prescription asks for that the sample leaves out is said in ``shortened``.
public struct SamplePlan: Sendable, Equatable {
    /// Reps (or holds) shown.
    public var reps: Int
    /// The side of each rep, in turn.
    public var sides: [BodySide]
    /// Seconds at rest before the first rep.
    public var leadInSeconds: Double
    /// Seconds from rest to the target.
    public var moveSeconds: Double
    /// Seconds at the target of each rep, or in position for a hold.
    public var holdSeconds: Double
    /// Seconds at rest after each rep.
    public var restSeconds: Double
    /// What the prescription asked for that the sample does not show, in words (`nil`: nothing).
    public var shortened: String?
    /// Whether the hold at the target is shorter than the prescription's least (so a session
    /// marks each rep with the template's short-hold fault, if it has one).
    public var holdBelowMinimum: Bool

    /// The plan for `template` filmed from `viewpoint`, in good form or (`oneRep`) showing one rep.
    public init(template: ExerciseTemplate, viewpoint: Viewpoint, settings: SampleSettings, oneRep: Bool = false) {
        let prescription = template.prescription
        var sides = viewpoint.workingSides(for: template)
        if prescription.sides != .alternate { sides = [sides[0]] }
        let hold = prescription.holdSeconds
        let frame = 1 / settings.fps
        var parts: [String] = []
        guard let movement = template.movement else {
            // A hold: in position for the whole sample.
            self.sides = sides
            reps = 1
            leadInSeconds = 0
            moveSeconds = 0
            restSeconds = 0
            holdSeconds = max(settings.minimumSeconds, min(settings.holdSeconds, hold?.target ?? settings.holdSeconds))
            holdBelowMinimum = (hold?.minimum ?? 0) > holdSeconds + frame / 2
            if let hold, holdBelowMinimum { parts.append("holds of \(Words.seconds(hold.minimum))–\(Words.seconds(hold.target)) s") }
            if let count = prescription.reps, count > 1 { parts.append("\(count) of them") }
            if template.workingSide != nil, prescription.sides != .none { parts.append(prescription.sides == .each ? "each side" : "alternating sides") }
            shortened = parts.isEmpty ? nil
                : "The template prescribes \(parts.joined(separator: ", ")); this sample shows one hold of \(Words.seconds(holdSeconds)) s."
            return
        }
        // At rest long enough for a session to settle (half a second) with two frames to spare.
        let leadIn = 0.7
        var rest = 0.4
        // A rep must outlast the minimum and the too-fast limit as the analysis times it: from
        // leaving the rest threshold to coming back past it, which is part of the way into each move.
        let shortestRep = max(movement.minimumRepSeconds, 1.5 * (movement.slowestFastRepSeconds ?? 0)) + 3 * frame
        // A fault needs no long hold to be seen: one second of it, past the way there.
        let target = max(0.4, min(hold?.minimum ?? 0, oneRep ? min(1, settings.holdSeconds) : settings.holdSeconds))
        var move = 0.8
        if 2 * move + target < shortestRep { move = (shortestRep - target) / 2 }
        func length(_ count: Int) -> Double { leadIn + Double(count) * (2 * move + target + rest) }
        var count = 1
        let most = oneRep ? 1 : max(1, prescription.reps ?? 1)
        while count < most, length(count + 1) <= settings.maximumSeconds { count += 1 }
        // Too short a sample: rest longer after each rep.
        if length(count) < settings.minimumSeconds {
            rest += (settings.minimumSeconds - length(count)) / Double(count)
        }
        if count < 2 { sides = [sides[0]] }
        self.sides = sides
        leadInSeconds = leadIn
        restSeconds = rest
        reps = count
        moveSeconds = move
        holdSeconds = target
        holdBelowMinimum = (hold?.minimum ?? 0) > target + frame / 2
        if let asked = prescription.reps, asked > count { parts.append("\(asked) reps") }
        if let hold, holdBelowMinimum {
            parts.append("holds of \(Words.seconds(hold.minimum))–\(Words.seconds(hold.target)) s at the target")
        }
        if template.workingSide != nil, prescription.sides == .each || (prescription.sides == .alternate && sides.count < 2) {
            parts.append(prescription.sides == .each ? "each side" : "alternating sides")
        }
        let shown = "\(count) rep\(count == 1 ? "" : "s")" + (hold == nil ? "" : " holding \(Words.seconds(target)) s")
        shortened = parts.isEmpty ? nil : "The template prescribes \(parts.joined(separator: ", ")); this sample shows \(shown)."
    }

    /// The timeline of `motion` with this plan, for a template that counts reps or not.
    public func timeline(_ motion: ExerciseMotion, countsReps: Bool, fps: Double) -> MotionTimeline {
        var timeline = MotionTimeline(motion: motion, countsReps: countsReps)
        timeline.reps = reps
        timeline.sides = sides
        timeline.fps = fps
        timeline.leadInSeconds = leadInSeconds
        timeline.moveSeconds = moveSeconds
        timeline.holdSeconds = holdSeconds
        timeline.restSeconds = restSeconds
        return timeline
    }
}

/// Numbers in words for people.
enum Words {
    /// Seconds without a needless decimal: "10", "3.1".
    static func seconds(_ value: Double) -> String {
        let tenths = (value * 10).rounded() / 10
        return tenths.rounded() == tenths ? String(Int(tenths)) : String(tenths)
    }
}
