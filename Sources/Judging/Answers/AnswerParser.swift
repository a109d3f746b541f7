/// Parses typed answers: numbers (`0.5`, `-1e-3`, `1/3`), integers (`203530`, `203,530`),
/// tensors as nested lists or as PyTorch/NumPy print them (`tensor([[0., 2.]])`,
/// `array([[0., 2.]], dtype=float32)`, `[[0. 2.]]`), shapes (`(784, 256)`,
/// `torch.Size([784, 256])`, `784x256`), choice letters and reflection text.
public enum AnswerParser {
    /// Parses `text` as an answer to a checkpoint expecting `kind` with `choices`.
    public static func parse(_ text: String, kind: ExpectKind, choices: [String] = []) throws -> AnswerValue {
        switch kind {
        case .number: return .array(try parseNumberAnswer(text))
        case .integer: return .array(NDArray(scalar: Double(try parseInteger(text))))
        case .tensor: return .array(try parseTensor(text))
        case .shape: return .shape(try parseShape(text))
        case .choice: return .choice(try parseChoice(text, choices: choices))
        case .reflection, .code:
            let t = text.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !t.isEmpty else { throw AnswerParseError(.init(en: "the answer is empty", zh: "答案是空的"), column: nil, input: text) }
            return .text(t)
        }
    }

    /// A tensor (or number) in any of the accepted forms.
    public static func parseTensor(_ text: String) throws -> NDArray {
        var s = Scanner(text)
        let value = try s.expression()
        return try value.array(text)
    }

    /// One number: `0.5`, `-1e-3`, `1/3`, `tensor(0.5)`, `[0.5]`.
    public static func parseNumberAnswer(_ text: String) throws -> NDArray {
        let a = try parseTensor(text)
        guard a.count == 1 else {
            throw AnswerParseError(.init(en: "expected one number, got \(a.count) values of shape \(formatShape(a.shape))",
                                         zh: "应当是一个数，但得到了形状为 \(formatShape(a.shape)) 的 \(a.count) 个值"),
                                   column: nil, input: text)
        }
        return NDArray(scalar: a.values[0])
    }

    /// A whole number: `203530`, `203,530`, `203_530`, `tensor(5)`, `5.0`.
    public static func parseInteger(_ text: String) throws -> Int {
        let t = text.trimmingCharacters(in: .whitespacesAndNewlines)
        let grouped = t.replacingOccurrences(of: "_", with: "").replacingOccurrences(of: ",", with: "")
        if t.contains(","), t.range(of: #"^[+-]?\d{1,3}(,\d{3})+$"#, options: .regularExpression) != nil, let n = Int(grouped) {
            return n
        }
        if !t.contains(","), let n = Int(grouped) { return n }
        let a = try parseNumberAnswer(text)
        let x = a.values[0]
        guard x.isFinite, x == x.rounded(), abs(x) < 9e15 else {
            throw AnswerParseError(.init(en: "expected a whole number, got \(formatNumber(x))",
                                         zh: "应当是一个整数，但得到了 \(formatNumber(x))"), column: nil, input: text)
        }
        return Int(x)
    }

    /// A shape: `(784, 256)`, `[784, 256]`, `torch.Size([784, 256])`, `784x256`, `784×256`, `(10,)`, `()`.
    public static func parseShape(_ text: String) throws -> [Int] {
        let t = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if !t.isEmpty, t.allSatisfy({ $0.isNumber || $0 == "x" || $0 == "X" || $0 == "×" || $0 == "*" || $0 == " " }),
           t.contains(where: { $0 == "x" || $0 == "X" || $0 == "×" || $0 == "*" }) || t.allSatisfy(\.isNumber) {
            let parts = t.split(whereSeparator: { $0 == "x" || $0 == "X" || $0 == "×" || $0 == "*" })
                .map { $0.trimmingCharacters(in: .whitespaces) }
            if parts.allSatisfy({ Int($0) != nil }), parts.count == t.filter({ "xX×*".contains($0) }).count + 1 {
                return parts.map { Int($0)! }
            }
        }
        // `784, 256` without brackets: read as `(784, 256)`.
        let bare = !t.contains(where: { "([".contains($0) }) && t.contains(",")
        var s = Scanner(bare ? "(" + t + ")" : text)
        let value: Parsed
        do { value = try s.expression(shape: true) } catch var e as AnswerParseError where bare {
            e.input = text
            e.column = e.column.map { max($0 - 1, 1) }
            throw e
        }
        guard case let .list(items, _) = value.unwrapped else {
            if case let .number(x, col) = value.unwrapped { return [try dimension(x, col, text)] }
            throw AnswerParseError(.init(en: "expected a shape such as (784, 256)", zh: "应当是一个形状，例如 (784, 256)"),
                                   column: 1, input: text)
        }
        return try items.map { item in
            guard case let .number(x, col) = item.unwrapped else {
                throw AnswerParseError(.init(en: "a shape holds whole numbers, like (784, 256)",
                                             zh: "形状由整数组成，例如 (784, 256)"), column: item.column, input: text)
            }
            return try dimension(x, col, text)
        }
    }

