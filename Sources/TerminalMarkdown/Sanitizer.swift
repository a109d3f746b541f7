/// Makes control characters from Markdown input harmless, so that nothing in a document can
/// inject terminal escape sequences: C0 controls and DEL become their visible Unicode "control
/// pictures" (ESC → ␛, BEL → ␇), C1 controls become U+FFFD, line/paragraph separators become
/// spaces. Tabs and newlines are left to the caller (`keepTabsAndNewlines`) or become spaces.
func sanitize(_ text: String, keepTabsAndNewlines: Bool = false) -> String {
    // Fast path: nothing to change in the common case.
    if !text.unicodeScalars.contains(where: needsSanitizing) { return text }
    var out = String.UnicodeScalarView()
    for scalar in text.unicodeScalars {
        let v = scalar.value
        if v == 0x09 || v == 0x0A {
            out.append(keepTabsAndNewlines ? scalar : " ")
        } else if v < 0x20 {
            out.append(Unicode.Scalar(0x2400 + v)!)
        } else if v == 0x7F {
            out.append("\u{2421}")
        } else if v >= 0x80 && v < 0xA0 {
            out.append("\u{FFFD}")
        } else if v == 0x2028 || v == 0x2029 {
            out.append(" ")
        } else {
            out.append(scalar)
        }
    }
    return String(out)
}

/// URLs go inside OSC 8 sequences: keep only printable, non-space ASCII and percent-encode the
/// rest, so a URL can neither end the sequence early nor carry a control byte.
func sanitizeURL(_ url: String) -> String {
    var out = ""
    for byte in url.utf8 {
        if byte > 0x20 && byte < 0x7F {
            out.unicodeScalars.append(Unicode.Scalar(byte))
        } else {
            let hex = String(byte, radix: 16, uppercase: true)
            out += "%" + (hex.count == 1 ? "0" + hex : hex)
        }
    }
    return out
}

@inline(__always)
private func needsSanitizing(_ scalar: Unicode.Scalar) -> Bool {
    let v = scalar.value
    return v < 0x20 || (v >= 0x7F && v < 0xA0) || v == 0x2028 || v == 0x2029
}
