import D2L
import Lessons

/// One call a checkpoint can name: its arguments and how to compute it.
public struct CallDefinition: Sendable {
    public let name: String
    /// One line for authors (`tutor lint` and the docs).
    public let summary: String
    /// Argument names it accepts (`W1`, `b1`, … are matched by `acceptsArgument`).
    public let parameters: [String]
    /// A mistake call: computes a typical wrong answer.
    public let isMistake: Bool
    /// The training runs the call needs (the arguments of each); a call that trains nothing has none.
    public let trainings: @Sendable (CallArgs) throws -> [CallArgs]
    let run: @Sendable (CallArgs) throws -> CallResult

    init(name: String, summary: String, parameters: [String], isMistake: Bool = false,
         trainings: @escaping @Sendable (CallArgs) throws -> [CallArgs] = { _ in [] },
         run: @escaping @Sendable (CallArgs) throws -> CallResult) {
        self.name = name
        self.summary = summary
        self.parameters = parameters
        self.isMistake = isMistake
        self.trainings = trainings
        self.run = run
    }

    public func acceptsArgument(_ name: String) -> Bool {
        if parameters.contains(name) { return true }
        if parameters.contains("W1") {   // net's layers: W1 b1 W2 b2 W3 b3 …
            for prefix in ["W", "b"] where name.hasPrefix(prefix) {
                if let n = Int(name.dropFirst()), n >= 1 { return true }
            }
        }
        return false
    }
}

/// The one place that maps checkpoint call names to the library's functions.
public struct CallRegistry: Sendable {
    public let definitions: [String: CallDefinition]

    public init(_ definitions: [CallDefinition]) {
        self.definitions = Dictionary(definitions.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
    }

    /// relu, softmax, net, loss, train, sweep, evaluate_accuracy, predict, param_count, shape,
    /// and the mistake calls.
    public static let standard = CallRegistry(LibraryCalls.all + SearchCalls.all + GradientCalls.all + EvaluationCalls.all + MistakeCalls.all)

    /// Call names, sorted.
    public var names: [String] { definitions.keys.sorted() }

    /// The definition of `name`, or an error that suggests a close name.
    public func definition(_ name: String) throws -> CallDefinition {
        guard let d = definitions[name] else {
            throw CallError("unknown call '\(name)'" + suggestion(name, names) + "; calls: " + names.filter { definitions[$0]?.isMistake == false }.joined(separator: ", "))
        }
        return d
    }

    /// Checks argument names against the call's parameters.
    public func checkArgumentNames(_ call: String, _ args: [ArgEntry]) throws {
        let d = try definition(call)
        // `shape` with `of: <call>` takes that call's arguments.
        if call == "shape", let of = args.first(where: { $0.name == "of" }), case let .string(inner) = of.value,
           definitions[inner] != nil, inner != "shape" {
            try checkArgumentNames(inner, args.filter { $0.name != "of" })
            return
        }
        for a in args where !d.acceptsArgument(a.name) {
            throw CallError("`\(call)` has no argument `\(a.name)`" + suggestion(a.name, d.parameters)
                            + "; its arguments are \(d.parameters.joined(separator: ", "))", line: a.line)
        }
    }

    /// Runs `call` on `args` (training runs come from the run cache when they are there).
    public func run(_ call: String, args: [ArgEntry], context: CallContext) throws -> CallResult {
        try checkArgumentNames(call, args)
        let d = try definition(call)
        // A call's result depends only on its arguments, the data and the library: one grading
        // run asks for the same reference once per submission, and computes it once. A judgement
        // that watches its training (a progress bar, Ctrl-C) always runs it.
        guard context.observer == nil else { return try d.run(CallArgs(args, context: context)) }
        let key = call + "(" + args.map { $0.name + ":" + $0.value.canonical }.sorted().joined(separator: ",") + ")"
        if let known = context.environment.knownResult(key) { return known }
        let result = try d.run(CallArgs(args, context: context))
        context.environment.remember(result, key: key)
        return result
    }

    /// Whether running `call` on `args` trains a network that is not in the cache yet
    /// (worth a progress bar and a word of warning).
    public func isExpensive(_ call: String, args: [ArgEntry], environment: CallEnvironment) -> Bool {
        !missingRuns(call, args: args, environment: environment).isEmpty
    }

    /// The training runs of `call` on `args` that the cache lacks (every one without a cache,
    /// and those whose settings do not make a run).
    func missingRuns(_ call: String, args: [ArgEntry], environment: CallEnvironment) -> [CallArgs] {
        guard let d = definitions[call], let runs = try? d.trainings(CallArgs(args, context: CallContext(environment))) else { return [] }
        guard let cache = environment.cache else { return runs }
        return runs.filter { run in
            guard let config = try? LibraryCalls.trainConfig(run), let fingerprint = try? LibraryCalls.runFingerprint(run) else { return true }
            return cache.lookup(config, dataFingerprint: fingerprint) == nil
        }
    }
}
