import Testing
@testable import Judging
@testable import LearnerCode
@testable import Lessons
@testable import Records
@testable import TerminalUI

/// A lesson file's text with one checkpoint whose fence is on line 3.
private func lesson(_ yaml: String) -> String {
    "# Title\n\n```checkpoint cp-1\n" + yaml + (yaml.hasSuffix("\n") ? "" : "\n") + "```\n\nAfter.\n"
}

private func parse(_ yaml: String) -> Lesson {
    LessonParser.parse(markdown: lesson(yaml), file: "en/01-x.md", language: "en")
}

@Test func parsesAFullTensorSpec() throws {
    let l = parse("""
    call: relu
    args:
      X: [[-1.5, 0.0, 2.0], [3.0, -0.25, 0.5]]
    expect: tensor
    tolerance: 1e-6
    prompt: Apply relu.
    hints:
      - one
      - two
    explain: because
    points: 2
    mistakes:
      - call: relu_identity
        message: kept negatives
    """)
    #expect(l.errors.isEmpty)
    let spec = try #require(l.checkpoints.first)
    #expect(spec.id == "cp-1")
    #expect(spec.location.line == 3)
    #expect(spec.expect == .tensor)
    #expect(spec.call == "relu")
    #expect(spec.tolerance == Tolerance(atol: 1e-6, rtol: 1e-6))
    #expect(spec.hints == ["one", "two"])
    #expect(spec.points == 2)
    #expect(spec.explain == "because")
    #expect(spec.keyLines["tolerance"] == 8)   // the body starts on line 4
    #expect(spec.args.first?.line == 6)
    #expect(spec.arg("X") == .list([.list([.number(-1.5), .number(0), .number(2)]), .list([.number(3), .number(-0.25), .number(0.5)])]))
    #expect(spec.mistakes == [Mistake(call: "relu_identity", message: "kept negatives", line: 16)])
    #expect(l.title == "Title")
    #expect(l.id == "01-x")
}

@Test func proseAroundCheckpointsKeepsItsLines() {
    let l = parse("call: relu\nargs: {X: [1]}\nexpect: tensor\nprompt: p\n")
    #expect(l.blocks.count == 3)
    if case let .prose(text, line) = l.blocks[0] { #expect(text == "# Title\n") ; #expect(line == 1) } else { Issue.record("no prose") }
    if case let .prose(text, line) = l.blocks[2] { #expect(text.contains("After.")); #expect(line == 9) } else { Issue.record("no prose") }
}

@Test func parsesAtolRtolChoiceAndReflection() throws {
    let a = try #require(parse("call: train\nargs: {epochs: 1}\noutput: test_acc[-1]\nexpect: number\natol: 0.03\nprompt: p\n").checkpoints.first)
    #expect(a.tolerance == Tolerance(atol: 0.03, rtol: 0))
    #expect(a.output == OutputSelector(field: "test_acc", epoch: .number(-1)))
    let c = try #require(parse("expect: choice\nchoices: [x, y, z]\nanswer: c\nprompt: p\nmistakes:\n  - {answer: a, message: no}\n").checkpoints.first)
    #expect(c.answer == 2)
    #expect(c.mistakes.first?.answer == 0)
    let r = try #require(parse("expect: reflection\nprompt: why?\nmodel_answer: because\n").checkpoints.first)
    #expect(r.modelAnswer == "because")
}

/// Each bad spec and the line (in the file) and words its error must carry.
@Test(arguments: [
    ("call: relu\nexpect: tensor\nprompt: p\ntolerence: 1e-3\n", 7, "did you mean 'tolerance'"),
    ("call: relu\nexpect: tensr\nprompt: p\n", 5, "unknown expect kind"),
    ("call: relu\nexpect: tensor\n", 3, "no `prompt:`"),
    ("expect: number\nprompt: p\n", 4, "needs a `call:`"),
    ("call: relu\nexpect: tensor\nprompt: p\ntolerance: 1e-3\natol: 1\n", 7, "either `tolerance:`"),
    ("call: relu\nexpect: tensor\nprompt: p\ntolerance: -1\n", 7, "non-negative"),
    ("expect: choice\nchoices: [a, b]\nanswer: d\nprompt: p\n", 6, "letter of a choice"),
    ("expect: reflection\nprompt: p\n", 4, "model_answer"),
    ("call: relu\nexpect: tensor\nprompt: p\nmistakes:\n  - call: relu_abs\n", 8, "no `message:`"),
    ("call: relu\nexpect: tensor\nprompt: [unclosed\n", 6, "YAML"),
    ("call: relu\nexpect: tensor\nprompt: 中a\u{7}b\n", 6, "control characters are not allowed (column 11)"),
    ("call: relu\nexpect: tensor\nprompt: p\nargs:\n  a: &a [" + Array(repeating: "1", count: 400).joined(separator: ", ")
        + "]\n  b: &b [" + Array(repeating: "*a", count: 400).joined(separator: ", ") + "]\n",
     3, "holds more than 100000 YAML values (anchors and aliases count at every use)"),
    ("call: relu\nexpect: tensor\nprompt: p\nargs:\n  X: " + String(repeating: "[", count: 20_000) + String(repeating: "]", count: 20_000) + "\n",
     3, "nested more than 64 levels deep"),
    ("call: relu\nexpect: tensor\nprompt: p\nhints:\n  " + String(repeating: "- ? ", count: 10_000) + "x\n",
     3, "nested more than 64 levels deep"),
    ("call: relu\nexpect: integer\nprompt: p\ntolerance: 0.1\n", 7, "compared exactly"),
    ("call: train\nexpect: number\noutput: test_acc[x]\nprompt: p\n", 6, "field selector"),
    ("call: relu\nexpect: tensor\nprompt: p\nhints:\n  - one\n  - ask this: is it negative?\n", 9, "because of the ': '"),
])
func badSpecsAreReportedAtTheirLine(yaml: String, line: Int, words: String) throws {
    let l = parse(yaml)
    #expect(l.checkpoints.isEmpty)
    let e = try #require(l.errors.first)
    #expect(e.location.line == line, "\(e)")
    #expect(e.message.contains(words), "\(e)")
    #expect(e.description.hasPrefix("en/01-x.md:\(line): "))
}

@Test func checkpointInfoStringsAreChecked() {
    let noID = LessonParser.parse(markdown: "# T\n\n```checkpoint\nexpect: tensor\n```\n", file: "f.md", language: "en")
    #expect(noID.errors.first?.message.contains("needs an id") == true)
    let badID = LessonParser.parse(markdown: "# T\n```checkpoint Relu_1\n```\n", file: "f.md", language: "en")
    #expect(badID.errors.first?.location.line == 2)
    #expect(badID.errors.first?.message.contains("lowercase") == true)
    let other = LessonParser.parse(markdown: "# T\n```swift\nlet x = 1\n```\n", file: "f.md", language: "en")
    #expect(other.errors.isEmpty && other.checkpoints.isEmpty)
}

@Test func outputSelectorForms() {
    #expect(OutputSelector(parsing: "test_acc") == OutputSelector(field: "test_acc"))
    #expect(OutputSelector(parsing: "train_loss[:]") == OutputSelector(field: "train_loss", epoch: .all))
    #expect(OutputSelector(parsing: "test_acc[3]") == OutputSelector(field: "test_acc", epoch: .number(3)))
    #expect(OutputSelector(parsing: "test_acc[0]") == nil)
    #expect(OutputSelector(parsing: "3acc") == nil)
}
