import Capture
import Form
import Synchronization

/// Decides what to say aloud as the snapshots come: each counted rep's number, "Switch sides"
/// when the working side changes, "Stop" on a safety stop, and a cue when it has been showing
/// for a moment, at most one cue every ``cueGapSeconds`` and the same cue not again within
/// ``repeatSeconds``.
public struct CueAnnouncer: Sendable {
    /// The least time between two spoken cues.
    public var cueGapSeconds: Double
    /// The least time before the same cue is spoken again.
    public var repeatSeconds: Double
    /// How long a cue must be showing before it is spoken (so a flicker is not).
    public var steadySeconds: Double

    private var lastCueTime: Double?
    private var spoken: [String: Double] = [:]
    private var showing: (cue: String, since: Double)?
    private var saidStop = false

    /// An announcer with these timings (seconds).
    public init(cueGapSeconds: Double = 4, repeatSeconds: Double = 12, steadySeconds: Double = 0.8) {
        self.cueGapSeconds = cueGapSeconds
        self.repeatSeconds = repeatSeconds
        self.steadySeconds = steadySeconds
    }

    /// What to say for `snapshot` seen at `time` (seconds on any steady clock), in order.
    public mutating func announcements(for snapshot: LiveSnapshot, at time: Double) -> [String] {
        var out: [String] = []
        for event in snapshot.events {
            switch event {
            case let .repCounted(rep): out.append(String(rep.number))
            case .sideSwitched: out.append("Switch sides")
            case .stopped:
                if !saidStop { out.append("Stop"); saidStop = true }
            case .partialRep, .holdEnded: break
            }
        }
        if snapshot.stopped != nil {
            if !saidStop { out.append("Stop"); saidStop = true }
            return out
        }
        guard let cue = snapshot.cue else {
            showing = nil
            return out
        }
        if showing?.cue != cue { showing = (cue, time) }
        guard let since = showing?.since, time - since >= steadySeconds else { return out }
        if let last = lastCueTime, time - last < cueGapSeconds { return out }
        if let said = spoken[cue], time - said < repeatSeconds { return out }
        lastCueTime = time
        spoken[cue] = time
        out.append(cue)
        return out
    }
}

/// Spoken cues: each snapshot goes through a ``CueAnnouncer`` and what it picks to a ``Speaker``.
public final class SpokenCues: Sendable {
    /// The voice.
    public let speaker: Speaker
    private let announcer: Mutex<CueAnnouncer>

    /// Cues spoken by `speaker`, paced by `announcer`.
    public init(speaker: Speaker, announcer: CueAnnouncer = CueAnnouncer()) {
        self.speaker = speaker
        self.announcer = Mutex(announcer)
    }

    /// Hears `snapshot` now and speaks what is to be said.
    public func hear(_ snapshot: LiveSnapshot) {
        let now = MonotonicClock.now()
        for text in announcer.withLock({ $0.announcements(for: snapshot, at: now) }) { speaker.say(text) }
    }
}
