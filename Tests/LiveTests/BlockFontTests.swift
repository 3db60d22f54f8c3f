import Testing
@testable import Live

@Suite struct BlockFontTests {
    @Test func everyGlyphIsFiveRowsOfOneWidth() {
        for (character, rows) in BlockFont.glyphs {
            #expect(rows.count == BlockFont.height, "\(character)")
            #expect(Set(rows.map(\.count)).count == 1, "\(character) has rows of different widths")
            #expect(rows.allSatisfy { $0.allSatisfy { $0 == "#" || $0 == "." } }, "\(character)")
        }
    }

    @Test func rendersLettersSideBySideWithAGap() {
        let rows = BlockFont.render("HI")
        #expect(rows.count == 5)
        #expect(rows[0] == "█  █ ███")
        #expect(rows[2] == "████  █ ")
        #expect(rows.allSatisfy { $0.count == BlockFont.width(of: "HI") })
    }

    @Test func foldsCaseDashesAndUnknownCharacters() {
        #expect(BlockFont.render("ok") == BlockFont.render("OK"))
        #expect(BlockFont.render("a—b") == BlockFont.render("A-B"))
        #expect(BlockFont.render("é") == BlockFont.render("?"))
    }

    @Test(arguments: [20, 40, 80, 120])
    func wrapsToTheWidthAndEndsCutTextWithDots(columns: Int) {
        let text = "Lift your hips higher until shoulders hips and knees make a straight line"
        let lines = BlockFont.wrap(text, columns: columns, maxLines: 2)
        #expect(!lines.isEmpty && lines.count <= 2)
        #expect(lines.allSatisfy { BlockFont.width(of: $0) <= columns })
        #expect(lines.last?.hasSuffix("...") == true)
        #expect(BlockFont.wrap("Good form", columns: 80, maxLines: 2) == ["Good form"])
    }
}
