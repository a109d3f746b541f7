import Foundation
import Judging
import Lessons

/// The code checker's own words, in English and Chinese.
enum CodeMessages {
    static let buildFailed = LocalizedText(en: "your code does not compile:", zh: "你的代码无法编译：")
    static let cancelled = LocalizedText(en: "check cancelled", zh: "检查已取消")
    static let building = LocalizedText(en: "building", zh: "编译中")
    static let running = LocalizedText(en: "running", zh: "运行中")
    static let comparing = LocalizedText(en: "comparing", zh: "比较中")

    static func noWorkspace(_ error: Error) -> LocalizedText {
        LocalizedText(en: "\(error)", zh: "还没有练习工作区：运行 `tutor init` 创建（会生成 ./mlp-exercises），在其中实现函数后再检查")
    }

    static func notCopied(_ error: Error) -> LocalizedText {
        LocalizedText(en: "the submitted workspace could not be copied for grading: \(error)",
                      zh: "无法复制提交的工作区以评分：\(error)")
    }

    static func passed(_ cases: Int, maxError: Double?) -> LocalizedText {
        let e = formatNumber(maxError ?? 0)
        if cases == 1 {
            return LocalizedText(en: "correct: your result matches the library's (max abs error \(e))",
                                 zh: "正确：你的结果与库的结果一致（最大绝对误差 \(e)）")
        }
        return LocalizedText(en: "correct: all \(cases) cases match the library (max abs error \(e))",
                             zh: "正确：全部 \(cases) 个用例与库的结果一致（最大绝对误差 \(e)）")
    }

    static func inCase(_ index: Int, of count: Int, _ summary: String) -> LocalizedText {
        LocalizedText(en: "case \(index + 1) of \(count): \(summary)", zh: "用例 \(index + 1)/\(count)：\(summary)")
    }

    static func runFailed(_ failure: RunnerFailure, function exercise: Exercise) -> LocalizedText {
        let function = exercise.rawValue
        switch failure {
        case let .notWritten(name):
            let f = Exercise(rawValue: name)?.file ?? exercise.file
            return LocalizedText(en: "\(name) is not written yet: fill in \(f) (it still calls todo())",
                                 zh: "\(name) 还没有实现：请完成 \(f)（其中仍在调用 todo()）")
        case .crashed:
            return LocalizedText(en: "your \(function) crashed", zh: "你的 \(function) 崩溃了")
        case let .timedOut(seconds):
            let s = formatNumber(seconds)
            return LocalizedText(en: "your \(function) did not finish within \(s) s and was stopped: an infinite loop?",
                                 zh: "你的 \(function) 在 \(s) 秒内没有结束，已被终止：是否有死循环？")
        case let .outOfMemory(mb):
            return LocalizedText(en: "your \(function) needed more than \(mb) MB of memory and was stopped",
                                 zh: "你的 \(function) 需要超过 \(mb) MB 内存，已被终止")
        case .outputTooLarge:
            return LocalizedText(en: "your \(function) printed too much and was stopped (remove prints inside loops)",
                                 zh: "你的 \(function) 输出过多，已被终止（请删除循环中的 print）")
        case .cancelled:
            return cancelled
        case .failed:
            return LocalizedText(en: "running your \(function) failed", zh: "运行你的 \(function) 失败")
        }
    }

    static func runDetails(_ failure: RunnerFailure) -> [LocalizedText] {
        switch failure {
        case let .crashed(message, location):
            var lines = [LocalizedText(verbatim: message)]
            if let location { lines.append(LocalizedText(en: "at \(location)", zh: "位置：\(location)")) }
            return lines
        case let .failed(text):
            return text.split(separator: "\n").suffix(12).map { LocalizedText(verbatim: String($0)) }
        default:
            return []
        }
    }
}
