/// Breaks a run of cells into lines no wider than `width` columns.
///
/// English breaks at spaces; CJK text may break between any two wide characters (and between a
/// wide character and Latin text), except that a line never starts with closing punctuation
/// (，。、；：？！）」 …) nor ends with opening punctuation (（「《 …). Words longer than a line are
/// broken hard. Spaces at the start and end of lines are dropped, so no line carries trailing
/// padding. `Cell.hardBreakMarker` forces a new line. No-break spaces (inside code spans) are
/// given up only when the unbreakable run they are part of is wider than the line.
func breakLines(_ input: [Cell], width: Int) -> [[Cell]] {
    let width = max(width, 1)
    var lines: [[Cell]] = []
    var line: [Cell] = []
    var lineWidth = 0
    var pendingSpaces: [Cell] = []
    var pendingWidth = 0
    var index = 0
    // No-break spaces before this index break like spaces (their run did not fit on a line).
    var relaxedUntil = 0

    func finishLine() {
        // A hard-broken word may end in a no-break space (short code spans): no trailing padding.
        while line.last?.character == " " { line.removeLast() }
        lines.append(line)
        line = []
        lineWidth = 0
    }

    while index < input.count {
        let cell = input[index]
        if cell.isHardBreak {
            finishLine()
            pendingSpaces = []
            pendingWidth = 0
            index += 1
            continue
        }
        if cell.isSpace || (index < relaxedUntil && cell.scalar == nonBreakingSpace) {
            if !line.isEmpty {
                pendingSpaces.append(cell)
                pendingWidth += cell.width
            }
            index += 1
            continue
        }
        // The next unbreakable word: cells up to the next break opportunity.
        var end = index + 1
        var wordWidth = cell.width
        while end < input.count, !input[end].isSpace, !input[end].isHardBreak,
              !canBreak(input, before: end),
              !(end < relaxedUntil && input[end].scalar == nonBreakingSpace) {
            wordWidth += input[end].width
            end += 1
        }
        if wordWidth > width, relaxedUntil < end,
           input[index..<end].contains(where: { $0.scalar == nonBreakingSpace }) {
            relaxedUntil = end
            continue
        }
        if lineWidth + pendingWidth + wordWidth <= width {
            line += pendingSpaces
            line += input[index..<end]
            lineWidth += pendingWidth + wordWidth
        } else if wordWidth > width {
            // Longer than any line: break it hard. It starts on this line when a fair amount of
            // room is left (so a long URL does not leave a short line behind), else on the next.
            if !line.isEmpty {
                if width - lineWidth - pendingWidth >= min(10, width / 3) {
                    line += pendingSpaces
                    lineWidth += pendingWidth
                } else {
                    finishLine()
                }
            }
            for part in input[index..<end] {
                if lineWidth + part.width > width && !line.isEmpty { finishLine() }
                if line.isEmpty && part.character == " " { continue }
                line.append(part)
                lineWidth += part.width
            }
        } else {
            if !line.isEmpty { finishLine() }
            line += input[index..<end]
            lineWidth = wordWidth
        }
        pendingSpaces = []
        pendingWidth = 0
        index = end
    }
    if !line.isEmpty || lines.isEmpty { finishLine() }
    return lines
}

/// The width of the widest run of cells that `breakLines` keeps on one line when it can.
func widestWord(_ input: [Cell]) -> Int {
    var widest = 0
    var current = 0
    for index in input.indices {
        let cell = input[index]
        if cell.isSpace || cell.isHardBreak {
            current = 0
            continue
        }
        if index > 0 && !input[index - 1].isSpace && canBreak(input, before: index) { current = 0 }
        current += cell.width
        widest = max(widest, current)
    }
    return widest
}

