import Foundation

extension CodeChecker {
    /// The problems of a code checkpoint, for `tutor lint`: its keys, every case's inputs and
    /// reference, and every mistake on every case. Builds and runs nothing.
    public static func lint(_ spec: CheckpointSpec, checker: Checker) -> [LessonError] {
        let codeChecker = CodeChecker(workspace: Workspace(root: URL(fileURLWithPath: "/")), checker: checker)
        let code: CodeCheckpoint
        do { code = try CodeCheckpoint(spec) } catch { return [asLessonError(error, spec)] }
        var problems: [LessonError] = []
        for index in code.cases.indices {
            do {
                _ = try codeChecker.runnerInputs(code, case: index)
                let reference = try codeChecker.reference(code, case: index)
                if let bad = reference.values.firstIndex(where: { !$0.isFinite }) {
                    problems.append(LessonError(SourceLocation(file: spec.location.file, line: codeChecker.caseLine(code, index)),
                        "case \(index + 1): the reference holds \(formatNumber(reference.values[bad])); choose other arguments"))
                }
                for m in spec.mistakes {
                    if m.call == nil {
                        problems.append(LessonError(SourceLocation(file: spec.location.file, line: m.line),
                                                    "a code checkpoint's mistakes name a call, not a letter"))
                        continue
                    }
                    _ = try codeChecker.matchingMistake(code, case: index, given: reference, only: m)
                }
            } catch {
                problems.append(asLessonError(error, spec))
            }
        }
        return problems
    }

    static func asLessonError(_ error: Error, _ spec: CheckpointSpec) -> LessonError {
        error as? LessonError ?? LessonError(spec.location, "\(error)")
    }
}
