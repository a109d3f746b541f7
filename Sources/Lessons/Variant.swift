/// Who answers, as far as per-learner inputs are concerned: the learner id and the course id.
/// The session, `tutor check`, `tutor export` and the grader all make it the same way, so a
/// learner's inputs are the same wherever they are computed.
public struct LearnerIdentity: Sendable, Hashable, Codable {
    public var learner: String
    public var course: String

    public init(learner: String, course: String) {
        self.learner = learner
        self.course = course
    }
}

/// Per-learner inputs: a generated argument written with `seed: variant` draws from a seed
/// derived from the learner, the course, the checkpoint and the argument's name.
public enum Variant {
    /// The word that marks a per-learner seed.
    public static let seedWord = "variant"

    /// The learner's seed for `argument` of `checkpoint`: the first 8 bytes of
    /// SHA-256(learner ␀ course ␀ checkpoint ␀ argument), reduced below 10⁹ so that it stays a
    /// whole number every seed argument accepts and prints as it is.
    public static func seed(for who: LearnerIdentity, checkpoint: String, argument: String) -> UInt64 {
        let text = [who.learner, who.course, checkpoint, argument].joined(separator: "\u{0}")
        let digest = SHA256.digest(Array(text.utf8))
        let head = digest.prefix(8).reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        return head % 1_000_000_000
    }

    /// Whether `value` (an argument's value) holds `seed: variant` somewhere.
    static func isVaried(_ value: ArgValue) -> Bool {
        switch value {
        case let .map(entries): return entries.contains { ($0.name == "seed" && $0.value == .string(seedWord)) || isVaried($0.value) }
        case let .list(items): return items.contains(where: isVaried)
        default: return false
        }
    }

    /// `value` with every `seed: variant` replaced by the learner's seed for `argument`.
    static func resolve(_ value: ArgValue, argument: String, checkpoint: String, for who: LearnerIdentity) -> ArgValue {
        switch value {
        case let .map(entries):
            return .map(entries.map { e in
                var e = e
                if e.name == "seed", e.value == .string(seedWord) {
                    e.value = .number(Double(seed(for: who, checkpoint: checkpoint, argument: argument)))
                } else {
                    e.value = resolve(e.value, argument: argument, checkpoint: checkpoint, for: who)
                }
                return e
            })
        case let .list(items): return .list(items.map { resolve($0, argument: argument, checkpoint: checkpoint, for: who) })
        default: return value
        }
    }
}

extension CheckpointSpec {
    /// Whether some argument (of the checkpoint or of a mistake) draws per-learner inputs.
    public var isVaried: Bool {
        args.contains { Variant.isVaried($0.value) } || mistakes.contains { $0.args.contains { Variant.isVaried($0.value) } }
    }

    /// The checkpoint as `who` sees it: every `seed: variant` replaced by the learner's seed
    /// (a mistake's argument draws the same values as the checkpoint's argument of that name).
    /// A checkpoint that does not vary is returned as it is.
    public func variant(for who: LearnerIdentity) -> CheckpointSpec {
        guard isVaried else { return self }
        var spec = self
        func resolved(_ entries: [ArgEntry]) -> [ArgEntry] {
            entries.map { e in
                var e = e
                e.value = Variant.resolve(e.value, argument: e.name, checkpoint: id, for: who)
                return e
            }
        }
        spec.args = resolved(args)
        spec.mistakes = mistakes.map { m in
            var m = m
            m.args = resolved(m.args)
            return m
        }
        return spec
    }
}
