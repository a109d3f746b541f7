import TerminalMarkdown
/// A block of lines at the bottom of a terminal that is redrawn in place: the cursor moves
/// back up over the block and rewrites the lines that changed (cursor up, clear line), so the
/// screen never fills with old frames. Lines must be narrower than the terminal (a line that
/// wraps would throw the count off) and the block shorter than the screen.
public final class LiveRegion {
    private let write: (String) -> Void
    private var shown: [String] = []
    private var columns: Int?

    /// `write` receives the bytes to send to the terminal (one call per redraw).
    public init(write: @escaping (String) -> Void) { self.write = write }

    /// The lines currently on screen.
    public var lines: [String] { shown }

    /// Replaces the block with `lines`, rewriting only from the first line that changed.
    public func update(_ lines: [String]) {
        let common = min(shown.count, lines.count)
        let firstChange = (0..<common).first { shown[$0] != lines[$0] } ?? common
        if firstChange == shown.count && firstChange == lines.count { return }
        var out = ANSI.cursorUp(shown.count - firstChange)
        for line in lines[firstChange...] { out += ANSI.clearLine + line + "\n" }
        if lines.count < shown.count { out += ANSI.clearToEnd }
        shown = lines
        write(out)
    }

    /// Writes `lines` above the block (they scroll away like ordinary output) and draws the
    /// block again under them.
    public func printAbove(_ lines: [String]) {
        let block = shown
        var out = ANSI.cursorUp(shown.count) + ANSI.clearToEnd
        for line in lines { out += line + "\n" }
        for line in block { out += line + "\n" }
        write(out)
    }

    /// Call before each update with the terminal's width: when it changed, the terminal may have
    /// re-wrapped the old block, so moving up over it would land in the wrong place. The old
    /// block is then left as it is and the next frame is drawn below it.
    public func noteWidth(_ columns: Int) {
        if let previous = self.columns, previous != columns, !shown.isEmpty { finish() }
        self.columns = columns
    }

    /// Leaves the block on screen as ordinary output; the next `update` starts a new block below.
    public func finish() { shown = [] }

    /// Removes the block from the screen.
    public func clear() {
        guard !shown.isEmpty else { return }
        write(ANSI.cursorUp(shown.count) + ANSI.clearToEnd)
        shown = []
    }
}
