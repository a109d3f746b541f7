import Foundation
import Lessons

/// `{{X}}` in a checkpoint's prompt, hints or explain stands for the value of its argument `X`
/// as this learner gets it (a nested list), so a checkpoint whose inputs vary per learner can
/// show each learner their own.
public enum PromptTemplate {
    /// The argument names of the `{{name}}` placeholders in `text`, in order.
    public static func placeholders(in text: String) -> [String] {
        var names: [String] = []
        var rest = text[...]
        while let open = rest.range(of: "{{"), let close = rest[open.upperBound...].range(of: "}}") {
            names.append(rest[open.upperBound..<close.lowerBound].trimmingCharacters(in: .whitespaces))
            rest = rest[close.upperBound...]
        }
        return names
    }

    /// `text` with every `{{name}}` replaced by argument `name` of `spec` (already the learner's).
    static func fill(_ text: String, spec: CheckpointSpec, context: CallContext) throws -> String {
        let names = placeholders(in: text)
        guard !names.isEmpty else { return text }
        var out = text
        for name in Set(names) {
            guard let entry = spec.args.first(where: { $0.name == name }) else {
                throw LessonError(spec.location, "`{{\(name)}}` names no argument of checkpoint '\(spec.id)'; its arguments are "
                                  + spec.args.map(\.name).joined(separator: ", "))
            }
            let value: String
            do {
                value = NDArray(try ArgTensors.tensor(entry.value, name: name, line: entry.line, context: context)).formatted(limit: Int.max)
            } catch let e as CallError {
                throw LessonError(SourceLocation(file: spec.location.file, line: e.line ?? entry.line), e.message)
            }
            for spelling in ["{{\(name)}}", "{{ \(name) }}"] { out = out.replacingOccurrences(of: spelling, with: value) }
        }
        return out
    }
}

extension Judge {
    /// The checkpoint as `learner` reads and answers it: their inputs in its arguments, and
    /// in its prompt, hints and explain wherever they write `{{name}}`.
    public func personalized(_ spec: CheckpointSpec, for learner: LearnerIdentity) throws -> CheckpointSpec {
        var seen = spec.variant(for: learner)
        let texts = [seen.prompt] + seen.hints + [seen.explain ?? ""]
        guard texts.contains(where: { !PromptTemplate.placeholders(in: $0).isEmpty }) else { return seen }
        let context = CallContext(environment)
        do {
            seen.prompt = try PromptTemplate.fill(seen.prompt, spec: seen, context: context)
            seen.hints = try seen.hints.map { try PromptTemplate.fill($0, spec: seen, context: context) }
            seen.explain = try seen.explain.map { try PromptTemplate.fill($0, spec: seen, context: context) }
        } catch let e as LessonError {
            throw JudgeError.brokenCheckpoint(e)
        }
        return seen
    }
}
