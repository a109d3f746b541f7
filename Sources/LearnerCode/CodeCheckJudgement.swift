import Foundation

extension CodeChecker {
    /// Judges a code checkpoint for the interactive tutor: builds the workspace, runs the
    /// learner's function and returns a `Judgement` like any other answer's. The stages are
    /// reported through `progress` (building 0.1, running 0.5, references 0.5–1), which may stop
    /// the check (Ctrl-C). An untouched stub, a missing workspace or a cancel are `malformed`
    /// (not an attempt); a failed build, a crash or a wrong result are `incorrect`.
    ///
    /// ```swift
    /// if spec.expect == .code {
    ///     return CodeChecker.judgement(spec, workspace: nil, language: language, progress: progress)
    /// }
    /// ```
    /// `answer` is what was typed at the prompt (`check`, anything) or, when grading a folder of
    /// submissions, the path of the learner's workspace: a path to a folder is used as the
    /// workspace, anything else means the one found from here (`Workspace.locate`).
    public static func judgement(_ spec: CheckpointSpec, answer: String = "", workspace path: String?, language: TutorLanguage,
                                 progress: JudgeProgress?, checker: Checker = Checker()) -> Judgement {
        let zh = language == .zh
        let workspace: Workspace
        var named = path
        let typed = answer.trimmingCharacters(in: .whitespacesAndNewlines)
        var isDirectory: ObjCBool = false
        if named == nil, !typed.isEmpty, FileManager.default.fileExists(atPath: typed, isDirectory: &isDirectory), isDirectory.boolValue {
            named = typed
        }
        do { workspace = try Workspace.locate(explicit: named) } catch {
            return Judgement(outcome: .malformed, lines: [zh
                ? "还没有练习工作区：运行 `tutor init` 创建（会生成 ./mlp-exercises），在其中实现函数后再检查"
                : "\(error)"], maxPoints: spec.points)
        }
        var cases = 1
        do {
            let report = try CodeChecker(workspace: workspace, checker: checker).check(spec, progress: { stage in
                switch stage {
                case .building: progress?.report(fraction: 0.1, label: zh ? "编译中" : "building")
                case let .running(n): cases = max(n, 1); progress?.report(fraction: 0.5, label: zh ? "运行中" : "running")
                case let .computingReference(i):
                    progress?.report(fraction: 0.5 + 0.5 * Double(i) / Double(cases), label: zh ? "比较中" : "comparing")
                }
            }, isCancelled: { progress?.shouldStop ?? false })
            let lines = report.lines(language)
            if report.notWritten || progress?.shouldStop == true {
                return Judgement(outcome: .malformed, lines: lines, maxPoints: spec.points)
            }
            return Judgement(outcome: report.passed ? .correct : .incorrect, lines: lines, explain: spec.explain,
                             points: report.verdict.points, maxPoints: spec.points)
        } catch {
            return Judgement(outcome: .malformed, lines: [(zh ? "这个检查点有问题（课程的错误）：" : "this checkpoint is broken (a lesson bug): ") + "\(error)"],
                             maxPoints: spec.points)
        }
    }
}
