import Foundation

/// The shape of a course as the tutor walks it: lessons in order, each with its checkpoints.
public struct CourseOutline: Equatable, Sendable {
    public var lessons: [LessonOutline]
    public init(lessons: [LessonOutline]) { self.lessons = lessons }

    /// Every checkpoint id in course order.
    public var checkpointIDs: [String] { lessons.flatMap(\.checkpointIDs) }

    /// The index of the lesson `query` names: its number (`2`, `02`), its file name
    /// (`02-relu.md`), its slug (`relu`, `02-relu`) or the start of its title (any case).
    public func lessonIndex(matching query: String) -> Int? {
        let wanted = query.trimmingCharacters(in: .whitespaces).lowercased()
        guard !wanted.isEmpty else { return nil }
        if let number = Int(wanted) {
            if let byPrefix = lessons.firstIndex(where: { $0.number == number }) { return byPrefix }
            return lessons.indices.contains(number) ? number : nil
        }
        if let exact = lessons.firstIndex(where: { $0.file.lowercased() == wanted || $0.stem.lowercased() == wanted
            || $0.slug.lowercased() == wanted }) {
            return exact
        }
        if let byID = lessons.firstIndex(where: { $0.checkpointIDs.contains(query) }) { return byID }
        return lessons.firstIndex(where: { $0.title.lowercased().hasPrefix(wanted) || $0.slug.lowercased().hasPrefix(wanted) })
    }
}

/// One lesson: its id (the file name without `.md`, `02-relu`), its title (first heading)
/// and its checkpoint ids in order.
public struct LessonOutline: Equatable, Sendable {
    public var id: String
    public var title: String
    public var checkpointIDs: [String]

    public init(id: String, title: String, checkpointIDs: [String]) {
        self.id = id
        self.title = title
        self.checkpointIDs = checkpointIDs
    }

    /// The id without a `.md` some callers keep.
    public var stem: String { id.hasSuffix(".md") ? String(id.dropLast(3)) : id }
    /// The file name (`02-relu.md`).
    public var file: String { stem + ".md" }
    /// The number the file name starts with (`02-relu.md` → 2), if any.
    public var number: Int? { Int(stem.prefix(while: \.isNumber)) }
    /// The file name without its number and extension (`02-relu.md` → `relu`).
    public var slug: String {
        let rest = stem.drop(while: \.isNumber)
        return String(rest.first == "-" || rest.first == "_" ? rest.dropFirst() : rest)
    }
    /// Steps of the lesson: one before each checkpoint, and one for the text after the last.
    public var stepCount: Int { checkpointIDs.count + 1 }
}
