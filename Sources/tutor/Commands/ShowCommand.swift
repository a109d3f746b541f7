import ArgumentParser
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
        let lines = TerminalRenderer(options: options).render(parseMarkdown(text))
        let output = lines.isEmpty ? "" : lines.joined(separator: "\n") + "\n"
        Pager.present(output, lineCount: lines.count, allowed: !noPager)
    }
}
