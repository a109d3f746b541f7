import D2L
import Foundation
import Lessons

/// Writes a checkpoint's inputs (its tensor arguments, explicit or generated) as files, so a
/// learner who follows the notes in PyTorch can load exactly the same values.
public enum CheckpointExport {
    public enum Format: String, CaseIterable, Sendable { case npy, json }

    /// Argument names that hold integer labels (written as int64).
    static let labelArguments: Set<String> = ["y"]

    /// The tensor arguments of `spec`: name and value (labels as whole numbers).
    public static func inputs(of spec: CheckpointSpec, context: CallContext) throws -> [(name: String, value: NDArray, isLabels: Bool)] {
        var out: [(String, NDArray, Bool)] = []
        for entry in spec.args where isTensorArgument(entry) {
            do {
                let t = try ArgTensors.tensor(entry.value, name: entry.name, line: entry.line, context: context)
                out.append((entry.name, NDArray(t), labelArguments.contains(entry.name)))
            } catch let e as CallError {
                throw LessonError(SourceLocation(file: spec.location.file, line: e.line ?? entry.line), e.message)
            }
        }
        return out
    }

    /// Tensors are lists of lists or generated values; `hiddens: [256]` and scalars are settings.
    static func isTensorArgument(_ e: ArgEntry) -> Bool {
        guard !["hiddens", "reshape", "vary"].contains(e.name) else { return false }
        switch e.value {
        case .list: return true
        case let .map(entries): return entries.contains { ArgTensors.generators[$0.name] != nil }
        default: return false
        }
    }

    /// Whether `name` can name an argument, and so a file in the export folder: letters,
    /// digits and `_`, not starting with a digit (`X`, `y_hat`, `W1`; never `../x`).
    public static func isArgumentName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, !("0"..."9").contains(first) else { return false }
        return name.unicodeScalars.allSatisfy { $0.isASCII && ($0 == "_" || CharacterSet.alphanumerics.contains($0)) }
    }

    /// Writes `DIR/<name>.npy` or `.json` for every tensor argument; returns the paths written.
    public static func write(_ spec: CheckpointSpec, context: CallContext, format: Format, directory: String) throws -> [String] {
        let inputs = try inputs(of: spec, context: context)
        if let bad = inputs.first(where: { !isArgumentName($0.name) }) {
            throw LessonError(spec.location(ofKey: "args"), "argument name '\(bad.name)' is not an identifier; nothing was exported")
        }
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        var paths: [String] = []
        for (name, value, isLabels) in inputs {
            let path = (directory as NSString).appendingPathComponent("\(name).\(format.rawValue)")
            let data: Data
            switch format {
            case .npy: data = NpyFile.write(value, dtype: isLabels ? .int64 : .float32)
            case .json: data = Data((nestedJSON(value, integers: isLabels) + "\n").utf8)
            }
            try data.write(to: URL(fileURLWithPath: path), options: .atomic)
            paths.append(path)
        }
        return paths
    }

    /// Nested JSON lists of the array (Float32 values printed as they round-trip).
    static func nestedJSON(_ a: NDArray, integers: Bool) -> String {
        func go(_ axis: Int, _ offset: Int) -> String {
            if axis == a.shape.count {
                let x = a.values[offset]
                return integers ? String(Int(x)) : "\(Float(x))"
            }
            let stride = a.shape[(axis + 1)...].reduce(1, *)
            return "[" + (0..<a.shape[axis]).map { go(axis + 1, offset + $0 * stride) }.joined(separator: ", ") + "]"
        }
        return go(0, 0)
    }
}
