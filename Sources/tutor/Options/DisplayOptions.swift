import ArgumentParser
import Foundation
import TerminalMarkdown

/// `--color auto|always|never` for commands that draw (charts, images, progress bars).
struct ColorOption: ParsableArguments {
    @Option(name: .long, help: "Colour: auto (a terminal, unless NO_COLOR is set), always or never.")
    var color: ColorChoice = .auto

    /// Whether to colour what goes to standard output (TerminalMarkdown's rule, as `tutor show`).
    var enabled: Bool { color.resolve() }
}
