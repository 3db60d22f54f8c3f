/// Text for places that only draw plain ASCII (the built-in bitmap font, terminals without
/// Unicode): typographic punctuation becomes its ASCII look-alike.
enum PlainText {
    /// `text` with dashes, quotes, ellipses and the multiplication sign in ASCII; other
    /// characters outside ASCII (except the degree sign, which the font has) become '?'.
    static func ascii(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\u{2014}", "\u{2013}", "\u{2212}": out += "-"
            case "\u{2018}", "\u{2019}": out += "'"
            case "\u{201C}", "\u{201D}": out += "\""
            case "\u{2026}": out += "..."
            case "\u{00D7}": out += "x"
            case "\u{00B7}", "\u{2022}": out += "*"
            case "\u{00B0}": out.unicodeScalars.append(scalar)
            default: out.unicodeScalars.append(scalar.isASCII ? scalar : "?")
            }
        }
        return out
    }
}
