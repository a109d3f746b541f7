import TerminalMarkdown
/// A greyscale image (0 = black … 255 = white, row-major) with caption lines to print under it.
public struct CaptionedImage: Equatable, Sendable {
    public var pixels: [UInt8]
    public var width: Int, height: Int
    public var caption: [String]
    /// Draws the caption in red when colour is on (a wrong prediction).
    public var highlighted: Bool

    public init(pixels: [UInt8], width: Int, height: Int, caption: [String], highlighted: Bool = false) {
        precondition(pixels.count == width * height, "\(width)×\(height) image needs \(width * height) pixels, got \(pixels.count)")
        self.pixels = pixels; self.width = width; self.height = height
        self.caption = caption; self.highlighted = highlighted
    }
}

/// Draws greyscale images in a terminal, several side by side, wrapped to a width.
///
/// With colour each character cell shows two pixels stacked: `▀` with the upper pixel as
/// foreground and the lower one as background colour (24-bit greys, or the 256-colour grey
/// ramp). Without colour each cell is one character of a brightness ramp (the mean of the
/// two pixels), so a 28×28 image is 28 columns by 14 lines either way.
public struct GreyImageGrid: Sendable {
    public enum Style: Sendable { case trueColor, ansi256, ascii }

    public var style: Style
    /// Columns between images.
    public var gap: Int

    public init(style: Style, gap: Int = 2) { self.style = style; self.gap = gap }

    /// The style for a colour depth: 24-bit greys, 256-colour greys, or the ASCII ramp.
    public init(depth: ColorDepth, gap: Int = 2) {
        switch depth {
        case .trueColor: self.init(style: .trueColor, gap: gap)
        case .ansi256, .ansi16: self.init(style: .ansi256, gap: gap)
        case .none: self.init(style: .ascii, gap: gap)
        }
    }

    /// The dark-to-light ramp of the colourless style.
    public static let asciiRamp: [Character] = Array(" .:-=+*#%@")

    /// The images in rows of as many as fit in `width` columns (at least one per row), each
    /// with its caption lines under it, padded by display width; a blank line between rows.
    public func render(_ images: [CaptionedImage], width: Int) -> [String] {
        guard !images.isEmpty else { return [] }
        let cellWidth = images.map { img in max(img.width, img.caption.map(TextWidth.of).max() ?? 0) }.max()!
        let perRow = max(1, (width + gap) / (cellWidth + gap))
        var lines: [String] = []
        for start in stride(from: 0, to: images.count, by: perRow) {
            let row = Array(images[start..<min(images.count, start + perRow)])
            if start > 0 { lines.append("") }
            lines += renderRow(row, cellWidth: cellWidth)
        }
        return lines
    }

    private func renderRow(_ row: [CaptionedImage], cellWidth: Int) -> [String] {
        let pixelLines = row.map { ($0.height + 1) / 2 }.max()!
        let captionLines = row.map(\.caption.count).max()!
        let separator = String(repeating: " ", count: gap)
        var lines: [String] = []
        for line in 0..<pixelLines {
            let cells = row.map { image -> String in
                let drawn = line < (image.height + 1) / 2 ? imageLine(image, line: line) : ""
                let drawnWidth = line < (image.height + 1) / 2 ? image.width : 0
                return drawn + String(repeating: " ", count: cellWidth - drawnWidth)
            }
            lines.append(trimTrailing(cells.joined(separator: separator)))
        }
        for c in 0..<captionLines {
            let cells = row.map { image -> String in
                let text = c < image.caption.count ? TextWidth.truncate(image.caption[c], to: cellWidth) : ""
                let padding = String(repeating: " ", count: cellWidth - TextWidth.of(text))
                return ANSI.colored(text, image.highlighted ? .red : nil, enabled: style != .ascii) + padding
            }
            lines.append(trimTrailing(cells.joined(separator: separator)))
        }
        return lines
    }

    /// Character line `line` of `image`: pixel rows 2·line and 2·line + 1 (black below the last row).
    func imageLine(_ image: CaptionedImage, line: Int) -> String {
        let top = 2 * line, bottom = 2 * line + 1
        func pixel(_ r: Int, _ c: Int) -> UInt8 { r < image.height ? image.pixels[r * image.width + c] : 0 }
        var out = ""
        var last: (UInt8, UInt8)? = nil
        for c in 0..<image.width {
            let (up, down) = (pixel(top, c), pixel(bottom, c))
            switch style {
            case .ascii:
                let mean = (Int(up) + Int(down)) / 2
                out.append(Self.asciiRamp[mean * Self.asciiRamp.count / 256])
            case .trueColor, .ansi256:
                if last.map({ $0 != (up, down) }) ?? true { out += colorPair(up, down) }
                last = (up, down)
                out += "▀"
            }
        }
        return style == .ascii ? out : out + ANSI.reset
    }

    private func colorPair(_ fg: UInt8, _ bg: UInt8) -> String {
        switch style {
        case .trueColor: return "\u{1B}[38;2;\(fg);\(fg);\(fg);48;2;\(bg);\(bg);\(bg)m"
        default: return "\u{1B}[38;5;\(Self.grey256(fg));48;5;\(Self.grey256(bg))m"
        }
    }

    /// The nearest of xterm's 256 colours to grey `v`: 16 (black), the ramp 232…255
    /// (8, 18, …, 238) or 231 (white).
    public static func grey256(_ v: UInt8) -> Int {
        let v = Int(v)
        if v < 4 { return 16 }
        if v > 246 { return 231 }
        return 232 + min(23, max(0, Int((Double(v - 8) / 10).rounded())))
    }

    private func trimTrailing(_ s: String) -> String {
        var s = s
        while s.hasSuffix(" ") { s.removeLast() }
        return s
    }
}
