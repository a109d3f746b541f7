import Yams

/// Bounds on YAML a person hands the tutor (a lesson's checkpoint, a submission), checked before
/// anything deep or large is built: Yams composes a tree by recursing once per level of nesting
/// (a stack overflow a few thousand levels down), and an alias stands for its anchor's whole
/// node, so a few hundred bytes of aliases of aliases can stand for billions of values.
public enum YAMLBounds {
    /// The deepest nesting of `[`, `{` and `(` in `text`, outside quoted strings.
    public static func bracketDepth(_ text: String) -> Int {
        var depth = 0, deepest = 0
        var quote: UInt8? = nil
        var escaped = false
        for byte in text.utf8 {
            if let q = quote {
                if escaped { escaped = false } else if byte == UInt8(ascii: "\\") { escaped = true } else if byte == q { quote = nil }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "'"): quote = byte
            case UInt8(ascii: "["), UInt8(ascii: "{"), UInt8(ascii: "("): depth += 1; deepest = max(deepest, depth)
            case UInt8(ascii: "]"), UInt8(ascii: "}"), UInt8(ascii: ")"): depth = max(depth - 1, 0)
            default: break
            }
        }
        return deepest
    }

    /// An upper bound of the nesting YAML `text` can have: its flow brackets, plus per line
    /// the indentation and the `- `, `? ` and `: ` that each open a level in front of the line's
    /// content (`- - ? - x` is four deep). Cheap, and checked before the parser (which recurses
    /// once per level) sees the text.
    public static func depthBound(_ text: String) -> Int {
        var deepestLine = 0
        for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
            var spaces = 0, indicators = 0
            var rest = Substring(line)
            while let c = rest.first, c == " " || c == "\t" { spaces += 1; rest = rest.dropFirst() }
            while let c = rest.first, c == "-" || c == "?" || c == ":", rest.count == 1 || rest.dropFirst().first == " " {
                indicators += 1
                rest = rest.dropFirst().drop { $0 == " " }
            }
            // Two spaces of indentation make a level; every indicator does.
            deepestLine = max(deepestLine, spaces / 2 + indicators)
        }
        return bracketDepth(text) + deepestLine + 1
    }

    /// Whether the composed tree `root` holds more than `limit` values, aliases counted at every
    /// use (Yams keeps no anchors in the tree, so the count is the guard). The walk needs no
    /// recursion and stops at `limit + 1`.
    public static func valuesExceed(_ root: Node, limit: Int) -> Bool {
        var stack = [root]
        var count = 0
        while let node = stack.popLast() {
            count += 1
            if count > limit { return true }
            switch node {
            case .scalar, .alias: break
            case let .sequence(s): stack.append(contentsOf: s)
            case let .mapping(m): for (k, v) in m { stack.append(k); stack.append(v) }
            }
        }
        return false
    }
}
