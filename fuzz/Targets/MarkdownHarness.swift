import TerminalMarkdown

/// Renders the input (after its first byte) as Markdown: width 1…128 and colour from the first
/// byte. Rendering has no errors; the harness looks for crashes, hangs and runaway memory.
func fuzzMarkdown(_ input: [UInt8]) -> FuzzOutcome {
    guard let first = input.first else { return .accepted }
    let options = RenderOptions(width: 1 + Int(first & 0x7F), color: first & 0x80 != 0)
    _ = TerminalRenderer(options: options).render(markdown: String(decoding: input.dropFirst(), as: UTF8.self))
    return .accepted
}
