@testable import Reports
import Testing

@Suite struct PlainTextTests {
    @Test func typographyBecomesASCII() {
        #expect(PlainText.ascii("Lift — now… “up” ’til 90° × 2") == "Lift - now... \"up\" 'til 90° x 2")
        #expect(PlainText.ascii("naïve") == "na?ve")
    }
}
