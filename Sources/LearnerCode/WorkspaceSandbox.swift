import D2L
import Foundation
import Lessons

extension Workspace {
    /// What the learner's code may see: its own workspace (read-only, the runner included)
    /// and the data set; `FASHION_MNIST_DIR` is its only variable of the tutor's.
    func learnerCodeIsolation(environment: [String: String] = ProcessInfo.processInfo.environment) -> SandboxIsolation {
        var isolation = SandboxIsolation(readOnly: [root.path])
        if let data = environment[FashionMNIST.environmentVariable], !data.isEmpty,
           FileManager.default.fileExists(atPath: data) {
            isolation.readOnly.append(data)
            isolation.environment[FashionMNIST.environmentVariable] = data
        }
        return isolation
    }

    /// The function whose stub the runner stopped in: stderr ends with the stub's
    /// `TUTOR-TODO: name` line and that function's file still calls `todo()`. Learner code that
    /// prints the words is not taken for an untouched stub.
    func untouchedStub(named stderr: String) -> String? {
        guard let last = stderr.split(separator: "\n").last, last.hasPrefix("TUTOR-TODO: ") else { return nil }
        let name = String(last.dropFirst("TUTOR-TODO: ".count))
        guard let exercise = Exercise(rawValue: name),
              let source = try? RegularFile.text(exerciseFile(for: exercise).path) else { return nil }
        let callsTodo = source.split(separator: "\n").contains { line in
            let code = line.trimmingCharacters(in: .whitespaces)
            return !code.hasPrefix("//") && code.contains("todo(")
        }
        return callsTodo ? name : nil
    }
}

extension CodeMessages {
    static func notIsolated(_ reason: String) -> LocalizedText {
        LocalizedText(en: SandboxIsolation.warning(reason),
                      zh: "警告：你的代码没有在沙箱中运行（\(reason)）；只限制了时间、内存和输出")
    }
}

extension CodeMessages {
    static func drawn(seed: UInt64) -> LocalizedText {
        LocalizedText(en: "random cases drawn with seed \(seed)", zh: "随机用例的种子：\(seed)")
    }
}

extension CodeMessages {
    static func refusedWithoutSandbox(_ reason: String) -> LocalizedText {
        LocalizedText(en: "not graded: learner code cannot be sandboxed here (\(reason)); "
                          + "--unsafe-no-sandbox runs it with time, memory and output limits only",
                      zh: "未评分：这里无法在沙箱中运行学习者的代码（\(reason)）；"
                          + "--unsafe-no-sandbox 会只在时间、内存和输出限制下运行它")
    }
}
