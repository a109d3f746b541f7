import Lessons

/// The input is the YAML of one checkpoint fence; errors must name the lesson file and a line.
func fuzzCheckpointSpec(_ input: [UInt8]) -> FuzzOutcome {
    do {
        _ = try CheckpointSpecParser.parse(id: "fuzz", yaml: String(decoding: input, as: UTF8.self),
                                           file: fuzzFileName, fenceLine: 1)
        return .accepted
    } catch let error as LessonError {
        return rejection(error.description)
    } catch {
        return .broken("unexpected error \(type(of: error)): \(error)")
    }
}