    private static func dimension(_ x: Double, _ column: Int, _ text: String) throws -> Int {
        guard x >= 0, x == x.rounded(), x < 1e12 else {
            throw AnswerParseError(.init(en: "a dimension must be a whole number ≥ 0, got \(formatNumber(x))",
                                         zh: "维度必须是不小于 0 的整数，但得到了 \(formatNumber(x))"), column: column, input: text)
        }
        return Int(x)
    }

    /// A choice: its letter (`b`, `B`, `(b)`, `b)`, `b.`) or its full text.
    public static func parseChoice(_ text: String, choices: [String]) throws -> Int {
        let t = text.trimmingCharacters(in: .whitespacesAndNewlines)
        let letters = t.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "()．.、) "))
        if letters.count == 1, let c = letters.unicodeScalars.first, c.value >= 97, c.value < 97 + 26 {
            let index = Int(c.value) - 97
            if index < choices.count { return index }
            let last = CheckpointSpec.letter(max(choices.count - 1, 0))
            throw AnswerParseError(.init(en: "there is no choice \(letters); answer with a letter from a to \(last)",
                                         zh: "没有选项 \(letters)；请用 a 到 \(last) 之间的字母作答"), column: 1, input: text)
        }
        // Both sides as the parser reads typed text: `衬衫(6)` from an input method is the choice `衬衫（6）`.
        let folded = FullWidthInput.normalized(t).lowercased()
        if let i = choices.firstIndex(where: { FullWidthInput.normalized($0.trimmingCharacters(in: .whitespaces)).lowercased() == folded }) { return i }
        let last = CheckpointSpec.letter(max(choices.count - 1, 0))
        throw AnswerParseError(.init(en: "answer with the letter of a choice (a to \(last))",
                                     zh: "请用选项的字母作答（a 到 \(last)）"), column: nil, input: text)
    }
}

import Foundation
import Lessons

/// A parsed value before it becomes an array: numbers and lists with their columns.
private indirect enum Parsed {
    case number(Double, column: Int)
    case list([Parsed], column: Int)
    /// `tensor(…)`, `array(…)`, `torch.Size(…)`: the wrapped value.
    case wrapped(Parsed, column: Int)

    var column: Int {
        switch self {
        case let .number(_, c), let .list(_, c), let .wrapped(_, c): return c
        }
    }

    var unwrapped: Parsed {
        if case let .wrapped(inner, _) = self { return inner.unwrapped }
        return self
    }

    /// Checks that nested lists are rectangular and flattens them.
    func array(_ input: String) throws -> NDArray {
        let v = unwrapped
        guard case .list = v else {
            if case let .number(x, _) = v { return NDArray(scalar: x) }
            return NDArray(scalar: 0)
        }
        var values: [Double] = []
        let shape = try v.shape(input)
        try v.flatten(into: &values, shape: shape[...], input: input)
        return NDArray(shape: shape, values: values)
    }

    private func shape(_ input: String) throws -> [Int] {
        switch unwrapped {
        case .number: return []
        case let .list(items, _):
            guard let first = items.first else { return [0] }
            return [items.count] + (try first.shape(input))
        case .wrapped: return []
        }
    }

    private func flatten(into values: inout [Double], shape: ArraySlice<Int>, input: String) throws {
        switch unwrapped {
        case let .number(x, c):
            guard shape.isEmpty else { throw ragged(c, expected: shape, input) }
            values.append(x)
        case let .list(items, c):
            guard let n = shape.first else {
                throw AnswerParseError(.init(en: "expected a number here, found a list (rows of different depth)",
                                             zh: "这里应当是一个数，却是一个列表（各行的嵌套深度不同）"), column: c, input: input)
            }
            guard items.count == n else { throw ragged(c, expected: shape, input, got: items.count) }
            for item in items { try item.flatten(into: &values, shape: shape.dropFirst(), input: input) }
        case .wrapped: break
        }
    }

    private func ragged(_ column: Int, expected: ArraySlice<Int>, _ input: String, got: Int? = nil) -> AnswerParseError {
        if let got, let n = expected.first {
            return AnswerParseError(.init(en: "this list has \(got) elements but the one before it has \(n): rows must have equal length",
                                          zh: "这个列表有 \(got) 个元素，而前一个有 \(n) 个：每行长度必须相同"),
                                    column: column, input: input)
        }
        return AnswerParseError(.init(en: "expected a list here (rows of different depth)",
                                      zh: "这里应当是一个列表（各行的嵌套深度不同）"), column: column, input: input)
    }
}

