import Testing
import Lessons
@testable import LearnerCode

@Suite struct FreshCasesTests {
    let cases: [[ArgEntry]] = [
        [ArgEntry(name: "X", value: .list([.list([.number(-1), .number(2)])]))],
        [ArgEntry(name: "X", value: .map([ArgEntry(name: "randn", value: .list([.number(16), .number(32)])),
                                          ArgEntry(name: "seed", value: .number(1))]))],
        [ArgEntry(name: "y", value: .map([ArgEntry(name: "randint", value: .list([.number(8)])),
                                          ArgEntry(name: "high", value: .number(10))])),
         ArgEntry(name: "seed", value: .number(0))],
    ]

    func seed(of value: ArgValue) -> ArgValue? { value["seed"] }

    @Test func randomInputsAndSeedsAreDrawnFromTheChecksSeed() {
        let a = FreshCases.drawn(cases, seed: 12345)
        #expect(a[0] == cases[0])
        #expect(a[1][0].value["randn"] == cases[1][0].value["randn"])
        #expect(seed(of: a[1][0].value) != .number(1))
        #expect(seed(of: a[2][0].value) != nil)
        #expect(a[2][0].value["high"] == .number(10))
        #expect(a[2][1].value != .number(0))
        #expect(FreshCases.drawn(cases, seed: 12345) == a)
        #expect(FreshCases.drawn(cases, seed: 12346) != a)
    }

    @Test func derivedSeedsAreExactLessonNumbers() {
        for s in [UInt64(1), 99, 1 << 30, UInt64.max] {
            let d = FreshCases.derive(s, 3, 2)
            #expect(d < 1 << 31)
            #expect(UInt64(Double(d)) == d)
        }
    }
}
