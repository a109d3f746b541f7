import Foundation

/// The words at the prompt, in either language.
public enum PromptCommand: Equatable, Sendable {
    case hint, solution, skip, back, next, list, help, quit
    /// Runs the checks of a code checkpoint on the learner's workspace.
    case check
    /// Shows the current step's text again (also what the pager's q skipped).
    case reread
    case open(String)

    /// The command `text` names, or nil when it is an answer. `答案` is not one: it is the
    /// prompt's own label, and a learner who types it means an answer.
    public init?(_ text: String) {
        let words = text.trimmingCharacters(in: .whitespaces).split(separator: " ", maxSplits: 1).map(String.init)
        guard let first = words.first?.lowercased() else { return nil }
        if words.count == 2 {
            guard first == "open" || first == "打开" else { return nil }
            self = .open(words[1])
            return
        }
        switch first {
        case "hint", "提示": self = .hint
        case "solution", "参考答案", "看答案", "解答": self = .solution
        case "skip", "跳过": self = .skip
        case "back", "上一步", "返回": self = .back
        case "next", "下一步", "继续": self = .next
        case "list", "目录": self = .list
        case "help", "?", "帮助": self = .help
        case "quit", "exit", "退出": self = .quit
        case "check", "检查": self = .check
        case "reread", "page", "重读": self = .reread
        default: return nil
        }
    }
}
