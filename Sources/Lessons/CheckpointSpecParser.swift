import Foundation
import Yams

/// Turns the YAML body of a checkpoint block into a `CheckpointSpec`, with errors at the line
/// of the offending key inside the lesson file.
public enum CheckpointSpecParser {
    /// Every top-level key an author may write.
    public static let knownKeys = [
        "call", "args", "output", "expect", "tolerance", "atol", "rtol", "prompt", "hints",
        "explain", "choices", "answer", "points", "mistakes", "model_answer", "feedback",
        // expect: code
        "function", "cases", "time_limit",
    ]
    static let mistakeKeys = ["call", "args", "output", "answer", "message"]
    /// Values one checkpoint's YAML may hold (literal tensors included), and its nesting.
    static let maxValues = 100_000
    static let maxDepth = 64

    /// Parses `yaml`, the body of the block whose fence is on line `fenceLine` of `file`.
    /// `feedback` is the course's policy, used when the checkpoint names none.
    public static func parse(id: String, yaml: String, file: String, fenceLine: Int,
                             feedback: FeedbackPolicy = .default) throws -> CheckpointSpec {
        var p = Parsing(file: file, fenceLine: fenceLine)
        var spec = try p.spec(id: id, yaml: yaml)
        if spec.keyLines["feedback"] == nil { spec.feedback = feedback }
        return spec
    }
}

private struct Parsing {
    let file: String
    let fenceLine: Int

    init(file: String, fenceLine: Int) {
        self.file = file
        self.fenceLine = fenceLine
    }

    /// The file line of a YAML mark (the body starts on the line after the fence).
    func line(_ node: Node) -> Int { fenceLine + (node.mark?.line ?? 0) }
    func error(_ line: Int, _ message: String) -> LessonError {
        LessonError(SourceLocation(file: file, line: line), message)
    }

