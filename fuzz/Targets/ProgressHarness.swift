import Foundation
import Records

/// A progress file's bytes, judged as `ProgressStore.load` judges them: the current format, a
/// newer tutor's, or damage (with what can be salvaged). Nothing is an error; the harness looks
/// for crashes, hangs and runaway memory.
func fuzzProgress(_ input: [UInt8]) -> FuzzOutcome {
    _ = ProgressStore.read(Data(input))
    return .accepted
}
