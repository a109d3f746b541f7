/// A message in every language the tutor speaks.
public struct LocalizedText: Sendable, Equatable, CustomStringConvertible {
    public var en: String
    public var zh: String

    public init(en: String, zh: String) {
        self.en = en
        self.zh = zh
    }

    /// Text written by a lesson author, already in the lesson's language.
    public init(verbatim: String) { self.init(en: verbatim, zh: verbatim) }

    public func text(_ language: TutorLanguage) -> String { language == .zh ? zh : en }
    public var description: String { en }
}
