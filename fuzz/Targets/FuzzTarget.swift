/// One fuzz harness: its name (the folder of its corpus and of its saved crash inputs) and what
/// it does with one input. The libFuzzer driver (fuzz/Driver) and the regression tests both call
/// `run`, so a saved input is replayed through exactly the code that found it.
public enum FuzzTarget: String, CaseIterable, Sendable {
    /// IDX files, gunzipped first when they start with the gzip magic number.
    case idx
    /// `tutor train --save` parameter files.
    case parameterFile = "parameter-file"
    /// Markdown rendered for the terminal; the first byte picks the width and colour.
    case markdown
    /// Typed answers; the first byte picks the kind of answer expected.
    case answer
    /// The YAML of a checkpoint fence in a lesson.
    case checkpointSpec = "checkpoint-spec"
    /// NumPy `.npy` files (answers given as files).
    case npy
    /// `progress.json`.
    case progress

    public func run(_ input: [UInt8]) -> FuzzOutcome {
        switch self {
        case .idx: return fuzzIDX(input)
        case .parameterFile: return fuzzParameterFile(input)
        case .markdown: return fuzzMarkdown(input)
        case .answer: return fuzzAnswer(input)
        case .checkpointSpec: return fuzzCheckpointSpec(input)
        case .npy: return fuzzNpy(input)
        case .progress: return fuzzProgress(input)
        }
    }
}

/// What one input did. Bad input must be `rejected` with a message naming the source; `broken`
/// means the code under test did something it must not (the driver crashes on it, so libFuzzer
/// saves the input).
public enum FuzzOutcome: Equatable, Sendable {
    case accepted
    case rejected(message: String)
    case broken(String)
}

/// The name the harnesses give their input, which every error message must carry.
let fuzzFileName = "fuzz-input"

/// `.rejected` when the message names the input, else `.broken`.
func rejection(_ message: String) -> FuzzOutcome {
    message.hasPrefix(fuzzFileName) ? .rejected(message: message) : .broken("the error does not name the file: \(message)")
}
