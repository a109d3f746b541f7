/// `text` safe inside XML (SVG, JUnit) text and attribute values: the five special characters
/// escaped, a newline as `&#10;` (kept in attributes), other control characters, which XML 1.0
/// does not allow, as spaces.
public func xmlEscape(_ text: String) -> String {
    var out = ""
    for scalar in text.unicodeScalars {
        switch scalar {
        case "&": out += "&amp;"
        case "<": out += "&lt;"
        case ">": out += "&gt;"
        case "\"": out += "&quot;"
        case "'": out += "&apos;"
        case "\n": out += "&#10;"
        default:
            if scalar.value < 0x20, scalar != "\t" { out += " " } else { out.unicodeScalars.append(scalar) }
        }
    }
    return out
}
