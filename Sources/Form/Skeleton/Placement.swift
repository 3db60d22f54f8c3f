/// Where and how the figure lies, kneels or stands in the room.
///
/// The posture turns the body frame into the room (y up); `pitch` then tips the figure about
/// the horizontal axis across it — its left–right axis (+ tips the head toward the front of the
/// body: forward when standing, up when lying on the back), or its front–back axis when lying on
/// a side (+ tips the head toward the person's right) —, `roll` turns it about its long axis
/// (+ turns the front toward the person's left), and `heading` turns the
/// whole figure about the vertical. With ``levelled`` set, the pitch is instead solved so that
/// two landmarks rest at the same height (elbows and toes in a plank, shoulders and heels in a
/// bridge). The figure is then lowered onto the floor — its lowest landmark, or with
/// ``levelled`` those two landmarks, resting on it — and its hip centre moved to
/// (``floorX``, ``floorZ``).
public struct Placement: Sendable, Equatable {
    /// The starting position.
    public enum Posture: Sendable, Equatable {
        /// Upright on the feet (also for sitting or squatting: the legs' angles do the rest).
        case standing
        /// Upright on the knees.
        case kneeling
        /// Lying face up, head toward +x.
        case onBack
        /// Lying face down, head toward +x.
        case onFront
        /// Trunk level and face down, head toward +x, ready for hands and knees.
        case allFours
        /// Lying on one side (`down`), head toward +x.
        case sideLying(down: BodySide)
    }

    /// The starting position.
    public var posture: Posture
    /// Turn about the vertical, in degrees.
    public var heading: Double
    /// Tip about the horizontal axis across the body, in degrees (ignored when ``levelled`` is set).
    public var pitch: Double
    /// Turn about the body's long axis, in degrees.
    public var roll: Double
    /// Two landmarks to bring to the same height by solving the pitch.
    public var levelled: (BodyLandmark, BodyLandmark)?
    /// Where the hip centre goes on the floor.
    public var floorX: Double, floorZ: Double

    /// A placement in `posture`.
    public init(_ posture: Posture, heading: Double = 0, pitch: Double = 0, roll: Double = 0,
                levelled: (BodyLandmark, BodyLandmark)? = nil, floorX: Double = 0, floorZ: Double = 0) {
        self.posture = posture
        self.heading = heading
        self.pitch = pitch
        self.roll = roll
        self.levelled = levelled
        self.floorX = floorX
        self.floorZ = floorZ
    }

    public static func == (a: Placement, b: Placement) -> Bool {
        a.posture == b.posture && a.heading == b.heading && a.pitch == b.pitch && a.roll == b.roll
            && a.levelled?.0 == b.levelled?.0 && a.levelled?.1 == b.levelled?.1 && a.floorX == b.floorX && a.floorZ == b.floorZ
    }

    /// The rotation from the body frame to the room for a given pitch.
    public func orientation(pitch: Double) -> Rotation3 {
        let tip: Rotation3
        if case .sideLying = posture { tip = Rotation3.aboutZ(pitch) } else { tip = Rotation3.aboutX(pitch) }
        return Rotation3.aboutY(heading) * base * tip * Rotation3.aboutY(roll)
    }

    /// The posture's rotation from the body frame (x left, y up the spine, z forward) to the room.
    private var base: Rotation3 {
        switch posture {
        case .standing, .kneeling:
            return .identity
        case .onBack:
            return Rotation3(x: Vector3(0, 0, 1), y: Vector3(1, 0, 0), z: Vector3(0, 1, 0))
        case .onFront, .allFours:
            return Rotation3(x: Vector3(0, 0, -1), y: Vector3(1, 0, 0), z: Vector3(0, -1, 0))
        case .sideLying(down: .left):
            return Rotation3(x: Vector3(0, -1, 0), y: Vector3(1, 0, 0), z: Vector3(0, 0, 1))
        case .sideLying(down: .right):
            return Rotation3(x: Vector3(0, 1, 0), y: Vector3(1, 0, 0), z: Vector3(0, 0, -1))
        }
    }
}
