/// Terminal display width: how many columns a string occupies.
///
/// Measured per grapheme cluster from a built-in table (`WidthTable.swift`), not the C library:
/// glibc's `wcwidth` is not exported by Swift's Glibc module and answers -1 for non-ASCII outside
/// a UTF-8 locale. Wide and full-width characters and emoji count 2, combining marks 0, East
/// Asian ambiguous characters 1, and ANSI escape sequences (CSI and OSC) 0.
public func displayWidth(_ s: String) -> Int {
    // Fast path: printable ASCII is one column per byte.
    if isPrintableASCII(s) { return s.utf8.count }
    var total = 0
    var escape = EscapeScanner()
    forEachCluster(s) { first, character in
        if escape.consume(first) { return }
        total += character.map(characterWidth) ?? scalarWidth(first)
    }
    return total
}

/// Calls `body` with each grapheme cluster of `text` in order: its first scalar, and the
/// Character itself only when the cluster is not a lone scalar that `standsAlone` (then the
/// first scalar is all of it, and no grapheme breaking was needed to find it).
func forEachCluster(_ text: String, _ body: (UInt32, Character?) -> Void) {
    var text = text
    text.makeContiguousUTF8()  // a no-op for native strings
    text.utf8.withContiguousStorageIfAvailable { bytes in
        let count = bytes.count
        /// The scalar at a byte offset and its length (a String's UTF-8 is valid).
        func scalar(at i: Int) -> (UInt32, Int) {
            let lead = UInt32(bytes[i])
            if lead < 0x80 { return (lead, 1) }
            if lead < 0xE0 { return ((lead & 0x1F) << 6 | UInt32(bytes[i + 1] & 0x3F), 2) }
            if lead < 0xF0 {
                return ((lead & 0x0F) << 12 | UInt32(bytes[i + 1] & 0x3F) << 6 | UInt32(bytes[i + 2] & 0x3F), 3)
            }
            return ((lead & 0x07) << 18 | UInt32(bytes[i + 1] & 0x3F) << 12 | UInt32(bytes[i + 2] & 0x3F) << 6
                        | UInt32(bytes[i + 3] & 0x3F), 4)
        }
        var i = 0
        while i < count {
            let (value, length) = scalar(at: i)
            let next = i + length
            if standsAlone(value), next == count || standsAlone(scalar(at: next).0) {
                body(value, nil)
                i = next
            } else {
                // `i` is a cluster boundary: the text before it was cut at boundaries only.
                let character = text[text.utf8.index(text.utf8.startIndex, offsetBy: i)]
                body(value, character)
                i += character.utf8.count
            }
        }
    }
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
    if v < 0x10000 { return ScalarClass.of(v).width }
    return rangeWidth(v)
}

/// The width of a scalar of U+0300 or above from the tables' ranges.
func rangeWidth(_ v: UInt32) -> Int {
    if inRanges(v, zeroWidthRanges) { return 0 }
    if v >= 0x1100 && inRanges(v, wideRanges) { return 2 }
    return 1
}

/// Whether a grapheme cluster always ends before and after `v` when its neighbour is also such
/// a scalar: printable text that no combining mark, joiner, jamo or regional indicator belongs
/// to. Two of them side by side are two Characters, so text made of them can be measured and
/// cut scalar by scalar, without Unicode's grapheme breaking (most of a renderer's time on
/// non-ASCII text). `TextSegmentationTests` checks every one against Swift's own breaking.
func standsAlone(_ v: UInt32) -> Bool {
    v < 0x10000 && ScalarClass.of(v).standsAlone
}

/// `standsAlone`'s definition, for `ScalarClass`'s table (all of these are below U+10000).
func standsAloneByRanges(_ v: UInt32) -> Bool {
    switch v {
    case 0x20...0x7E,                // ASCII, printable
         0xA0...0xAC, 0xAE...0x2FF,  // Latin-1 and Latin Extended (U+00AD soft hyphen is a control)
         0x370...0x482,              // Greek, Cyrillic (their combining marks are U+0300..., U+0483...)
         0x2010...0x2027,            // dashes, quotes, bullets, ellipsis
         0x3000...0x3029,            // CJK spaces and punctuation (U+302A... are tone marks)
         0x3041...0x3096, 0x30A1...0x30FA,  // kana (U+3099, U+309A combine)
         0x3400...0x4DBF, 0x4E00...0x9FFF,  // CJK ideographs
         0xFF01...0xFF5E,            // full-width ASCII
         0xFFFD:                     // the replacement character (what invalid UTF-8 becomes)
        return true
    default:
        return false
    }
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
        consume(character.unicodeScalars.first!.value)
    }

    /// The same for a cluster given by its first scalar.
    mutating func consume(_ v: UInt32) -> Bool {
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
