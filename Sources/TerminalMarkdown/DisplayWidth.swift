/// Terminal display width: how many columns a string occupies.
///
/// Measured per grapheme cluster from a built-in table (`WidthTable.swift`), not the C library:
/// glibc's `wcwidth` is not exported by Swift's Glibc module and answers -1 for non-ASCII outside
/// a UTF-8 locale. Wide and full-width characters and emoji count 2, combining marks 0, East
/// Asian ambiguous characters 1, and ANSI escape sequences (CSI and OSC) 0.
public func displayWidth(_ s: String) -> Int {
    // Fast path: printable ASCII is one column per byte.
    if s.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return s.utf8.count }
    var total = 0
    var escape = EscapeScanner()
    for character in s {
        if escape.consume(character) { continue }
        total += characterWidth(character)
    }
    return total
}

/// The display width of one grapheme cluster (0, 1 or 2). Control characters count 0.
public func characterWidth(_ character: Character) -> Int {
    let scalars = character.unicodeScalars
    var iterator = scalars.makeIterator()
    guard let first = iterator.next() else { return 0 }
    guard let second = iterator.next() else { return scalarWidth(first.value) }
    // A cluster of several scalars: the widest of them (base + marks = base; Hangul L+V+T = 2),
    // except that an emoji presentation selector or a regional-indicator pair (a flag) makes 2.
    var width = max(scalarWidth(first.value), scalarWidth(second.value))
    var regionalIndicators = isRegionalIndicator(first.value) ? 1 : 0
    var sawPresentationSelector = second.value == 0xFE0F
    if isRegionalIndicator(second.value) { regionalIndicators += 1 }
    while let next = iterator.next() {
        width = max(width, scalarWidth(next.value))
        if next.value == 0xFE0F { sawPresentationSelector = true }
        if isRegionalIndicator(next.value) { regionalIndicators += 1 }
    }
    if regionalIndicators >= 2 || (sawPresentationSelector && width >= 1) { return 2 }
    return width
}

@inline(__always)
private func isRegionalIndicator(_ v: UInt32) -> Bool { v >= 0x1F1E6 && v <= 0x1F1FF }

/// The width of one Unicode scalar: 0, 1 or 2; control characters (C0, DEL, C1) count 0 here
/// (the renderer replaces them before measuring).
func scalarWidth(_ v: UInt32) -> Int {
    if v < 0x300 {
        if v < 0x20 || (v >= 0x7F && v < 0xA0) { return 0 }
        return 1
    }
    if inRanges(v, zeroWidthRanges) { return 0 }
    if v >= 0x1100 && inRanges(v, wideRanges) { return 2 }
    return 1
}

private func inRanges(_ v: UInt32, _ ranges: [(UInt32, UInt32)]) -> Bool {
    var low = 0
    var high = ranges.count - 1
    while low <= high {
        let mid = (low + high) >> 1
        let range = ranges[mid]
        if v < range.0 {
            high = mid - 1
        } else if v > range.1 {
            low = mid + 1
        } else {
            return true
        }
    }
    return false
}

/// Recognises ANSI escape sequences character by character, so they count no columns:
/// CSI (`ESC [ … final`), OSC (`ESC ] … BEL` or `ESC ] … ESC \`) and two-character escapes.
struct EscapeScanner {
    private enum State { case text, escape, csi, osc, oscEscape }
    private var state = State.text

    /// Returns true when `character` belongs to an escape sequence.
    mutating func consume(_ character: Character) -> Bool {
        let v = character.unicodeScalars.first!.value
        switch state {
        case .text:
            if v == 0x1B { state = .escape; return true }
            return false
        case .escape:
            state = v == 0x5B ? .csi : (v == 0x5D ? .osc : .text)
            return true
        case .csi:
            if v >= 0x40 && v <= 0x7E { state = .text }
            return true
        case .osc:
            if v == 0x07 { state = .text } else if v == 0x1B { state = .oscEscape }
            return true
        case .oscEscape:
            state = .text
            return true
        }
    }
}
