import Testing
@testable import Judging
@testable import LearnerCode
@testable import Lessons
@testable import Records
@testable import TerminalUI

@Test func toleranceIsRelativeAndAbsolute() {
    let t = Tolerance.symmetric(1e-3)
    #expect(t.accepts(1.0005e30, 1e30))          // relative part carries large numbers
    #expect(!t.accepts(1.01e30, 1e30))
    #expect(t.accepts(0.1255, 0.125))            // absolute + relative for small ones
    #expect(!t.accepts(0.127, 0.125))
    #expect(t.accepts(0.0009, 0))                // absolute part near zero
    #expect(!t.accepts(.nan, .nan))
    #expect(t.accepts(.nan, .nan, nanEqual: true))
    #expect(t.accepts(.infinity, .infinity) && !t.accepts(.infinity, -.infinity))
    #expect(!t.accepts(1e30, 0.125) && !t.accepts(0.125, 1e30))
}

@Test func shapeMismatchIsReported() {
    let c = Comparison.compare(given: NDArray(shape: [3, 2], values: [0, 0, 0, 0, 0, 0]),
                               reference: NDArray(shape: [2, 3], values: [0, 0, 0, 0, 0, 0]), tolerance: .default)
    #expect(c.outcome == .shapeMismatch(expected: [2, 3], given: [3, 2]))
    #expect(Messages.describe(c, kind: .tensor).en == "expected shape (2, 3), got (3, 2)")
}

@Test func firstElementOutsideToleranceHasItsIndex() {
    let c = Comparison.compare(given: NDArray(shape: [2, 3], values: [0, 0, 2, 3, 0.25, 0.4]),
                               reference: NDArray(shape: [2, 3], values: [0, 0, 2, 3, 0, 0.5]), tolerance: .symmetric(1e-6))
    #expect(c.outcome == .outsideTolerance(.init(index: [1, 1], expected: 0, given: 0.25)))
    #expect(c.mismatchCount == 2)
    #expect(c.maxAbsError == 0.25)
    #expect(Messages.describe(c, kind: .tensor).en == "element [1, 1]: expected 0, got 0.25 (tolerance 1e-06)")
}

@Test func nanGivenIsNamed() {
    let c = Comparison.compare(given: NDArray(shape: [2], values: [1, .nan]), reference: NDArray(shape: [2], values: [1, 2]),
                               tolerance: .default)
    guard case let .nonFinite(e) = c.outcome else { Issue.record("\(c.outcome)"); return }
    #expect(e.index == [1] && e.expected == 2 && e.given.isNaN)
    #expect(Messages.describe(c, kind: .tensor).en.contains("NaN at [1]"))
}

@Test func oneElementArraysCompareAsNumbers() {
    let c = Comparison.compare(given: NDArray(shape: [1], values: [0.5]), reference: NDArray(scalar: 0.5), tolerance: .exact)
    #expect(c.isClose)
}
