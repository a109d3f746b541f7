import Foundation

/// Text that came from a submission (a learner's name, an echoed answer, a message quoting
/// one), made safe to print: reports are data, never instructions to a terminal or a
/// spreadsheet.
public enum ReportText {
    /// `text` without terminal escape sequences (CSI, OSC, …) or other control characters;
    /// tabs become spaces, and line breaks too unless `keepLineBreaks`.
    public static func plain(_ text: String, keepLineBreaks: Bool = false) -> String {
        var out = String.UnicodeScalarView()
        var scalars = text.unicodeScalars.makeIterator()
        while let c = scalars.next() {
            switch c.value {
            case 0x1B:
                skipEscape(&scalars)
            case 0x9B:
                skipCSI(&scalars)
            case 0x9D, 0x90, 0x98, 0x9E, 0x9F:
                skipString(&scalars)
            case 0x0A where keepLineBreaks:
                out.append(c)
            case 0x09, 0x0A, 0x0D:
                out.append(" ")
            case 0x00..<0x20, 0x7F, 0x80..<0xA0:
                continue
            default:
                out.append(c)
            }
        }
        return String(out)
    }

    /// A CSV field: plain text; a cell a spreadsheet would read as a formula (`=`, `+`, `-`,
    /// `@` first) gets a leading `'`; quoted when it holds a comma, a quote or a line break.
    public static func csvField(_ text: String) -> String {
        var cell = plain(text, keepLineBreaks: true)
        if let first = cell.unicodeScalars.first, "=+-@".unicodeScalars.contains(first) { cell = "'" + cell }
        guard cell.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "'" }) else { return cell }
        return "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// After ESC: a CSI (`[` … final byte), an OSC or other string (`]`, `P`, `X`, `^`, `_` … BEL
    /// or ESC \), or one more character.
    private static func skipEscape(_ s: inout String.UnicodeScalarView.Iterator) {
        guard let next = s.next() else { return }
        switch next {
        case "[": skipCSI(&s)
        case "]", "P", "X", "^", "_": skipString(&s)
        default: return
        }
    }

    private static func skipCSI(_ s: inout String.UnicodeScalarView.Iterator) {
        while let c = s.next(), !(0x40...0x7E).contains(c.value) {}
    }

    private static func skipString(_ s: inout String.UnicodeScalarView.Iterator) {
        var sawEscape = false
        while let c = s.next() {
            if c.value == 0x07 || c.value == 0x9C || (sawEscape && c == "\\") { return }
            sawEscape = c.value == 0x1B
        }
    }
}
