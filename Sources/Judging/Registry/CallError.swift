import Lessons

/// A call that cannot run as written: an unknown call or argument, a malformed value, shapes
/// that do not fit. `line` is the lesson line of the argument at fault, when known.
public struct CallError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public var line: Int?
    /// The observer stopped a training run: not a lesson bug, and nothing is cached.
    public var interrupted: Bool

    public init(_ message: String, line: Int? = nil, interrupted: Bool = false) {
        self.message = message
        self.line = line
        self.interrupted = interrupted
    }

    public var description: String { message }
}
