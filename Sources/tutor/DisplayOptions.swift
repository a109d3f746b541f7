import ArgumentParser
import Foundation
import TerminalMarkdown
import TutorCore

/// `--color auto|always|never` for commands that draw (charts, images, progress bars).
struct ColorOption: ParsableArguments {
    @Option(name: .long, help: "Colour: auto (a terminal, unless NO_COLOR is set), always or never.")
    var color: ColorChoice = .auto

    /// Whether to colour what goes to standard output (TerminalMarkdown's rule, as `tutor show`).
    var enabled: Bool { color.resolve() }
}

/// `--lang zh|en` for commands outside a course (the environment's language otherwise).
struct LanguageOption: ParsableArguments {
    @Option(name: .long, help: "Language of labels and messages: zh or en (default: from LANG).")
    var lang: String?

    func language() throws -> TutorLanguage {
        guard let lang else { return TutorLanguage.fromEnvironment() }
        guard let parsed = TutorLanguage(parsing: lang) else { throw ValidationError("--lang \(lang): expected zh or en") }
        return parsed
    }
}

/// Writes to standard error (messages that must not mix with the data on standard output).
func printError(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}