    mutating func spec(id: String, yaml: String) throws -> CheckpointSpec {
        guard YAMLBounds.depthBound(yaml) <= CheckpointSpecParser.maxDepth * 2 else {
            throw error(fenceLine, "checkpoint '\(id)' is nested more than \(CheckpointSpecParser.maxDepth) levels deep")
        }
        let root: Node?
        do {
            // UTF-8 named, not looked up in the environment on every parse; no tags resolved
            // (nothing reads them: numbers are read from the text).
            root = try Yams.compose(yaml: yaml, .basic, .default, .utf8)
        } catch let e as YamlError {
            throw yamlError(e)
        }
        if let root, YAMLBounds.valuesExceed(root, limit: CheckpointSpecParser.maxValues) {
            throw error(fenceLine, "checkpoint '\(id)' holds more than \(CheckpointSpecParser.maxValues) YAML values "
                        + "(anchors and aliases count at every use); generate large inputs ({randn: …}, {zeros: …})")
        }
        guard let root, case let .mapping(mapping) = root else {
            throw error(fenceLine, "checkpoint '\(id)' must have a YAML body of `key: value` lines (see docs/checkpoint-format.md)")
        }
        var keyLines: [String: Int] = [:]
        var values: [String: Node] = [:]
        for (k, v) in mapping {
            guard let key = k.scalar?.string else { throw error(line(k), "a key must be a plain word") }
            guard CheckpointSpecParser.knownKeys.contains(key) else {
                throw error(line(k), "unknown key '\(key)'" + suggestion(key, CheckpointSpecParser.knownKeys))
            }
            keyLines[key] = line(k)
            values[key] = v
        }
        func at(_ key: String) -> Int { keyLines[key] ?? fenceLine }

        guard let expectNode = values["expect"] else {
            throw error(fenceLine, "checkpoint '\(id)' has no `expect:` (one of \(ExpectKind.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        let expectText = try string(expectNode, key: "expect")
        guard let expect = ExpectKind(rawValue: expectText) else {
            throw error(at("expect"), "unknown expect kind '\(expectText)'; use one of \(ExpectKind.allCases.map(\.rawValue).joined(separator: ", "))"
                        + suggestion(expectText, ExpectKind.allCases.map(\.rawValue)))
        }
        guard let promptNode = values["prompt"] else {
            throw error(fenceLine, "checkpoint '\(id)' has no `prompt:` (the question shown to the learner)")
        }
        let prompt = try string(promptNode, key: "prompt")

        let call = try values["call"].map { try string($0, key: "call") }
        if expect.needsCall && call == nil {
            throw error(at("expect"), "`expect: \(expect.rawValue)` needs a `call:` that computes the reference")
        }
        if expect == .reflection, call != nil {
            throw error(at("call"), "a reflection has no reference: remove `call:`")
        }
        let args = try values["args"].map { try entries($0, key: "args") } ?? []
        if call == nil, values["args"] != nil, expect != .code {
            throw error(at("args"), "`args:` without a `call:`")
        }
        let output = try values["output"].map { try outputSelector($0) }

        // Tolerance.
        var tolerance = Tolerance.default
        if let t = values["tolerance"] {
            if values["atol"] != nil || values["rtol"] != nil {
                throw error(at("tolerance"), "give either `tolerance:` or `atol:`/`rtol:`, not both")
            }
            tolerance = .symmetric(try nonNegative(t, key: "tolerance"))
        } else if values["atol"] != nil || values["rtol"] != nil {
            tolerance = Tolerance(atol: try values["atol"].map { try nonNegative($0, key: "atol") } ?? 0,
                                  rtol: try values["rtol"].map { try nonNegative($0, key: "rtol") } ?? 0)
        }
        if expect == .integer || expect == .shape || expect == .choice,
           values["tolerance"] != nil || values["atol"] != nil || values["rtol"] != nil {
            let key = values["tolerance"] != nil ? "tolerance" : (values["atol"] != nil ? "atol" : "rtol")
            throw error(at(key), "`expect: \(expect.rawValue)` is compared exactly: remove `\(key):`")
        }

        let hints = try values["hints"].map { try stringList($0, key: "hints") } ?? []
        let explain = try values["explain"].map { try string($0, key: "explain") }
        let choices = try values["choices"].map { try stringList($0, key: "choices") } ?? []
        var answer: Int?
        if expect == .choice {
            if choices.count < 2 { throw error(at(values["choices"] == nil ? "expect" : "choices"), "`expect: choice` needs `choices:`, a list of at least two strings") }
            if let a = values["answer"] {
                if call != nil { throw error(at("answer"), "give either `answer:` or `call:` for a choice, not both") }
                answer = try choiceIndex(a, key: "answer", count: choices.count)
            } else if call == nil {
                throw error(at("expect"), "`expect: choice` needs `answer:` (the letter of the right choice) or a `call:` that computes its index")
            }
        } else {
            if values["choices"] != nil { throw error(at("choices"), "`choices:` is only for `expect: choice`") }
            if values["answer"] != nil { throw error(at("answer"), "`answer:` is only for `expect: choice` (references are computed by a `call:`)") }
        }
        let modelAnswer = try values["model_answer"].map { try string($0, key: "model_answer") }
        if expect == .reflection, modelAnswer == nil {
            throw error(at("expect"), "a reflection needs `model_answer:`, shown after the learner's text is saved")
        }
        var points = 1.0
        if let p = values["points"] { points = try nonNegative(p, key: "points") }
        var feedback = FeedbackPolicy.default
        if let f = values["feedback"] {
            let word = try string(f, key: "feedback")
            guard let policy = FeedbackPolicy(parsing: word) else {
                throw error(at("feedback"), "unknown feedback '\(word)'; use one of \(FeedbackPolicy.allCases.map(\.rawValue).joined(separator: ", "))"
                            + suggestion(word, FeedbackPolicy.allCases.map(\.rawValue)))
            }
            feedback = policy
        }

        var mistakes: [Mistake] = []
        if let m = values["mistakes"] {
            guard case let .sequence(seq) = m else { throw error(line(m), "`mistakes:` must be a list of `- call: …` / `message: …` entries") }
            for item in seq { mistakes.append(try mistake(item, expect: expect, choiceCount: choices.count)) }
        }
        var code: CodeSpec?
        if expect == .code {
            code = try codeSpec(values, call: call, args: args, at: at)
        } else if let key = ["function", "cases", "time_limit"].first(where: { values[$0] != nil }) {
            throw error(at(key), "`\(key):` is only for `expect: code`")
        }
        return CheckpointSpec(
            id: id, location: SourceLocation(file: file, line: fenceLine), expect: expect, call: call,
            args: args, output: output, tolerance: tolerance, prompt: prompt, hints: hints, explain: explain,
            choices: choices, answer: answer, mistakes: mistakes, modelAnswer: modelAnswer, points: points,
            keyLines: keyLines, code: code, feedback: feedback)
    }

    /// The keys of an `expect: code` checkpoint: `function`, `cases`, `time_limit`.
    func codeSpec(_ values: [String: Node], call: String?, args: [ArgEntry], at: (String) -> Int) throws -> CodeSpec {
        guard let functionNode = values["function"] else {
            throw error(at("expect"), "`expect: code` needs `function:`, the learner's function to check (\(Exercise.names))")
        }
        let name = try string(functionNode, key: "function")
        guard let function = Exercise(rawValue: name) else {
            throw error(at("function"), "unknown function '\(name)'" + suggestion(name, Exercise.allCases.map(\.rawValue))
                        + "; functions: \(Exercise.names)")
        }
        guard let casesNode = values["cases"], case let .list(items) = try value(casesNode), !items.isEmpty else {
            throw error(at(values["cases"] == nil ? "expect" : "cases"),
                        "`expect: code` needs `cases:`, a list of argument mappings such as `- X: [[1, -2]]`")
        }
        let cases = try items.enumerated().map { index, item -> [ArgEntry] in
            guard case let .map(entries) = item else {
                throw error(at("cases"), "case \(index + 1) must be a mapping of arguments, like `- X: {randn: [4, 5], seed: 1}`")
            }
            var merged = args
            for e in entries {
                if let i = merged.firstIndex(where: { $0.name == e.name }) { merged[i] = e } else { merged.append(e) }
            }
            return merged
        }
        var timeLimit: Double?
        if let t = values["time_limit"] {
            guard let s = t.scalar?.string, let x = Double(s.trimmingCharacters(in: .whitespaces)), x > 0, x <= 3600 else {
                throw error(at("time_limit"), "`time_limit:` is a number of seconds between 0 and 3600")
            }
            timeLimit = x
        }
        return CodeSpec(function: function, call: call ?? function.defaultCall, cases: cases,
                        sharedNames: Set(args.map(\.name)), timeLimit: timeLimit)
    }

    func mistake(_ node: Node, expect: ExpectKind, choiceCount: Int) throws -> Mistake {
        guard case let .mapping(mapping) = node else {
            throw error(line(node), "a mistake is a mapping with `call:` (or `answer:` for a choice) and `message:`")
        }
        var call: String?, args: [ArgEntry] = [], output: OutputSelector?, answer: Int?, message: String?
        for (k, v) in mapping {
            let key = k.scalar?.string ?? ""
            switch key {
            case "call": call = try string(v, key: "call")
            case "args": args = try entries(v, key: "args")
            case "output": output = try outputSelector(v)
            case "answer":
                guard expect == .choice else { throw error(line(k), "a mistake's `answer:` is only for `expect: choice`; use a `call:`") }
                answer = try choiceIndex(v, key: "answer", count: choiceCount)
            case "message": message = try string(v, key: "message")
            default:
                throw error(line(k), "unknown key '\(key)' in a mistake" + suggestion(key, CheckpointSpecParser.mistakeKeys))
            }
        }
        guard let message else { throw error(line(node), "this mistake has no `message:` (what the learner probably did)") }
        if call == nil && answer == nil {
            throw error(line(node), expect == .choice ? "this mistake needs `answer:` (a letter) or `call:`" : "this mistake needs `call:`")
        }
        return Mistake(call: call, args: args, output: output, answer: answer, message: message, line: line(node))
    }

    // MARK: values

    func string(_ node: Node, key: String) throws -> String {
        if case .mapping = node {
            throw error(line(node), "`\(key):` must be text, but this reads as `key: value` because of the ': ' inside it; "
                        + "put the text in quotes (\"…\") or write it after `>-` on the next lines")
        }
        guard let s = node.scalar?.string else { throw error(line(node), "`\(key):` must be text") }
        return s
    }

    func stringList(_ node: Node, key: String) throws -> [String] {
        guard case let .sequence(seq) = node else { throw error(line(node), "`\(key):` must be a list (lines starting with `- `)") }
        return try seq.map { try string($0, key: key) }
    }

    func nonNegative(_ node: Node, key: String) throws -> Double {
        guard let s = node.scalar?.string, let x = Double(s.trimmingCharacters(in: .whitespaces)), x.isFinite, x >= 0 else {
            throw error(line(node), "`\(key):` must be a non-negative number, like 1e-4")
        }
        return x
    }

    func choiceIndex(_ node: Node, key: String, count: Int) throws -> Int {
        let s = (node.scalar?.string ?? "").trimmingCharacters(in: .whitespaces).lowercased()
        guard s.count == 1, let c = s.unicodeScalars.first, c.value >= 97, Int(c.value) - 97 < max(count, 1) else {
            let last = CheckpointSpec.letter(max(count - 1, 0))
            throw error(line(node), "`\(key):` must be the letter of a choice, a to \(last)")
        }
        return Int(c.value) - 97
    }

    func outputSelector(_ node: Node) throws -> OutputSelector {
        let s = try string(node, key: "output")
        guard let sel = OutputSelector(parsing: s) else {
            throw error(line(node), "`output: \(s)` is not a field selector; write e.g. `test_acc`, `test_acc[3]` or `train_loss[:]`")
        }
        return sel
    }

    func entries(_ node: Node, key: String) throws -> [ArgEntry] {
        guard case let .mapping(mapping) = node else {
            throw error(line(node), "`\(key):` must be a mapping of argument names to values, like `X: [[1, -2]]`")
        }
        return try mapping.map { k, v in
            guard let name = k.scalar?.string else { throw error(line(k), "an argument name must be a word") }
            return ArgEntry(name: name, value: try value(v), line: line(k))
        }
    }

    func value(_ node: Node) throws -> ArgValue {
        switch node {
        case let .scalar(s):
            if s.style == .plain {
                let t = s.string.trimmingCharacters(in: .whitespaces)
                if let x = Double(t) { return .number(x) }
                switch t.lowercased() {
                case "true": return .bool(true)
                case "false": return .bool(false)
                case ".inf", "inf": return .number(.infinity)
                case "-.inf", "-inf": return .number(-.infinity)
                case ".nan", "nan": return .number(.nan)
                default: break
                }
            }
            return .string(s.string)
        case let .sequence(seq): return .list(try seq.map { try value($0) })
        case let .mapping(m):
            return .map(try m.map { k, v in
                guard let name = k.scalar?.string else { throw error(line(k), "a key must be a word") }
                return ArgEntry(name: name, value: try value(v), line: line(k))
            })
        case .alias: throw error(line(node), "YAML aliases are not supported in checkpoints")
        }
    }

    func yamlError(_ e: YamlError) -> LessonError {
        switch e {
        case let .scanner(context, problem, mark, yaml), let .parser(context, problem, mark, yaml),
             let .composer(context, problem, mark, yaml):
            // Where the construct started (e.g. an unclosed `[`) is more useful than where the
            // parser gave up (often the end of the block).
            let at = context?.mark ?? mark
            let lastLine = max(yaml.split(separator: "\n", omittingEmptySubsequences: false).count - 1, 1)
            let what = context.map { "\(problem) \($0.text)" } ?? problem
            return error(fenceLine + min(at.line, lastLine), "YAML: \(what) (column \(at.column))")
        case let .reader(problem, offset, _, yaml):
            // libyaml's reader stops at characters YAML does not allow (control characters);
            // its offset counts characters.
            let before = yaml.unicodeScalars.prefix(max(offset ?? 0, 0))
            let line = before.reduce(0) { $1 == "\n" ? $0 + 1 : $0 }
            let column = before.count - (before.lastIndex(of: "\n").map { before.distance(from: before.startIndex, to: $0) + 1 } ?? 0) + 1
            return error(fenceLine + 1 + line, "YAML: \(problem) (column \(column))")
        case let .duplicatedKeysInMapping(duplicates, context):
            return error(fenceLine + context.mark.line, "duplicate key \(duplicates.joined(separator: ", "))")
        default:
            return error(fenceLine, "YAML: \(e)")
        }
    }
}

/// ` (did you mean 'x'?)` for a close known word, or "".
public func suggestion(_ word: String, _ known: [String]) -> String {
    let limit = max(2, word.count / 3)
    // Words whose lengths differ by more than the limit are further apart than it.
    let best = known.filter { abs($0.count - word.count) <= limit }.map { ($0, editDistance(word, $0)) }.min { $0.1 < $1.1 }
    guard let (name, d) = best, d <= limit else { return "" }
    return " (did you mean '\(name)'?)"
}

public func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a), b = Array(b)
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var prev = Array(0...b.count)
    for i in 1...a.count {
        var cur = [i] + Array(repeating: 0, count: b.count)
        for j in 1...b.count {
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
        }
        prev = cur
    }
    return prev[b.count]
}
