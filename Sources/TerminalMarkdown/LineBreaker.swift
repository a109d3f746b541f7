/// Breaks a run of cells into lines no wider than `width` columns.
///
/// English breaks at spaces; CJK text may break between any two wide characters (and between a
/// wide character and Latin text), except that a line never starts with closing punctuation
/// (，。、；：？！）」 …) nor ends with opening punctuation (（「《 …). Words longer than a line are
/// broken hard. Spaces at the start and end of lines are dropped, so no line carries trailing
/// padding. `Cell.hardBreakMarker` forces a new line.
func breakLines(_ input: [Cell], width: Int) -> [[Cell]] {
    let width = max(width, 1)
    var lines: [[Cell]] = []
    var line: [Cell] = []
    var lineWidth = 0
    var pendingSpaces: [Cell] = []
    var pendingWidth = 0
    var index = 0

    func finishLine() {
        lines.append(line)
        line = []
        lineWidth = 0
    }

    while index < input.count {
        let cell = input[index]
        if cell.character == Cell.hardBreakMarker {
            finishLine()
            pendingSpaces = []
            pendingWidth = 0
            index += 1
            continue
        }
        if cell.isSpace {
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
        while end < input.count, !input[end].isSpace, input[end].character != Cell.hardBreakMarker,
              !canBreak(between: input[end - 1].character, input[end - 1].width,
                        and: input[end].character, input[end].width) {
            wordWidth += input[end].width
            end += 1
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
    if !line.isEmpty || lines.isEmpty { lines.append(line) }
    return lines
}

/// Whether a line may break between two adjacent non-space characters.
func canBreak(between a: Character, _ aWidth: Int, and b: Character, _ bWidth: Int) -> Bool {
    if closingPunctuation.contains(b) || openingPunctuation.contains(a) { return false }
    if bWidth == 0 { return false }  // never separate a base from what attaches to it
    return aWidth == 2 || bWidth == 2
}

/// Characters that must not start a line (kinsoku shori for Chinese and Japanese, plus the Latin
/// punctuation that follows a word).
let closingPunctuation: Set<Character> = [
    "，", "。", "、", "；", "：", "？", "！", "）", "」", "』", "】", "〕", "〉", "》", "〗", "〙",
    "〛", "｝", "］", "”", "’", "…", "‥", "・", "ー", "々", "〜", "～", "％", "．", "｡", "､", "｣",
    "ぁ", "ぃ", "ぅ", "ぇ", "ぉ", "っ", "ゃ", "ゅ", "ょ", "ゎ", "ァ", "ィ", "ゥ", "ェ", "ォ", "ッ",
    "ャ", "ュ", "ョ", "ヮ", "ヵ", "ヶ",
    ",", ".", ";", ":", "!", "?", ")", "]", "}", "%",
]

/// Characters that must not end a line.
let openingPunctuation: Set<Character> = [
    "（", "「", "『", "【", "〔", "〈", "《", "〖", "〘", "〚", "｛", "［", "“", "‘", "｢", "＄", "￥",
    "(", "[", "{",
]
