import D2L
import Lessons

/// The arguments of one call, resolved on demand into tensors, labels and numbers.
/// Generated values (`{randn: [4, 5], seed: 3}`, `{images: 8}`) are made here.
public struct CallArgs {
    public let entries: [ArgEntry]
    let context: CallContext

    init(_ entries: [ArgEntry], context: CallContext) {
        self.entries = entries
        self.context = context
    }

    public func has(_ name: String) -> Bool { entries.contains { $0.name == name } }
    func entry(_ name: String) -> ArgEntry? { entries.first { $0.name == name } }

    func missing(_ name: String, _ what: String) -> CallError {
        CallError("missing argument `\(name)` (\(what))")
    }

    func bad(_ name: String, _ message: String) -> CallError {
        CallError("argument `\(name)`: \(message)", line: entry(name)?.line)
    }

    // MARK: numbers

    func double(_ name: String, default value: Double? = nil) throws -> Double {
        guard let e = entry(name) else {
            if let value { return value }
            throw missing(name, "a number")
        }
        guard case let .number(x) = e.value else { throw bad(name, "expected a number, found \(e.value.canonical)") }
        return x
    }

    func int(_ name: String, default value: Int? = nil, min lower: Int = 0, max upper: Int = Int.max) throws -> Int {
        guard let e = entry(name) else {
            if let value { return value }
            throw missing(name, "a whole number")
        }
        guard case let .number(x) = e.value, x == x.rounded(), abs(x) < 1e12 else {
            throw bad(name, "expected a whole number, found \(e.value.canonical)")
        }
        guard Int(x) >= lower else { throw bad(name, "must be at least \(lower), found \(Int(x))") }
        guard Int(x) <= upper else { throw bad(name, "must be at most \(upper), found \(Int(x))") }
        return Int(x)
    }

    func optionalInt(_ name: String, min lower: Int = 1) throws -> Int? {
        guard has(name) else { return nil }
        return try int(name, min: lower)
    }

    func seed(_ name: String = "seed") throws -> UInt64 {
        if case .string(Variant.seedWord)? = entry(name)?.value {
            throw bad(name, "`seed: variant` draws per-learner inputs and needs to know the learner (judge with a learner identity)")
        }
        return UInt64(try int(name, default: 0))
    }

    func string(_ name: String, default value: String, allowed: [String]) throws -> String {
        guard let e = entry(name) else { return value }
        guard case let .string(s) = e.value, allowed.contains(s) else {
            throw bad(name, "expected one of \(allowed.joined(separator: ", ")), found \(e.value.canonical)")
        }
        return s
    }

    /// A list of whole numbers such as `hiddens: [256, 128]` (a single number is a list of one).
    func intList(_ name: String, default value: [Int], min lower: Int = 1) throws -> [Int] {
        guard let e = entry(name) else { return value }
        return try ints(e.value, name: name, min: lower)
    }

    func ints(_ v: ArgValue, name: String, min lower: Int = 1) throws -> [Int] {
        let items: [ArgValue]
        switch v {
        case .number: items = [v]
        case let .list(l): items = l
        default: throw bad(name, "expected a list of whole numbers like [256], found \(v.canonical)")
        }
        return try items.map {
            guard case let .number(x) = $0, x == x.rounded(), x >= Double(lower), x < 1e9 else {
                throw bad(name, "expected whole numbers ≥ \(lower), found \($0.canonical)")
            }
            return Int(x)
        }
    }

    // MARK: tensors

    /// A tensor argument: a number, nested lists, or a generated value.
    public func tensor(_ name: String) throws -> Tensor {
        guard let e = entry(name) else { throw missing(name, "a tensor: a nested list or a generated value like {randn: [2, 3]}") }
        return try ArgTensors.tensor(e.value, name: name, line: e.line, context: context)
    }

    /// Integer labels: a list of whole numbers, or `{randint: …}`, `{labels: …}`.
    public func labels(_ name: String) throws -> [Int] {
        guard let e = entry(name) else { throw missing(name, "a list of integer labels like [0, 2]") }
        let t = try ArgTensors.tensor(e.value, name: name, line: e.line, context: context)
        guard t.rank <= 1, t.scalars.allSatisfy({ $0 >= 0 && $0 == $0.rounded() }) else {
            throw bad(name, "labels are a flat list of whole numbers ≥ 0, like [0, 2]")
        }
        return t.scalars.map { Int($0) }
    }
}

/// Turns argument values into tensors: explicit lists and generated forms.
public enum ArgTensors {
    /// The generated forms and their extra keys.
    public static let generators: [String: [String]] = [
        "randn": ["seed", "scale", "shift"], "zeros": [], "ones": [], "full": ["value"],
        "arange": ["scale", "shift"], "randint": ["high", "low", "seed"],
        "images": ["split", "offset"], "labels": ["split", "offset"],
    ]