/// Whether a line may break between `cells[index - 1]` and `cells[index]`. Never inside a code
/// span. Plain mode's Markdown markers (`~~`) stay with the text they enclose and are
/// otherwise transparent: the characters on either side of them decide.
func canBreak(_ cells: [Cell], before index: Int) -> Bool {
    let a = cells[index - 1]
    let b = cells[index]
    if b.gluedToPrevious { return false }
    if a.decoration == .none && b.decoration == .none {
        return canBreak(between: a.scalar, a.width, and: b.scalar, b.width)
    }
    if a.decoration == .opening || b.decoration == .closing { return false }
    // a is a closing marker and/or b an opening one: look past them to the text.
    var i = index - 1
    while i > 0 && cells[i].isDecoration { i -= 1 }
    var k = index
    while k < cells.count - 1 && cells[k].isDecoration { k += 1 }
    let left = cells[i]
    let right = cells[k]
    if left.isSpace || right.isSpace || left.isDecoration || right.isDecoration { return true }
    return canBreak(between: left.scalar, left.width, and: right.scalar, right.width)
}

/// Whether a line may break between two adjacent non-space characters (given by their first
/// scalars and widths).
func canBreak(between a: UInt32, _ aWidth: Int, and b: UInt32, _ bWidth: Int) -> Bool {
    if isClosingPunctuation(b) || isOpeningPunctuation(a) { return false }
    if bWidth == 0 { return false }  // never separate a base from what attaches to it
    return aWidth == 2 || bWidth == 2
}

/// Characters that must not start a line (kinsoku shori for Chinese and Japanese, plus the Latin
/// punctuation that follows a word): ，。、；：？！）」』】〕〉》〗〙〛｝］”’…‥・ー々〜～％．｡､｣,
/// small kana, and , . ; : ! ? ) ] } %.
func isClosingPunctuation(_ v: UInt32) -> Bool {
    v < 0x10000 && ScalarClass.of(v).closesPunctuation
}

/// `isClosingPunctuation`'s definition, for `ScalarClass`'s table (all below U+10000).
func isClosingPunctuationByList(_ v: UInt32) -> Bool {
    switch v {
    case 0x2C, 0x2E, 0x3B, 0x3A, 0x21, 0x3F, 0x29, 0x5D, 0x7D, 0x25:
        return true
    case 0xFF0C, 0x3002, 0x3001, 0xFF1B, 0xFF1A, 0xFF1F, 0xFF01, 0xFF09, 0x300D, 0x300F, 0x3011,
         0x3015, 0x3009, 0x300B, 0x3017, 0x3019, 0x301B, 0xFF5D, 0xFF3D, 0x201D, 0x2019, 0x2026,
         0x2025, 0x30FB, 0x30FC, 0x3005, 0x301C, 0xFF5E, 0xFF05, 0xFF0E, 0xFF61, 0xFF64, 0xFF63:
        return true
    case 0x3041, 0x3043, 0x3045, 0x3047, 0x3049, 0x3063, 0x3083, 0x3085, 0x3087, 0x308E,  // ぁぃぅぇぉっゃゅょゎ
         0x30A1, 0x30A3, 0x30A5, 0x30A7, 0x30A9, 0x30C3, 0x30E3, 0x30E5, 0x30E7, 0x30EE,  // ァィゥェォッャュョヮ
         0x30F5, 0x30F6:                                                                  // ヵヶ
        return true
    default:
        return false
    }
}

/// Characters that must not end a line: （「『【〔〈《〖〘〚｛［“‘｢＄￥ and ( [ {.
func isOpeningPunctuation(_ v: UInt32) -> Bool {
    v < 0x10000 && ScalarClass.of(v).opensPunctuation
}

/// `isOpeningPunctuation`'s definition, for `ScalarClass`'s table (all below U+10000).
func isOpeningPunctuationByList(_ v: UInt32) -> Bool {
    switch v {
    case 0x28, 0x5B, 0x7B:
        return true
    case 0xFF08, 0x300C, 0x300E, 0x3010, 0x3014, 0x3008, 0x300A, 0x3016, 0x3018, 0x301A, 0xFF5B,
         0xFF3B, 0x201C, 0x2018, 0xFF62, 0xFF04, 0xFFE5:
        return true
    default:
        return false
    }
}
