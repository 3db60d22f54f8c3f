/// A warning sign that back pain needs a doctor, not exercises.
public enum RedFlag: String, CaseIterable, Sendable, Codable {
    case numbness
    case legWeakness = "leg_weakness"
    case bladderControl = "bladder_control"
    case nightPain = "night_pain"
    case afterAccident = "after_accident"

    /// The sign in plain words.
    public var text: String {
        switch self {
        case .numbness:
            return "Numbness or tingling in a leg, the buttocks or around the genitals"
        case .legWeakness:
            return "Weakness in a leg, or a leg that gives way or a foot that drags"
        case .bladderControl:
            return "Losing control of your bladder or bowels, or being unable to pass urine"
        case .nightPain:
            return "Pain that wakes you at night or is there even when you lie still"
        case .afterAccident:
            return "Pain that started after an accident, a fall or a blow to the back"
        }
    }

    /// What to do when any red flag applies.
    public static let advice = "Do not do these exercises until a doctor has checked you."

    /// The heading and list, one line each, as shown by `formcheck exercises --safety` and in reports.
    public static var lines: [String] {
        ["Red flags — stop and see a doctor if any of these apply:"] + allCases.map { "  • \($0.text)" } + [advice]
    }
}
