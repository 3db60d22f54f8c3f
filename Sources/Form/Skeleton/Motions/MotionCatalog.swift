/// Every exercise motion of the posable skeleton, one for each bundled template.
public enum MotionCatalog {
    /// All motions: lying on the back, lying face down, on all fours, upright.
    public static let all: [ExerciseMotion] = LyingMotions.all + ProneMotions.all + AllFoursMotions.all + UprightMotions.all

    /// The motion of template `id`, or `nil` when there is none.
    public static func motion(_ id: String) -> ExerciseMotion? { all.first { $0.id == id } }

    /// The template ids that have a motion, in catalog order.
    public static let ids: [String] = all.map(\.id)
}
