import TerminalMarkdown

/// Renders Markdown made from the input. Byte 0 picks the width (1…128, low 7 bits) and colour
/// (high bit). Byte 1 at 0xE0 or above repeats the rest 2^(byte & 0x1F) times (at most 2^14, and
/// at most 16 KiB in all): nesting thousands deep is out of reach of inputs a few hundred bytes
/// long, the size libFuzzer works at, and on the harness's 1 MiB stack (`onFuzzStack`) that depth
/// overflows where tens of thousands would on a main thread. Rendering has no errors; the
/// harness looks for crashes, hangs and runaway memory.
func fuzzMarkdown(_ input: [UInt8]) -> FuzzOutcome {
    guard input.count >= 2 else { return .accepted }
    let options = RenderOptions(width: 1 + Int(input[0] & 0x7F), color: input[0] & 0x80 != 0)
    let body = input.dropFirst(2)
    var text = Array(body)
    if input[1] >= 0xE0, !body.isEmpty {
        let repeats = min(1 << min(Int(input[1] & 0x1F), 14), max(1, (16 << 10) / body.count))
        text.reserveCapacity(body.count * repeats)
        for _ in 1..<repeats { text += body }
    }
    _ = TerminalRenderer(options: options).render(markdown: String(decoding: text, as: UTF8.self))
    return .accepted
}
