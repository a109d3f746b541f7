/// A place in a lesson file, for messages of the form `file:line: message`.
public struct SourceLocation: Sendable, Equatable, Hashable, CustomStringConvertible {
    /// The file's path as given when the lesson was loaded.
    public var file: String
    /// 1-based line in the file.
    public var line: Int

    public init(file: String, line: Int) {
        self.file = file
        self.line = line
    }

    public var description: String { "\(file):\(line)" }
}

/// A problem in a lesson or course: where it is and what to do about it.
public struct LessonError: Error, Sendable, Equatable, CustomStringConvertible {
    public var location: SourceLocation
    public var message: String

    public init(_ location: SourceLocation, _ message: String) {
        self.location = location
        self.message = message
    }

    /// `file:line: message`, the form editors and CI understand.
    public var description: String { "\(location): \(message)" }
}
