#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// GitHub strikethrough over cmark's inlines: `~~text~~` in the text nodes of one parent becomes
/// a `strikethrough` node around what lies between. A run of exactly two tildes opens when it
/// is left-flanking and closes when it is right-flanking (the rules of `*`); other runs and
/// tildes in code spans stay text. A backslash cannot keep `\~~` from striking: cmark merges
/// the escaped tilde into the text around it, so the escape is gone before this runs.
func applyStrikethrough(_ inlines: [MarkdownNode]) -> [MarkdownNode] {
    guard inlines.contains(where: { $0.kind == .text && hasDoubleTilde($0.literal) }) else { return inlines }

    enum Piece {
        case node(MarkdownNode)
        case text(String)
        case delimiter(opens: Bool, closes: Bool)
    }
    var pieces: [Piece] = []
    for (index, node) in inlines.enumerated() {
        guard node.kind == .text, let literal = node.literal, hasDoubleTilde(literal) else {
            pieces.append(.node(node))
            continue
        }
        let before = index > 0 ? neighbourClass(inlines[index - 1], atEnd: true) : .space
        let after = index + 1 < inlines.count ? neighbourClass(inlines[index + 1], atEnd: false) : .space
        let characters = Array(literal)
        var text = ""
        var i = 0
        while i < characters.count {
            guard characters[i] == "~" else { text.append(characters[i]); i += 1; continue }
            var end = i
            while end < characters.count && characters[end] == "~" { end += 1 }
            if end - i != 2 {
                text += String(characters[i..<end])
                i = end
                continue
            }
            let previous = i > 0 ? CharacterClass(characters[i - 1]) : before
            let next = end < characters.count ? CharacterClass(characters[end]) : after
            let leftFlanking = next != .space && (next != .punctuation || previous != .other)
            let rightFlanking = previous != .space && (previous != .punctuation || next != .other)
            if leftFlanking || rightFlanking {
                if !text.isEmpty { pieces.append(.text(text)); text = "" }
                pieces.append(.delimiter(opens: leftFlanking, closes: rightFlanking))
            } else {
                text += "~~"
            }
            i = end
        }
        if !text.isEmpty { pieces.append(.text(text)) }
    }

    // Match each closer with the nearest open opener.
    var partner: [Int: Int] = [:]
    var openers: [Int] = []
    for (index, piece) in pieces.enumerated() {
        guard case .delimiter(let opens, let closes) = piece else { continue }
        if closes, let opener = openers.popLast() {
            partner[opener] = index
            partner[index] = opener
        } else if opens {
            openers.append(index)
        }
    }

    // Build the nodes with a stack of open strikethroughs (no recursion: they may nest deeply).
    var frames: [[MarkdownNode]] = [[]]
    for (index, piece) in pieces.enumerated() {
        switch piece {
        case .node(let node):
            frames[frames.count - 1].append(node)
        case .text(let text):
            frames[frames.count - 1].append(MarkdownNode(kind: .text, literal: text))
        case .delimiter:
            guard let other = partner[index] else {
                frames[frames.count - 1].append(MarkdownNode(kind: .text, literal: "~~"))
                continue
            }
            if other > index {
                frames.append([])
            } else {
                let inner = frames.removeLast()
                frames[frames.count - 1].append(MarkdownNode(kind: .strikethrough, children: inner))
            }
        }
    }
    return frames[0]
}

/// Whether `text` holds `~~` (by bytes: this runs on every text node of every document).
private func hasDoubleTilde(_ text: String?) -> Bool {
    guard var text else { return false }
    text.makeContiguousUTF8()
    // memchr skips to each `~` (most text has none) without a comparison per byte here.
    return text.utf8.withContiguousStorageIfAvailable { bytes -> Bool in
        guard let start = bytes.baseAddress else { return false }
        let end = start + bytes.count
        var from = start
        while from < end, let found = memchr(from, 0x7E, end - from) {
            let tilde = UnsafePointer(found.assumingMemoryBound(to: UInt8.self))
            if tilde + 1 < end && tilde[1] == 0x7E { return true }
            from = tilde + 1
        }
        return false
    } ?? false
}

/// What a delimiter sees beside it, for the flanking rules.
private enum CharacterClass: Equatable {
    case space, punctuation, other

    init(_ character: Character) {
        if character.isWhitespace {
            self = .space
        } else if character.isPunctuation || character.isSymbol {
            self = .punctuation
        } else {
            self = .other
        }
    }
}

/// The class of the character next to a text node inside a neighbouring inline node.
private func neighbourClass(_ node: MarkdownNode, atEnd: Bool) -> CharacterClass {
    switch node.kind {
    case .softBreak, .lineBreak:
        return .space
    case .text:
        guard let literal = node.literal, let character = atEnd ? literal.last : literal.first else { return .space }
        return CharacterClass(character)
    default:
        // Code, emphasis, links…: a word-like neighbour.
        return .other
    }
}
