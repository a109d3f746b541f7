import TerminalMarkdown

/// How many terminal columns a character takes (0, 1 or 2): the renderer's width table, so
/// the prompt, the panels and the lesson text agree on every character.
public func cellWidth(_ character: Character) -> Int { characterWidth(character) }

/// Columns taken by `text` (a sum over its characters; no ANSI escapes expected).
public func cellWidth(of text: String) -> Int { text.reduce(0) { $0 + cellWidth($1) } }
