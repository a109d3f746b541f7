/// How much a wrong answer's verdict tells the learner.
public enum FeedbackPolicy: String, Sendable, CaseIterable, Codable {
    /// The reference beside the answer ("expected 0.25, got 0.3"): for self-study.
    case full
    /// How the answer is wrong (shape, first differing entry and its direction, how many
    /// differ, patterns such as transposed or ×100) without the reference value.
    case diagnostic
    /// Exam mode: only "recorded".
    case none

    /// The policy when neither the course nor the checkpoint names one.
    public static let `default` = FeedbackPolicy.diagnostic

    /// Parses a `feedback:` value; nil for anything else.
    public init?(parsing text: String) {
        self.init(rawValue: text.trimmingCharacters(in: .whitespaces).lowercased())
    }
}