/// A small recursive-descent scanner over the answer's characters (columns are 1-based characters).
/// It recurses once per level of nesting, so the nesting is bounded: `maxDepth` levels, then an error.
private struct Scanner {
    let chars: [Character]
    let input: String
    var i = 0
    var depth = 0
    static let maxDepth = 64

    init(_ text: String) {
        input = text
        chars = Array(text)
    }

    var column: Int { i + 1 }

    func fail(_ en: String, _ zh: String, at col: Int? = nil) -> AnswerParseError {
        AnswerParseError(.init(en: en, zh: zh), column: col ?? column, input: input)
    }

    mutating func skipSpace() { while i < chars.count, chars[i].isWhitespace { i += 1 } }

    /// The whole answer: one value and nothing after it.
    mutating func expression(shape: Bool = false) throws -> Parsed {
        skipSpace()
        guard i < chars.count else { throw AnswerParseError(.init(en: "the answer is empty", zh: "答案是空的"), column: nil, input: input) }
        let v = try value(shape: shape)
        skipSpace()
        if i < chars.count, chars[i] == "%" {
            throw fail("a percentage is not an answer here: type the number itself, as a fraction (10% is 0.1), or the points alone if the question asks for percentage points",
                       "这里不能用百分号：请直接输入数，写成小数（10% 就是 0.1）；题目问的是百分点时只写数字")
        }
        if i < chars.count { throw fail("unexpected '\(chars[i])' after the answer", "答案后面多了 '\(chars[i])'") }
        return v
    }

    mutating func value(shape: Bool) throws -> Parsed {
        skipSpace()
        guard i < chars.count else { throw fail("the answer ends too early: a value is missing", "答案提前结束：缺少一个值") }
        depth += 1
        defer { depth -= 1 }
        guard depth <= Self.maxDepth else {
            throw fail("nested more than \(Self.maxDepth) levels deep; a tensor answer has a few levels",
                       "嵌套超过 \(Self.maxDepth) 层；张量答案只有几层")
        }
        let c = chars[i]
        if c == "[" || (c == "(" && shape) { return try list(close: c == "[" ? "]" : ")", shape: shape) }
        if c == "(" { // a parenthesised value, e.g. (1/3)
            let col = column
            i += 1
            let v = try value(shape: shape)
            skipSpace()
            guard i < chars.count, chars[i] == ")" else { throw fail("expected ')'", "缺少 ')'") }
            i += 1
            return .wrapped(v, column: col)
        }
        if c.isLetter && c != "e" || c == "_" {
            let start = i, col = column
            while i < chars.count, chars[i].isLetter || chars[i].isNumber || chars[i] == "_" || chars[i] == "." { i += 1 }
            let name = String(chars[start..<i]).lowercased()
            if ["inf", "nan", "infinity"].contains(name) {
                i = start
                return try fraction()
            }
            let wrappers = ["tensor", "torch.tensor", "array", "np.array", "numpy.array", "torch.size", "size"]
            guard wrappers.contains(name) else {
                let word = AnswerParseError.quoted(String(chars[start..<i]))
                throw fail("unknown word '\(word)'; write numbers, lists [..], tensor(..) or array(..)",
                           "无法识别的词 '\(word)'；请写数字、列表 [..]、tensor(..) 或 array(..)", at: col)
            }
            skipSpace()
            guard i < chars.count, chars[i] == "(" else { throw fail("expected '(' after \(name)", "\(name) 后面应当是 '('") }
            i += 1
            let inner = try value(shape: shape || name.hasSuffix("size"))
            try skipKeywordArguments()
            return .wrapped(inner, column: col)
        }
        return try fraction()
    }

    /// After a wrapper's value: `, dtype=float32, grad_fn=<…>)`; consumes the closing ')'.
    mutating func skipKeywordArguments() throws {
        skipSpace()
        var depth = 0
        guard i < chars.count else { throw fail("expected ')' to close the tensor(...)", "缺少闭合 tensor(...) 的 ')'") }
        if chars[i] == ")" { i += 1; return }
        guard chars[i] == "," else { throw fail("expected ',' or ')'", "这里应当是 ',' 或 ')'") }
        while i < chars.count {
            let c = chars[i]
            if c == "(" || c == "[" || c == "<" { depth += 1 }
            if c == ")" || c == "]" || c == ">" {
                if depth == 0 && c == ")" { i += 1; return }
                depth -= 1
            }
            i += 1
        }
        throw fail("expected ')' to close the tensor(...)", "缺少闭合 tensor(...) 的 ')'")
    }

