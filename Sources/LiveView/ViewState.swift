import Foundation
import Live

/// The state the page shows, as JSON (`/state.json` and each server-sent event).
public struct ViewState: Codable, Sendable, Equatable {
    public var exercise: String
    public var exerciseID: String
    public var verdict: String?
    public var headline: String
    public var cue: String?
    public var reps: Int
    public var prescribedReps: Int?
    public var repsLeft: Int?
    public var repsRight: Int?
    public var countsReps: Bool
    public var holdSeconds: Double?
    public var holdTarget: Double?
    public var side: String?
    public var score: Int?
    public var framesPerSecond: Double
    public var latencyMilliseconds: Double?
    public var frame: Int
    public var seconds: Double
    public var stopped: String?
    public var notice: String?
    public var over: Bool

    /// The state of `snapshot`; `over` once the session has ended.
    public init(_ snapshot: LiveSnapshot, over: Bool = false) {
        exercise = snapshot.exerciseName
        exerciseID = snapshot.exerciseID
        verdict = snapshot.verdict?.rawValue
        headline = snapshot.headline
        cue = snapshot.cue
        reps = snapshot.reps
        prescribedReps = snapshot.prescribedReps
        repsLeft = snapshot.repsBySide?.left
        repsRight = snapshot.repsBySide?.right
        countsReps = snapshot.countsReps
        holdSeconds = snapshot.holdSeconds ?? snapshot.lastHoldSeconds ?? (snapshot.prescribedHold == nil ? nil : 0)
        holdTarget = snapshot.prescribedHold?.target
        side = snapshot.hasSides ? snapshot.side?.rawValue : nil
        score = snapshot.score
        framesPerSecond = (snapshot.framesPerSecond * 10).rounded() / 10
        latencyMilliseconds = snapshot.latencyMilliseconds.map { $0.rounded() }
        frame = snapshot.frameSequence
        seconds = (snapshot.seconds * 10).rounded() / 10
        stopped = snapshot.stopped
        notice = snapshot.notice
        self.over = over
    }

    /// The state as compact JSON.
    public var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return (try? encoder.encode(self)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }
}