    static func tensor(_ value: ArgValue, name: String, line: Int, context: CallContext) throws -> Tensor {
        func bad(_ m: String) -> CallError { CallError("argument `\(name)`: \(m)", line: line) }
        switch value {
        case let .number(x): return Tensor(scalar: Float(x))
        case .list:
            let (shape, values) = try nested(value, bad: bad)
            return Tensor(shape: shape, scalars: values.map(Float.init))
        case let .map(entries):
            let gens = entries.filter { generators[$0.name] != nil }
            guard gens.count == 1, let gen = gens.first else {
                throw bad("a generated value names one of \(generators.keys.sorted().joined(separator: ", ")), like {randn: [4, 5], seed: 3}")
            }
            let allowed = generators[gen.name]!
            for e in entries where e.name != gen.name && !allowed.contains(e.name) {
                throw CallError("argument `\(name)`: `\(e.name)` is not a key of {\(gen.name): …}; its keys are \(allowed.joined(separator: ", "))"
                                + suggestion(e.name, allowed), line: e.line == 0 ? line : e.line)
            }
            let args = CallArgs(entries, context: context)
            return try generate(gen, args: args, bad: bad, context: context)
        case .string, .bool:
            throw bad("expected a tensor (a nested list) or a generated value, found \(value.canonical)")
        }
    }

    static func shapeOf(_ v: ArgValue, _ bad: (String) -> CallError, key: String) throws -> [Int] {
        let dims: [ArgValue]
        switch v {
        case .number: dims = [v]
        case let .list(l): dims = l
        default: throw bad("`\(key):` takes a shape like [4, 5]")
        }
        let shape = try dims.map { d -> Int in
            guard case let .number(x) = d, x >= 0, x == x.rounded(), x < 1e8 else { throw bad("`\(key):` takes a shape of whole numbers like [4, 5]") }
            return Int(x)
        }
        // Each size is below 1e8, so a product that overflows is far past the bound too.
        let size = shape.reduce(1) { total, n in
            let (product, overflow) = total.multipliedReportingOverflow(by: n)
            return overflow ? Int.max : product
        }
        guard size <= 50_000_000 else { throw bad("the shape \(shape) is too large") }
        return shape
    }

    static func generate(_ gen: ArgEntry, args: CallArgs, bad: (String) -> CallError, context: CallContext) throws -> Tensor {
        switch gen.name {
        case "randn", "zeros", "ones", "full", "arange", "randint":
            let shape = try shapeOf(gen.value, bad, key: gen.name)
            let count = shape.reduce(1, *)
            var t: Tensor
            switch gen.name {
            case "randn": t = Tensor.randn(shape, seed: try args.seed())
            case "zeros": t = Tensor.zeros(shape)
            case "ones": t = Tensor.ones(shape)
            case "full": t = Tensor(shape: shape, scalars: [Float](repeating: Float(try args.double("value")), count: count))
            case "arange": t = Tensor(shape: shape, scalars: (0..<count).map(Float.init))
            default:
                // Whole numbers in low..<high (low defaults to 0): small ones keep a tensor hand-computable.
                let low = try args.int("low", default: 0, min: -1_000_000)
                let high = try args.int("high", min: low + 1)
                var rng = SeededRNG(seed: try args.seed())
                t = Tensor(shape: shape, scalars: (0..<count).map { _ in Float(Int.random(in: low..<high, using: &rng)) })
            }
            if gen.name == "randn" || gen.name == "arange" {
                let scale = Float(try args.double("scale", default: 1)), shift = Float(try args.double("shift", default: 0))
                if scale != 1 || shift != 0 { t.scalars = t.scalars.map { $0 * scale + shift } }
            }
            return t
        default: // images, labels
            guard case let .number(x) = gen.value, x >= 1, x == x.rounded(), x <= 1e8 else {
                throw bad("`\(gen.name):` takes how many, like {\(gen.name): 8} (the data set has 70000)")
            }
            let n = Int(x)
            let split = try args.string("split", default: "test", allowed: ["train", "test"])
            let offset = try args.int("offset", default: 0)
            let data = try context.data()
            let available = split == "train" ? data.trainLabels.count : data.testLabels.count
            guard offset + n <= available else {
                throw bad("the \(split) split has \(available) images; \(offset) + \(n) is past its end")
            }
            if gen.name == "labels" {
                let labels = split == "train" ? data.trainLabels : data.testLabels
                return Tensor(labels[offset..<(offset + n)].map(Float.init))
            }
            let images = split == "train" ? data.trainImages : data.testImages
            let pixels = images[(offset * 784)..<((offset + n) * 784)].map { Float($0) / 255 }
            return Tensor(shape: [n, 1, 28, 28], scalars: pixels)
        }
    }

    /// Nested lists → shape and row-major values; ragged lists are an error.
    static func nested(_ v: ArgValue, bad: (String) -> CallError) throws -> ([Int], [Double]) {
        switch v {
        case let .number(x): return ([], [x])
        case let .list(items):
            guard !items.isEmpty else { return ([0], []) }
            var shape: [Int]?
            var values: [Double] = []
            for item in items {
                let (s, vals) = try nested(item, bad: bad)
                if let shape, shape != s { throw bad("rows of different shapes (\(shape) and \(s)): a tensor must be rectangular") }
                shape = s
                values += vals
            }
            return ([items.count] + shape!, values)
        default: throw bad("a tensor holds numbers, found \(v.canonical)")
        }
    }
}
