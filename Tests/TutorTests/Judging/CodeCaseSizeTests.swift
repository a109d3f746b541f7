import D2L
import Testing
@testable import Judging
@testable import Lessons

/// Sizes in a code checkpoint's cases that no tensor can have: each case is an error at its own
/// line with what to write instead, and the cases around it still give the learner's inputs.
@Test func codeCasesWithImpossibleSizesAreErrorsAtTheirLines() throws {
    let yaml = """
    expect: code
    function: relu
    cases:
      - X: [[1, -2]]
      - X: {images: 100000000000000000000}
      - X: {randn: [99999999, 99999999, 99999999], seed: 1}
      - X: {randn: [4611686018427387904, 4], seed: 1}
    prompt: p
    """
    let cp = try #require(spec(yaml))
    let code = try #require(cp.code)
    #expect(code.cases.count == 4)
    let first = try sharedJudge.runnerInputs(cp, code, case: 0)
    #expect(first.map(\.0) == ["X"])
    #expect(first.first?.1 == .tensor(Tensor(shape: [1, 2], scalars: [1, -2])))
    let expected: [(index: Int, line: Int, message: String)] = [
        (1, 8, "case 2: argument `X`: `images:` takes how many, like {images: 8}"),
        (2, 9, "case 3: argument `X`: the shape [99999999, 99999999, 99999999] is too large"),
        (3, 10, "case 4: argument `X`: `randn:` takes a shape of whole numbers like [4, 5]"),
    ]
    for (index, line, message) in expected {
        #expect { try sharedJudge.runnerInputs(cp, code, case: index) } throws: { error in
            guard let e = error as? LessonError else { return false }
            return e.location.file == "t.md" && e.location.line == line && e.message.contains(message)
        }
    }
}
