/// A small lexer that colours Swift and Python code: keywords, strings, comments, numbers and
/// (Swift) type names. It never changes the text, only its styles, so code stays copy-pasteable.
struct SyntaxHighlighter {
    enum Language { case swift, python }

    let language: Language
    let theme: Theme

    /// The language named by a fence info string's first word, if we highlight it.
    static func language(forInfo word: String) -> Language? {
        switch word.lowercased() {
        case "swift": return .swift
        case "python", "py", "python3", "py3", "pycon", "ipython": return .python
        default: return nil
        }
    }

    /// State carried from one line to the next (block comments, multi-line strings).
    private enum Carry: Equatable {
        case none
        case blockComment(depth: Int)
        case string(delimiter: String)
    }

    /// Styles each line; the result has exactly as many characters per line as the input.
    func highlight(_ lines: [String]) -> [[Cell]] {
        var carry = Carry.none
        return lines.map { highlightLine(Array($0), carry: &carry) }
    }

    private var keywords: Set<String> {
        language == .swift ? swiftKeywords : pythonKeywords
    }

    private func highlightLine(_ chars: [Character], carry: inout Carry) -> [Cell] {
        var out: [Cell] = []
        out.reserveCapacity(chars.count)
        var i = 0
        func emit(_ range: Range<Int>, _ style: TextStyle) {
            for k in range { out.append(Cell(character: chars[k], width: characterWidth(chars[k]), style: style)) }
        }
        func matches(_ s: String, at k: Int) -> Bool {
            var k = k
            for c in s {
                guard k < chars.count, chars[k] == c else { return false }
                k += 1
            }
            return true
        }
        // Continue what the previous line left open.
        switch carry {
        case .none: break
        case .blockComment(var depth):
            let start = i
            while i < chars.count && depth > 0 {
                if matches("*/", at: i) { depth -= 1; i += 2 } else if matches("/*", at: i) { depth += 1; i += 2 } else { i += 1 }
            }
            emit(start..<i, theme.comment)
            carry = depth > 0 ? .blockComment(depth: depth) : .none
        case .string(let delimiter):
            if let end = endOfString(chars, from: 0, delimiter: delimiter) {
                i = end
                carry = .none
            } else {
                i = chars.count
            }
            emit(0..<i, theme.string)
        }
        while i < chars.count {
            let c = chars[i]
            let start = i
            // Comments.
            if language == .swift && matches("//", at: i) || language == .python && c == "#" {
                emit(i..<chars.count, theme.comment)
                return out
            }
            if language == .swift && matches("/*", at: i) {
                var depth = 1
                i += 2
                while i < chars.count && depth > 0 {
                    if matches("*/", at: i) { depth -= 1; i += 2 } else if matches("/*", at: i) { depth += 1; i += 2 } else { i += 1 }
                }
                emit(start..<i, theme.comment)
                if depth > 0 { carry = .blockComment(depth: depth) }
                continue
            }
            // Strings (with Python prefixes like r, b, f, rb; Swift raw strings #"…"#).
            if let (delimiter, bodyStart) = stringOpening(chars, at: i) {
                if let end = endOfString(chars, from: bodyStart, delimiter: delimiter) {
                    i = end
                } else {
                    i = chars.count
                    // Only triple-quoted strings continue on the next line.
                    if delimiter.hasPrefix("\"\"\"") || delimiter.hasPrefix("'''") {
                        carry = .string(delimiter: delimiter)
                    }
                }
                emit(start..<i, theme.string)
                continue
            }
            // Swift's closure arguments ($0) are names, not numbers.
            if language == .swift && c == "$" {
                i += 1
                while i < chars.count, chars[i].isNumber || chars[i].isLetter || chars[i] == "_" { i += 1 }
                emit(start..<i, .plain)
                continue
            }
            // Numbers (not the digits inside an identifier).
            if c.isNumber && c.isASCII {
                i += 1
                while i < chars.count, chars[i].isASCII,
                      chars[i].isLetter || chars[i].isNumber || chars[i] == "_" || chars[i] == "." && i + 1 < chars.count && chars[i + 1].isNumber
                      || (chars[i] == "+" || chars[i] == "-") && (chars[i - 1] == "e" || chars[i - 1] == "E") && !isHex(chars, start) {
                    i += 1
                }
                emit(start..<i, theme.number)
                continue
            }
            // Identifiers and keywords.
            if c.isLetter || c == "_" || (language == .swift && (c == "@" || c == "#") && i + 1 < chars.count && chars[i + 1].isLetter) {
                i += 1
                while i < chars.count, chars[i].isLetter || chars[i].isNumber || chars[i] == "_" { i += 1 }
                let word = String(chars[start..<i])
                if keywords.contains(word) || c == "@" || c == "#" {
                    emit(start..<i, theme.keyword)
                } else if language == .swift, c.isUppercase {
                    emit(start..<i, theme.typeName)
                } else {
                    emit(start..<i, .plain)
                }
                continue
            }
            emit(i..<i + 1, .plain)
            i += 1
        }
        return out
    }

