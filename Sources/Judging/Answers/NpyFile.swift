import D2L
import Foundation
import Lessons

/// Reads and writes NumPy `.npy` files (format versions 1–3): float32/float64 and integer
/// dtypes in C order, so a learner can `np.save` a tensor and check it.
public enum NpyFile {
    public struct Error: Swift.Error, Sendable, Equatable, CustomStringConvertible {
        public var message: LocalizedText
        public var description: String { message.en }
    }

    static func fail(_ en: String, _ zh: String) -> Error { Error(message: .init(en: en, zh: zh)) }

    /// Decodes the bytes of a `.npy` file.
    public static func read(_ data: Data) throws -> NDArray {
        let bytes = [UInt8](data)
        let magic: [UInt8] = [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59]   // \x93NUMPY
        guard bytes.count >= 10, Array(bytes[0..<6]) == magic else {
            throw fail("not a NumPy .npy file (it does not start with \\x93NUMPY); save it with np.save",
                       "不是 NumPy 的 .npy 文件（开头不是 \\x93NUMPY）；请用 np.save 保存")
        }
        let major = bytes[6]
        let headerLength: Int, headerStart: Int
        switch major {
        case 1:
            headerLength = Int(bytes[8]) | Int(bytes[9]) << 8
            headerStart = 10
        case 2, 3:
            guard bytes.count >= 12 else { throw fail("the .npy file is truncated", ".npy 文件不完整") }
            headerLength = (0..<4).reduce(0) { $0 | Int(bytes[8 + $1]) << (8 * $1) }
            headerStart = 12
        default:
            throw fail(".npy format version \(major) is not supported (1, 2 or 3 are)", "不支持 .npy 格式版本 \(major)（支持 1、2、3）")
        }
        guard bytes.count >= headerStart + headerLength else { throw fail("the .npy file is truncated", ".npy 文件不完整") }
        let header = String(decoding: bytes[headerStart..<(headerStart + headerLength)], as: UTF8.self)
        guard let descr = field("descr", in: header), let fortran = field("fortran_order", in: header),
              let shapeText = field("shape", in: header) else {
            throw fail("the .npy header is damaged: \(header.trimmingCharacters(in: .whitespacesAndNewlines))", ".npy 文件头已损坏")
        }
        if fortran.hasPrefix("True") {
            throw fail("the array is stored in Fortran order; save it in C order: np.save(path, np.ascontiguousarray(a))",
                       "数组以 Fortran 顺序存储；请按 C 顺序保存：np.save(path, np.ascontiguousarray(a))")
        }
        let shape = try parseShape(shapeText)
        let type = descr.trimmingCharacters(in: CharacterSet(charactersIn: "'\" "))
        guard type.count >= 3 else { throw unsupported(type) }
        let order = type.first!, kind = type.dropFirst().first!, size = Int(type.dropFirst(2)) ?? 0
        let bigEndian = order == ">"
        let allowed: [Character: [Int]] = ["f": [4, 8], "i": [1, 2, 4, 8], "u": [1, 2, 4, 8]]
        guard "<>|=".contains(order), allowed[kind]?.contains(size) == true else { throw unsupported(type) }
        // The header's shape is untrusted: its product, and that times the element size, may overflow.
        let (count, countOverflow) = shape.reduce((1, false)) { acc, dim in
            let (product, overflow) = acc.0.multipliedReportingOverflow(by: dim)
            return (product, acc.1 || overflow)
        }
        let (byteCount, bytesOverflow) = count.multipliedReportingOverflow(by: size)
        guard !countOverflow, !bytesOverflow else {
            throw fail("the .npy header's shape \(formatShape(shape)) holds more values than any file can; the file is damaged",
                       ".npy 文件头中的形状 \(formatShape(shape)) 包含的值多于任何文件所能容纳的；文件已损坏")
        }
        let dataStart = headerStart + headerLength
        guard bytes.count - dataStart >= byteCount else {
            throw fail("the .npy file is truncated: \(count) values of \(size) bytes expected, \(bytes.count - dataStart) bytes present",
                       ".npy 文件不完整：应有 \(count) 个 \(size) 字节的值，实际只有 \(bytes.count - dataStart) 字节")
        }
        var values = [Double](repeating: 0, count: count)
        for n in 0..<count {
            var raw: UInt64 = 0
            let base = dataStart + n * size
            for b in 0..<size {
                let byte = UInt64(bytes[base + (bigEndian ? size - 1 - b : b)])
                raw |= byte << (8 * UInt64(b))
            }
            switch (kind, size) {
            case ("f", 4): values[n] = Double(Float(bitPattern: UInt32(raw)))
            case ("f", 8): values[n] = Double(bitPattern: raw)
            case ("u", _): values[n] = Double(raw)
            default: // signed: sign-extend
                let shift = UInt64(64 - 8 * size)
                values[n] = Double(Int64(bitPattern: raw << shift) >> Int64(shift))
            }
        }
        return NDArray(shape: shape, values: values)
    }

