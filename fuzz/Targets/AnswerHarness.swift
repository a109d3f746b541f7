import Judging
import Lessons

/// Byte 0 picks the kind of answer expected (number, integer, tensor, shape, choice of four,
/// reflection, code); the rest is the typed answer. A malformed answer must be an
/// `AnswerParseError` with a message and, when it has one, a column of at least 1.
func fuzzAnswer(_ input: [UInt8]) -> FuzzOutcome {
    guard let first = input.first else { return .accepted }
    let kind = ExpectKind.allCases[Int(first) % ExpectKind.allCases.count]
    let text = String(decoding: input.dropFirst(), as: UTF8.self)
    do {
        _ = try AnswerParser.parse(text, kind: kind, choices: ["a", "b", "c", "d"])
        return .accepted
    } catch let error as AnswerParseError {
        if let column = error.column, column < 1 { return .broken("column \(column) in \(error)") }
        return error.message.en.isEmpty ? .broken("an answer error without a message") : .rejected(message: error.message.en)
    } catch {
        return .broken("unexpected error \(type(of: error)): \(error)")
    }
}