    mutating func list(close: Character, shape: Bool) throws -> Parsed {
        let col = column
        i += 1
        var items: [Parsed] = []
        var trailingComma = false
        while true {
            skipSpace()
            guard i < chars.count else {
                throw fail("the list opened at column \(col) is not closed: add '\(close)'",
                           "第 \(col) 列开始的列表没有闭合：请补上 '\(close)'")
            }
            if chars[i] == close {
                i += 1
                if shape, close == ")", items.count == 1, !trailingComma { return .wrapped(items[0], column: col) }
                return .list(items, column: col)
            }
            if chars[i] == "," {
                throw fail(items.isEmpty ? "a value is missing before ','" : "two commas in a row: a value is missing",
                           items.isEmpty ? "',' 前面缺少一个值" : "连续两个逗号：中间缺少一个值")
            }
            if chars[i] == "]" || chars[i] == ")" {
                throw fail("'\(chars[i])' does not match the '\(close == "]" ? "[" : "(")' at column \(col)",
                           "'\(chars[i])' 与第 \(col) 列的 '\(close == "]" ? "[" : "(")' 不匹配")
            }
            items.append(try value(shape: shape))
            trailingComma = false
            skipSpace()
            if i < chars.count, chars[i] == "," { i += 1; trailingComma = true }
            // NumPy prints without commas ([[0. 2.] [3. 0.]]): whitespace separates too.
        }
    }

    /// A number, optionally `a/b`.
    mutating func fraction() throws -> Parsed {
        let col = column
        let a = try number()
        skipSpace()
        if i < chars.count, chars[i] == "/" {
            i += 1
            skipSpace()
            let b = try number()
            guard b != 0 else { throw fail("division by zero", "除数为零", at: col) }
            return .number(a / b, column: col)
        }
        return .number(a, column: col)
    }

    mutating func number() throws -> Double {
        let start = i
        if i < chars.count, chars[i] == "-" || chars[i] == "+" || chars[i] == "−" { i += 1 }
        let signEnd = i
        let rest = String(chars[i...].prefix(8)).lowercased()
        for word in ["infinity", "inf", "nan"] where rest.hasPrefix(word) {
            i += word.count
            let negative = start < signEnd && chars[start] != "+"
            return word == "nan" ? .nan : (negative ? -.infinity : .infinity)
        }
        var digits = 0
        while i < chars.count, chars[i].isASCII, chars[i].isNumber { i += 1; digits += 1 }
        if i < chars.count, chars[i] == "." {
            i += 1
            while i < chars.count, chars[i].isASCII, chars[i].isNumber { i += 1; digits += 1 }
        }
        guard digits > 0 else {
            i = start
            let found = i < chars.count ? "'\(chars[i])'" : "the end"
            let foundZh = i < chars.count ? "'\(chars[i])'" : "结尾"
            throw fail("expected a number, found \(found)", "这里应当是一个数，却是 \(foundZh)")
        }
        if i < chars.count, chars[i] == "e" || chars[i] == "E" {
            let save = i
            i += 1
            if i < chars.count, chars[i] == "-" || chars[i] == "+" { i += 1 }
            var expDigits = 0
            while i < chars.count, chars[i].isASCII, chars[i].isNumber { i += 1; expDigits += 1 }
            if expDigits == 0 { i = save; throw fail("the exponent after 'e' has no digits", "'e' 后面的指数缺少数字") }
        }
        var lexeme = String(chars[start..<i]).replacingOccurrences(of: "−", with: "-")
        if lexeme.hasSuffix(".") { lexeme += "0" }
        lexeme = lexeme.replacingOccurrences(of: ".e", with: ".0e").replacingOccurrences(of: ".E", with: ".0E")
        if lexeme.hasPrefix(".") || lexeme.hasPrefix("-.") || lexeme.hasPrefix("+.") {
            lexeme = lexeme.replacingOccurrences(of: ".", with: "0.")
        }
        guard let x = Double(lexeme) else {
            let quoted = AnswerParseError.quoted(lexeme)
            throw fail("'\(quoted)' is not a number", "'\(quoted)' 不是一个数", at: start + 1)
        }
        return x
    }
}