    /// Reads a `.npy` file from disk (a regular file of at most `AnswerFile.maxBytes`).
    public static func read(path: String) throws -> NDArray {
        let bytes: [UInt8]
        do { bytes = try RegularFile.contents(path, limit: AnswerFile.maxBytes) } catch {
            throw fail("cannot read \(path): \(error)", "无法读取 \(path)：\(error)")
        }
        return try read(Data(bytes))
    }

    /// The element types `write` can produce.
    public enum DType: String, Sendable { case float32 = "<f4", float64 = "<f8", int64 = "<i8" }

    /// Encodes `array` as a version-1 `.npy` file.
    public static func write(_ array: NDArray, dtype: DType = .float32) -> Data {
        let shape = array.shape.count == 1 ? "(\(array.shape[0]),)" : "(" + array.shape.map(String.init).joined(separator: ", ") + ")"
        var header = "{'descr': '\(dtype.rawValue)', 'fortran_order': False, 'shape': \(shape), }"
        let unpadded = 10 + header.utf8.count + 1
        header += String(repeating: " ", count: (64 - unpadded % 64) % 64) + "\n"
        var data = Data([0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59, 1, 0])
        let n = header.utf8.count
        data.append(contentsOf: [UInt8(n & 0xFF), UInt8(n >> 8)])
        data.append(contentsOf: Array(header.utf8))
        for x in array.values {
            switch dtype {
            case .float32: withUnsafeBytes(of: Float(x).bitPattern.littleEndian) { data.append(contentsOf: $0) }
            case .float64: withUnsafeBytes(of: x.bitPattern.littleEndian) { data.append(contentsOf: $0) }
            case .int64: withUnsafeBytes(of: Int64(x).littleEndian) { data.append(contentsOf: $0) }
            }
        }
        return data
    }

    static func unsupported(_ type: String) -> Error {
        fail("the array's dtype \(type) is not supported; save float32, float64 or integers: np.save(path, a.astype(np.float32))",
             "不支持数组的 dtype \(type)；请保存 float32、float64 或整数：np.save(path, a.astype(np.float32))")
    }

    /// The text after `'key':` up to the next top-level comma or closing brace.
    static func field(_ key: String, in header: String) -> String? {
        guard let r = header.range(of: "'\(key)':") else { return nil }
        var depth = 0
        var out = ""
        for c in header[r.upperBound...] {
            if c == "(" { depth += 1 }
            if c == ")" { depth -= 1 }
            if depth == 0 && (c == "," || c == "}") { break }
            out.append(c)
        }
        return out.trimmingCharacters(in: .whitespaces)
    }

    static func parseShape(_ text: String) throws -> [Int] {
        let inner = text.trimmingCharacters(in: CharacterSet(charactersIn: "() "))
        if inner.isEmpty { return [] }
        let parts = inner.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        let dims = parts.compactMap { Int($0) }
        guard dims.count == parts.count, dims.allSatisfy({ $0 >= 0 }) else {
            throw fail("the .npy header has a bad shape \(text)", ".npy 文件头中的形状 \(text) 无效")
        }
        return dims
    }
}
