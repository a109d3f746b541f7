import ArgumentParser
import Foundation
import Lessons
import TerminalMarkdown

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension ColorChoice: ExpressibleByArgument {}

/// `tutor show FILE.md`: renders any Markdown file in the terminal.
struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Render a Markdown file in the terminal.")

    @Argument(help: "The Markdown file to show.")
    var file: String

    @Option(help: "Line width in columns (default: the terminal's width, else $COLUMNS, else 80).")
    var width: Int?

    @Option(help: "Colour: auto (only on a terminal and when NO_COLOR is unset), always or never.")
    var color: ColorChoice = .auto

    @Flag(help: "Write straight to standard output, never through a pager.")
    var noPager = false

    @OptionGroup var languageOption: LanguageOption

    func validate() throws {
        if let width, !(10...1000).contains(width) {
            throw ValidationError("--width must be between 10 and 1000 (got \(width)).")
        }
    }

    func run() throws {
        let text: String
        do {
            text = try readMarkdownFile(file)
        } catch {
            // One line, exit status 2: the file is the problem, not the command line.
            var message = "tutor show: \(error)\n"
            message.withUTF8 { _ = write(STDERR_FILENO, $0.baseAddress, $0.count) }
            throw ExitCode(2)
        }
        let isTTY = TerminalEnvironment.isTTY()
        let useColor = color.resolve(isTTY: isTTY)
        let options = RenderOptions(
            width: width ?? TerminalEnvironment.width(), color: useColor, hyperlinks: useColor && isTTY)
        let lines = render(text, options: options)
        let output = lines.isEmpty ? "" : lines.joined(separator: "\n") + "\n"
        Pager.present(output, lineCount: lines.count, allowed: !noPager)
    }

    /// The document; a lesson's checkpoint blocks drawn as the course draws them (prompt and
    /// choices in a box), never as their YAML, which holds the answer and its explanation.
    func render(_ text: String, options: RenderOptions) -> [String] {
        let renderer = TerminalRenderer(options: options)
        let lesson = LessonParser.parse(markdown: text, file: file, language: language.rawValue)
        guard lesson.blocks.contains(where: { if case .checkpoint = $0 { true } else { false } }) || !lesson.errors.isEmpty else {
            return renderer.render(parseMarkdown(text))
        }
        let style = TerminalText(color: options.color)
        var lines: [String] = []
        for block in lesson.blocks {
            if !lines.isEmpty { lines.append("") }
            switch block {
            case .prose(let markdown, _): lines += renderer.render(parseMarkdown(markdown))
            case .checkpoint(let spec): lines += CheckpointPanel.lines(spec, width: options.width, style: style, language: language)
            }
        }
        return lines
    }

    /// The language of a file under `lessons/zh/` or `lessons/en/`, unless --lang says.
    var language: TutorLanguage {
        if let lang = languageOption.lang { return lang }
        let folder = ((file as NSString).deletingLastPathComponent as NSString).lastPathComponent
        return TutorLanguage(parsing: folder) ?? TutorLanguage.fromEnvironment()
    }
}
