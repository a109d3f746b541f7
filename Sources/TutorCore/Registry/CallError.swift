/// A call that cannot run as written: an unknown call or argument, a malformed value, shapes
/// that do not fit. `line` is the lesson line of the argument at fault, when known.
public struct CallError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public var line: Int?

    public init(_ message: String, line: Int? = nil) {
        self.message = message
        self.line = line
    }

    public var description: String { message }
}
