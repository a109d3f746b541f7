import Foundation

/// The language of the course and of the tutor's own words.
public enum TutorLanguage: String, CaseIterable, Codable, Sendable {
    case en, zh

    /// The language from the environment: `LC_ALL`, then `LC_MESSAGES`, then `LANG`
    /// (the POSIX order). A value starting with `zh` means Chinese; anything else English.
    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> TutorLanguage {
        for key in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            guard let value = environment[key], !value.isEmpty else { continue }
            return value.lowercased().hasPrefix("zh") ? .zh : .en
        }
        return .en
    }

    /// Parses `zh`, `en` and locale-like forms (`zh_CN.UTF-8`, `en-US`); nil when unknown.
    public init?(parsing text: String) {
        let lower = text.lowercased()
        if lower.hasPrefix("zh") { self = .zh } else if lower.hasPrefix("en") { self = .en } else { return nil }
    }
}
