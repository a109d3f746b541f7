import Testing
@testable import Judging
@testable import LearnerCode
@testable import Lessons
@testable import Records
@testable import TerminalUI

@Test(arguments: [
    ("0.5", 0.5), ("-1e-3", -0.001), ("1/3", 1.0 / 3), ("tensor(2.3026)", 2.3026), ("[0.25]", 0.25),
    (" 3. ", 3.0), (".5", 0.5), ("tensor(0.1250, grad_fn=<MeanBackward0>)", 0.125), ("−2", -2), ("1e30", 1e30),
])
func numbers(text: String, value: Double) throws {
    let a = try AnswerParser.parseNumberAnswer(text)
    #expect(a.shape == [])
    #expect(abs(a.values[0] - value) <= 1e-12 * max(1, abs(value)))
}

@Test func nonFiniteNumbersParse() throws {
    #expect(try AnswerParser.parseNumberAnswer("nan").values[0].isNaN)
    #expect(try AnswerParser.parseNumberAnswer("-inf").values[0] == -.infinity)
    #expect(try AnswerParser.parseTensor("tensor([inf, nan])").values[0] == .infinity)
}

@Test(arguments: [
    ("[[0, 0, 2], [3, 0, 0.5]]", [2, 3], [0, 0, 2, 3, 0, 0.5]),
    ("tensor([[0., 2.]])", [1, 2], [0, 2]),
    ("array([[0., 2.]], dtype=float32)", [1, 2], [0, 2]),
    ("tensor([[0.0000e+00, 2.0000e+00],\n        [3.0000e+00, 5.0000e-01]])", [2, 2], [0, 2, 3, 0.5]),
    ("[[0. 2.]\n [3. 0.]]", [2, 2], [0, 2, 3, 0]),
    ("[1, 2, 3,]", [3], [1, 2, 3]),
    ("[]", [0], []),
    ("np.array([1/2, 1/4])", [2], [0.5, 0.25]),
])
func tensors(text: String, shape: [Int], values: [Double]) throws {
    let a = try AnswerParser.parseTensor(text)
    #expect(a.shape == shape)
    #expect(a.values == values)
}

@Test func nestingDeeperThan64IsAnErrorAtItsColumn() {
    for (open, close) in [("[", "]"), ("(", ")"), ("tensor(", ")")] {
        let text = String(repeating: open, count: 100_000) + "1" + String(repeating: close, count: 100_000)
        #expect { try AnswerParser.parse(text, kind: .tensor) } throws: { error in
            guard let e = error as? AnswerParseError else { return false }
            return e.message.en.hasPrefix("nested more than 64 levels deep") && e.column == 64 * open.count + 1
        }
    }
}

@Test(arguments: [
    ("(784, 256)", [784, 256]), ("[784, 256]", [784, 256]), ("torch.Size([784, 256])", [784, 256]),
    ("784x256", [784, 256]), ("784 × 256", [784, 256]), ("(10,)", [10]), ("()", []), ("256", [256]),
    ("torch.Size([])", []), ("(256, 1, 28, 28)", [256, 1, 28, 28]), ("784, 256", [784, 256]),
])
func shapes(text: String, shape: [Int]) throws {
    #expect(try AnswerParser.parseShape(text) == shape)
}

@Test func integersAndChoices() throws {
    #expect(try AnswerParser.parseInteger("203530") == 203530)
    #expect(try AnswerParser.parseInteger("203,530") == 203530)
    #expect(try AnswerParser.parseInteger("203_530") == 203530)
    #expect(try AnswerParser.parseInteger("tensor(7)") == 7)
    #expect(throws: AnswerParseError.self) { try AnswerParser.parseInteger("2.5") }
    let choices = ["Slower", "Every unit is the same", "NaN"]
    #expect(try AnswerParser.parseChoice("b", choices: choices) == 1)
    #expect(try AnswerParser.parseChoice(" (C) ", choices: choices) == 2)
    #expect(try AnswerParser.parseChoice("every unit is the same", choices: choices) == 1)
    #expect(throws: AnswerParseError.self) { try AnswerParser.parseChoice("d", choices: choices) }
    let classes = ["T恤（0）", "衬衫（6）"]
    #expect(try AnswerParser.parseChoice("衬衫(6)", choices: classes) == 1)
    #expect(try AnswerParser.parseChoice("衬衫（6）", choices: classes) == 1)
}

/// Malformed answers: the error points at the column of the problem.
@Test(arguments: [
    ("[[1, 2], [3]", 13, "not closed"),
    ("[[1, 2], [3]]", 10, "equal length"),
    ("[1,, 2]", 4, "two commas"),
    ("[1, 2] 3", 8, "after the answer"),
    ("10%", 3, "10% is 0.1"),
    ("tensor([1, 2]", 14, "close"),
    ("[1, abc]", 5, "unknown word"),
    ("[1, 2)", 6, "does not match"),
    ("1e", 2, "exponent"),
    ("", nil, "empty"),
    ("[1, [2]]", 5, "expected a number here"),
] as [(String, Int?, String)])
func malformedAnswersPointAtTheColumn(text: String, column: Int?, words: String) {
    do {
        _ = try AnswerParser.parseTensor(text)
        Issue.record("\(text) parsed")
    } catch let e as AnswerParseError {
        #expect(e.column == column, "\(e)")
        #expect(e.message.en.contains(words), "\(e)")
        #expect(!e.message.zh.isEmpty)
    } catch {
        Issue.record("\(error)")
    }
}

@Test func aBadBareShapePointsAtItsOwnColumn() throws {
    let e = try #require(throws: AnswerParseError.self) { try AnswerParser.parseShape("784, x") }
    #expect(e.column == 6 && e.input == "784, x")
}

@Test func caretLinesMarkTheColumn() throws {
    let e = try #require(throws: AnswerParseError.self) { try AnswerParser.parseTensor("[1,, 2]") }
    #expect(e.caretLines == ["[1,, 2]", "   ^"])
    #expect(e.text(.zh).hasPrefix("第 4 列"))
}

@Test func aLongAnswerIsQuotedAroundItsErrorNotWhole() throws {
    // 100,000 characters with the error near the middle: the caret lines show an excerpt.
    let items = Array(repeating: "1", count: 25_000).joined(separator: ", ")
    let text = "[" + items + ",, " + items + "]"
    let e = try #require(throws: AnswerParseError.self) { try AnswerParser.parseTensor(text) }
    let column = try #require(e.column)
    #expect(column == items.count + 3)
    let lines = e.caretLines
    #expect(lines.count == 2)
    #expect(lines[0].count <= 64 && lines[0].hasPrefix("…") && lines[0].hasSuffix("…"))
    let caret = try #require(lines[1].firstIndex(of: "^"))
    let under = lines[0][lines[0].index(lines[0].startIndex, offsetBy: lines[1].distance(from: lines[1].startIndex, to: caret))]
    #expect(under == ",")
    #expect(lines[0].contains(", ,,") || lines[0].contains("1,, 1"))
    // A short answer is shown whole, as before.
    let short = try #require(throws: AnswerParseError.self) { try AnswerParser.parseTensor("[1,, 2]") }
    #expect(short.caretLines == ["[1,, 2]", "   ^"])
}

@Test func aWordQuotedInAMessageIsBounded() throws {
    let word = try #require(throws: AnswerParseError.self) {
        try AnswerParser.parseTensor(String(repeating: "x", count: 100_000))
    }
    #expect(word.text(.en).count < 200 && word.text(.zh).count < 200)
    #expect(word.text(.en).contains("'xxxxxxxxxx"))
}
