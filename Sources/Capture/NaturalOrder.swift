/// Orders names as people do: runs of digits compare by their value, so `frame_2` comes before
/// `frame_10`; letters compare without regard to case.
enum NaturalOrder {
    /// Whether `a` comes before `b`; a strict weak order for `sorted(by:)`.
    static func areInIncreasingOrder(_ a: String, _ b: String) -> Bool {
        let left = chunks(a), right = chunks(b)
        for (x, y) in zip(left, right) {
            switch (x, y) {
            case (.number(let m), .number(let n)):
                let mValue = m.drop(while: { $0 == "0" }), nValue = n.drop(while: { $0 == "0" })
                if mValue.count != nValue.count { return mValue.count < nValue.count }
                if mValue != nValue { return mValue.lexicographicallyPrecedes(nValue) }
            case (.text(let s), .text(let t)):
                let sLower = s.lowercased(), tLower = t.lowercased()
                if sLower != tLower { return sLower < tLower }
            case (.number, .text):
                return true
            case (.text, .number):
                return false
            }
        }
        if left.count != right.count { return left.count < right.count }
        // Equal by value (`frame_01` and `frame_1`, `A` and `a`): fall back to plain order so
        // that the order is total and stable between runs.
        return a < b
    }

    private enum Chunk {
        case number(Substring)
        case text(Substring)
    }

    private static func chunks(_ string: String) -> [Chunk] {
        var result: [Chunk] = []
        var start = string.startIndex
        while start < string.endIndex {
            let isDigit = string[start].isASCIIDigit
            let end = string[start...].firstIndex(where: { $0.isASCIIDigit != isDigit }) ?? string.endIndex
            result.append(isDigit ? .number(string[start..<end]) : .text(string[start..<end]))
            start = end
        }
        return result
    }
}

private extension Character {
    var isASCIIDigit: Bool { isASCII && isWholeNumber }
}
