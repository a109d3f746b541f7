import Yams

/// Counts the values of a composed YAML tree before anything is built from it, without
/// recursion. An alias stands for its anchor's whole node, so a few hundred bytes of anchors can
/// stand for billions of values (a lesson's checkpoint or a submission would never finish
/// loading); Yams keeps no anchors in the tree it composes, so the count is the guard.
public enum YAMLValues {
    /// Whether `root` holds more than `limit` values (aliases counted at every use); the walk
    /// stops at `limit + 1`.
    public static func exceed(_ root: Node, limit: Int) -> Bool {
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
