import D2L
import Foundation
import Lessons

/// Answers read from a file: `.npy` (NumPy) or JSON (a number, nested lists, a string for a
/// choice or a reflection).
public enum AnswerFile {
    /// The answer file `text` names when it is the path of an existing `.npy` or `.json` file
    /// (`~` expanded, quotes a shell or file manager added removed); nil when it is an answer.
    public static func typedPath(_ text: String) -> String? {
        var path = text.trimmingCharacters(in: .whitespaces)
        if path.count > 1, let first = path.first, first == path.last, first == "'" || first == "\"" {
            path = String(path.dropFirst().dropLast())
        }
        path = (path as NSString).expandingTildeInPath
        let suffix = (path as NSString).pathExtension.lowercased()
        guard suffix == "npy" || suffix == "json" else { return nil }
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), !isFolder.boolValue else { return nil }
        return path
    }

    /// An answer file larger than this is not read (a 60000×784 array of doubles is 376 MB).
    public static let maxBytes = 512 << 20

    /// Reads `path` and parses it as an answer of `kind`.
    public static func read(path: String, kind: ExpectKind, choices: [String] = []) throws -> AnswerValue {
        let data: Data
        do { data = Data(try RegularFile.contents(path, limit: maxBytes)) } catch {
            throw AnswerParseError(.init(en: "cannot read the answer file \(path): \(error)", zh: "无法读取答案文件 \(path)：\(error)"),
                                   column: nil, input: path)
        }
        if isNpy(path: path, data: data) {
            let array: NDArray
            do { array = try NpyFile.read(data) } catch let e as NpyFile.Error {
                throw AnswerParseError(.init(en: "\(path): \(e.message.en)", zh: "\(path)：\(e.message.zh)"), column: nil, input: path)
            }
            return try fromArray(array, kind: kind, path: path)
        }
        guard let written = String(data: data, encoding: .utf8) else {
            throw AnswerParseError(.init(en: "\(path) is neither a .npy file nor UTF-8 JSON", zh: "\(path) 既不是 .npy 文件也不是 UTF-8 的 JSON"),
                                   column: nil, input: path)
        }
        // Typed with a Chinese input method, as a typed answer may be.
        let text = FullWidthInput.normalized(written, for: kind)
        // JSON strings carry a choice or a reflection; everything else is numbers in JSON syntax,
        // which the typed-answer parser reads (with columns in its errors).
        if let s = (try? JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])) as? String {
            return try AnswerParser.parse(s, kind: kind, choices: choices)
        }
        return try AnswerParser.parse(text, kind: kind, choices: choices)
    }

    /// The text of a text answer file as it is read, when normalising full-width input
    /// changed it (for the note that says so); nil for a `.npy` file or unchanged text.
    public static func normalizedText(path: String, kind: ExpectKind) -> String? {
        guard let data = (try? RegularFile.contents(path, limit: maxBytes)).map({ Data($0) }), !isNpy(path: path, data: data),
              let written = String(data: data, encoding: .utf8) else { return nil }
        let text = FullWidthInput.normalized(written, for: kind)
        return text == written ? nil : text.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    private static func isNpy(path: String, data: Data) -> Bool {
        path.lowercased().hasSuffix(".npy") || data.starts(with: [0x93, 0x4E, 0x55, 0x4D])
    }

    static func fromArray(_ array: NDArray, kind: ExpectKind, path: String) throws -> AnswerValue {
        switch kind {
        case .tensor: return .array(array)
        case .number, .integer:
            guard array.count == 1 else {
                throw AnswerParseError(.init(en: "\(path): expected one number, the file holds shape \(formatShape(array.shape))",
                                             zh: "\(path)：应当是一个数，文件中是形状 \(formatShape(array.shape)) 的数组"), column: nil, input: path)
            }
            return .array(NDArray(scalar: array.values[0]))
        case .shape:
            guard array.shape.count <= 1, array.values.allSatisfy({ $0 >= 0 && $0 == $0.rounded() }) else {
                throw AnswerParseError(.init(en: "\(path): a shape is a vector of whole numbers", zh: "\(path)：形状应是由整数组成的向量"),
                                       column: nil, input: path)
            }
            return .shape(array.values.map { Int($0) })
        case .choice, .reflection, .code:
            throw AnswerParseError(.init(en: "\(path): a .npy file cannot answer a \(kind.rawValue) checkpoint",
                                         zh: "\(path)：.npy 文件不能回答这种检查点（\(kind.rawValue)）"), column: nil, input: path)
        }
    }
}
