/// How many brackets of a typed answer are still open: above zero, the answer goes on on the
/// next line (as Python's `...` prompt does).
enum BracketDepth {
    static func of(_ text: String) -> Int {
        var depth = 0
        var quote: Character?
        for character in text {
            if let open = quote {
                if character == open { quote = nil }
                continue
            }
            switch character {
            case "\"", "'": quote = character
            case "(", "[", "{": depth += 1
            case ")", "]", "}": depth -= 1
            default: break
            }
        }
        return depth
    }
}
