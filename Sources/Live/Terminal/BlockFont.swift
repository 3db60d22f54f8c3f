/// Big letters for the terminal: a block font of our own, 5 cells high, drawn with `█`.
///
/// Glyphs are 1 to 5 cells wide, with one blank column between letters; lowercase is drawn as
/// uppercase, typographic dashes and quotes as their ASCII forms, and anything else as `?`.
public enum BlockFont {
    /// Rows per line of big text.
    public static let height = 5

    /// The glyph of `character`: `height` rows of `#` (ink) and `.` (paper), all the same width.
    public static func glyph(_ character: Character) -> [String] {
        let folded = fold(character)
        return glyphs[folded] ?? glyphs["?"] ?? []
    }

    /// Columns `text` takes when drawn (letters plus one column between each two).
    public static func width(of text: String) -> Int {
        let widths = text.map { glyph($0).first?.count ?? 0 }
        return widths.reduce(0, +) + max(0, widths.count - 1)
    }

    /// `text` drawn in big letters: `height` strings of `█` and spaces, all `width(of:)` long.
    public static func render(_ text: String) -> [String] {
        var rows = Array(repeating: "", count: height)
        for (index, character) in text.enumerated() {
            let glyph = glyph(character)
            for row in 0..<height {
                if index > 0 { rows[row] += " " }
                rows[row] += String(glyph[row].map { $0 == "#" ? "█" : " " })
            }
        }
        return rows
    }

    /// `text` cut into lines that fit `columns` when drawn, at most `maxLines`; words that do not
    /// fit end the text with `...` (a word longer than a line is cut).
    public static func wrap(_ text: String, columns: Int, maxLines: Int) -> [String] {
        guard columns > 0, maxLines > 0 else { return [] }
        let words = text.split(separator: " ").map(String.init)
        var lines: [String] = []
        var current = ""
        var index = 0
        while index < words.count {
            let word = words[index]
            let candidate = current.isEmpty ? word : current + " " + word
            if width(of: candidate) <= columns {
                current = candidate
                index += 1
                continue
            }
            if current.isEmpty {
                // A word longer than a whole line: cut it.
                var cut = ""
                for character in word where width(of: cut + String(character)) <= columns { cut.append(character) }
                current = cut
                index += 1
            }
            lines.append(current)
            current = ""
            if lines.count == maxLines { break }
        }
        if !current.isEmpty, lines.count < maxLines { lines.append(current) }
        if index < words.count, var last = lines.popLast() {
            // Some words are left over: end the last line with an ellipsis.
            while !last.isEmpty, width(of: last + "...") > columns {
                last = String(last.dropLast())
            }
            lines.append(last.trimmingTrailingSpaces() + "...")
        }
        return lines
    }

    static func fold(_ character: Character) -> Character {
        switch character {
        case "\u{2014}", "\u{2013}", "\u{2212}": return "-"
        case "\u{2018}", "\u{2019}", "`": return "'"
        default:
            let upper = Character(character.uppercased())
            return glyphs[upper] == nil ? "?" : upper
        }
    }

    /// The glyphs, `#` for ink: each entry is the character, then its rows, split by `|`.
    /// (Strings, not a dictionary literal: a literal of 50 `Character` keys takes the type
    /// checker minutes.)
    static let table: [String] = [
        "A|.##.|#..#|####|#..#|#..#",
        "B|###.|#..#|###.|#..#|###.",
        "C|.###|#...|#...|#...|.###",
        "D|###.|#..#|#..#|#..#|###.",
        "E|####|#...|###.|#...|####",
        "F|####|#...|###.|#...|#...",
        "G|.###|#...|#.##|#..#|.###",
        "H|#..#|#..#|####|#..#|#..#",
        "I|###|.#.|.#.|.#.|###",
        "J|..##|...#|...#|#..#|.##.",
        "K|#..#|#.#.|##..|#.#.|#..#",
        "L|#...|#...|#...|#...|####",
        "M|#...#|##.##|#.#.#|#...#|#...#",
        "N|#...#|##..#|#.#.#|#..##|#...#",
        "O|.##.|#..#|#..#|#..#|.##.",
        "P|###.|#..#|###.|#...|#...",
        "Q|.##.|#..#|#..#|#.#.|.#.#",
        "R|###.|#..#|###.|#.#.|#..#",
        "S|.###|#...|.##.|...#|###.",
        "T|#####|..#..|..#..|..#..|..#..",
        "U|#..#|#..#|#..#|#..#|.##.",
        "V|#...#|#...#|.#.#.|.#.#.|..#..",
        "W|#...#|#...#|#.#.#|##.##|#...#",
        "X|#...#|.#.#.|..#..|.#.#.|#...#",
        "Y|#...#|.#.#.|..#..|..#..|..#..",
        "Z|####|...#|.##.|#...|####",
        "0|.##.|#.##|#..#|##.#|.##.",
        "1|.#.|##.|.#.|.#.|###",
        "2|###.|...#|.##.|#...|####",
        "3|###.|...#|.##.|...#|###.",
        "4|#..#|#..#|####|...#|...#",
        "5|####|#...|###.|...#|###.",
        "6|.##.|#...|###.|#..#|.##.",
        "7|####|...#|..#.|.#..|.#..",
        "8|.##.|#..#|.##.|#..#|.##.",
        "9|.##.|#..#|.###|...#|.##.",
        " |..|..|..|..|..",
        ".|.|.|.|.|#",
        ",|..|..|..|.#|#.",
        "!|#|#|#|.|#",
        "?|###.|...#|.##.|....|.#..",
        "'|#|#|.|.|.",
        "-|...|...|###|...|...",
        ":|.|#|.|#|.",
        "/|...#|..#.|.#..|.#..|#...",
        "(|.#|#.|#.|#.|.#",
        ")|#.|.#|.#|.#|#.",
        "+|...|.#.|###|.#.|...",
        "%|#..#|..#.|.#..|#...|#..#",
    ]

    /// The glyphs by character.
    static let glyphs: [Character: [String]] = {
        var glyphs: [Character: [String]] = [:]
        for entry in table {
            let parts = entry.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
            guard let key = parts.first?.first else { continue }
            glyphs[key] = Array(parts.dropFirst())
        }
        return glyphs
    }()
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var copy = self
        while copy.last == " " { copy.removeLast() }
        return copy
    }
}