    private func isHex(_ chars: [Character], _ start: Int) -> Bool {
        start + 1 < chars.count && chars[start] == "0" && (chars[start + 1] == "x" || chars[start + 1] == "X")
    }

    /// If a string literal starts at `i`: its closing delimiter and where its body begins.
    private func stringOpening(_ chars: [Character], at i: Int) -> (String, Int)? {
        var k = i
        var prefix = ""
        if language == .python {
            // String prefixes: r, b, f, u, rb, br, fr, rf (any case), directly before a quote.
            while k < chars.count, k - i < 2, "rbfuRBFU".contains(chars[k]) { prefix.append(chars[k]); k += 1 }
            if k == chars.count || (chars[k] != "\"" && chars[k] != "'") { k = i; prefix = "" }
            if !prefix.isEmpty, i > 0, chars[i - 1].isLetter || chars[i - 1].isNumber || chars[i - 1] == "_" { return nil }
        } else {
            while k < chars.count, chars[k] == "#" { prefix.append("#"); k += 1 }
            if k == chars.count || chars[k] != "\"" { return nil }
        }
        guard k < chars.count else { return nil }
        let quote = chars[k]
        guard quote == "\"" || (quote == "'" && language == .python) else { return nil }
        let hashes = language == .swift ? prefix : ""
        if k + 2 < chars.count, chars[k + 1] == quote, chars[k + 2] == quote {
            return (String(repeating: quote, count: 3) + hashes, k + 3)
        }
        return (String(quote) + hashes, k + 1)
    }

    /// The index just past the closing delimiter, or nil when the line ends first.
    private func endOfString(_ chars: [Character], from start: Int, delimiter: String) -> Int? {
        let closing = Array(delimiter)
        var k = start
        while k < chars.count {
            if chars[k] == "\\" { k += 2; continue }
            if k + closing.count <= chars.count, Array(chars[k..<k + closing.count]) == closing {
                return k + closing.count
            }
            k += 1
        }
        return nil
    }
}

private let swiftKeywords: Set<String> = [
    "actor", "any", "as", "associatedtype", "async", "await", "break", "case", "catch", "class",
    "continue", "convenience", "default", "defer", "deinit", "didSet", "do", "else", "enum",
    "extension", "fallthrough", "false", "fileprivate", "final", "for", "func", "get", "guard", "if",
    "import", "in", "indirect", "init", "inout", "internal", "is", "lazy", "let", "mutating", "nil",
    "nonisolated", "open", "operator", "override", "private", "protocol", "public", "repeat",
    "required", "rethrows", "return", "self", "Self", "set", "some", "static", "struct", "subscript",
    "super", "switch", "throw", "throws", "true", "try", "typealias", "unowned", "var", "weak",
    "where", "while", "willSet",
]

private let pythonKeywords: Set<String> = [
    "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue",
    "def", "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in",
    "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while", "with",
    "yield", "match", "case", "self",
]
