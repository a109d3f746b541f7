import CZlib
import Foundation

/// The file format of trained `MLPParameters` (`tutor train --save`, `tutor predict --load`).
///
/// Version 1, all integers unsigned 32-bit little-endian, all numbers IEEE-754 Float32
/// little-endian (docs/parameter-file.md says the same at more length):
///
///     offset       size    field
///     0            8       magic: 89 4D 4C 50 0D 0A 1A 0A  ("\x89MLP\r\n\x1A\n", PNG-style: a
///                          file mangled by a text-mode transfer or cut at byte 1 fails here)
///     8            4       format version (1)
///     12           4       layer count L (1…64)
///     16           8·L     for each layer: rows, columns of its weight matrix W (the bias
///                          has `columns` entries); each layer's rows = the previous columns
///     16 + 8·L     …       for each layer: W row-major (rows·columns numbers), then b
///     end − 4      4       CRC-32 (zlib's, the one of gzip and PNG) of every byte before it
///
/// Reading checks, in order: length of the fixed header, magic, version, layer count, shapes,
/// exact file length (a truncated file or one with trailing bytes is rejected), checksum, that
/// every number is finite, and (when asked) that the network has the expected shape. Every
/// failure is a `ParameterFileError` naming the file and what is wrong.
public enum ParameterFile {
    /// The 8 bytes every parameter file starts with.
    public static let magic: [UInt8] = [0x89, 0x4D, 0x4C, 0x50, 0x0D, 0x0A, 0x1A, 0x0A]
    /// The version this code writes and reads.
    public static let version: UInt32 = 1
    /// More layers than this is taken as damage, not a network.
    public static let maxLayers = 64
    static let fixedHeader = 16
    /// Larger files are refused before reading: 64 layers of 2^31 numbers could not be trained here.
    public static let maxFileSize = 1 << 31

    /// The file's bytes for `params`.
    public static func encode(_ params: MLPParameters) -> [UInt8] {
        var out: [UInt8] = magic
        out.reserveCapacity(fixedHeader + 8 * params.weights.count + 4 * params.parameterCount + 4)
        append(version, to: &out)
        append(UInt32(params.weights.count), to: &out)
        for w in params.weights {
            append(UInt32(w.shape[0]), to: &out)
            append(UInt32(w.shape[1]), to: &out)
        }
        for (w, b) in zip(params.weights, params.biases) {
            for x in w.scalars { append(x.bitPattern, to: &out) }
            for x in b.scalars { append(x.bitPattern, to: &out) }
        }
        append(crc32(out), to: &out)
        return out
    }

    /// Parses and checks a file's bytes; `file` names the source in errors.
    public static func decode(_ bytes: [UInt8], file: String = "<memory>") throws -> MLPParameters {
        func fail(_ problem: ParameterFileError.Problem) -> ParameterFileError { ParameterFileError(file: file, problem: problem) }
        // Wrong leading bytes are "not a parameter file" even when the file is short.
        guard bytes.prefix(magic.count).elementsEqual(magic.prefix(bytes.count)) else { throw fail(.badMagic) }
        guard bytes.count >= fixedHeader else { throw fail(.truncated(expected: fixedHeader, actual: bytes.count, part: "the header")) }
        let fileVersion = readUInt32(bytes, at: 8)
        guard fileVersion != 0 else { throw fail(.badVersion) }
        guard fileVersion == version else { throw fail(.newerVersion(fileVersion)) }
        let layers = Int(readUInt32(bytes, at: 12))
        guard (1...maxLayers).contains(layers) else { throw fail(.badLayerCount(layers)) }
        let header = fixedHeader + 8 * layers
        guard bytes.count >= header else { throw fail(.truncated(expected: header, actual: bytes.count, part: "the layer shapes")) }

        var shapes: [(rows: Int, cols: Int)] = []
        var numbers = 0
        for layer in 0..<layers {
            let rows = Int(readUInt32(bytes, at: fixedHeader + 8 * layer))
            let cols = Int(readUInt32(bytes, at: fixedHeader + 8 * layer + 4))
            guard rows > 0, cols > 0 else { throw fail(.badShape(layer: layer + 1, "a weight matrix of \(rows)×\(cols)")) }
            if let previous = shapes.last, previous.cols != rows {
                throw fail(.badShape(layer: layer + 1, "weight \(rows)×\(cols) does not follow the previous layer's \(previous.cols) outputs"))
            }
            let (n, overflow) = (rows + 1).multipliedReportingOverflow(by: cols)  // W and b
            guard !overflow, n < Int(Int32.max) else { throw fail(.badShape(layer: layer + 1, "a weight matrix of \(rows)×\(cols) is too large")) }
            numbers += n
            shapes.append((rows, cols))
        }
        let expectedLength = header + 4 * numbers + 4
        guard bytes.count >= expectedLength else {
            throw fail(.truncated(expected: expectedLength, actual: bytes.count, part: "the numbers and checksum"))
        }
        guard bytes.count == expectedLength else { throw fail(.trailingBytes(bytes.count - expectedLength)) }
        let stored = readUInt32(bytes, at: expectedLength - 4)
        let computed = bytes.withUnsafeBufferPointer { crc32(UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer($0)[0..<(expectedLength - 4)])) }
        guard stored == computed else { throw fail(.checksumMismatch(stored: stored, computed: computed)) }

        var offset = header
        func floats(_ count: Int) -> [Float] {
            defer { offset += 4 * count }
            return (0..<count).map { Float(bitPattern: readUInt32(bytes, at: offset + 4 * $0)) }
        }
        var weights: [Tensor] = [], biases: [Tensor] = []
        for (rows, cols) in shapes {
            weights.append(Tensor(shape: [rows, cols], scalars: floats(rows * cols)))
            biases.append(Tensor(shape: [cols], scalars: floats(cols)))
        }
        let params = MLPParameters(weights: weights, biases: biases)
        if let bad = firstNonFinite(params) { throw fail(bad) }
        return params
    }

    /// The first NaN or infinite number, as the problem it is (a diverged training saves them).
    static func firstNonFinite(_ params: MLPParameters) -> ParameterFileError.Problem? {
        for (layer, (w, b)) in zip(params.weights, params.biases).enumerated() {
            if let i = w.scalars.firstIndex(where: { !$0.isFinite }) {
                let cols = w.shape[1]
                return .nonFinite(layer: layer + 1, at: "weight [\(i / cols), \(i % cols)]", value: "\(w.scalars[i])")
            }
            if let i = b.scalars.firstIndex(where: { !$0.isFinite }) {
                return .nonFinite(layer: layer + 1, at: "bias [\(i)]", value: "\(b.scalars[i])")
            }
        }
        return nil
    }

    /// Writes `params` to `path` atomically (a crash mid-write leaves the old file). A network
    /// holding NaN or infinite numbers is refused: no reader would take it.
    public static func write(_ params: MLPParameters, to path: String) throws {
        if let bad = firstNonFinite(params) { throw ParameterFileError(file: path, problem: bad) }
        do {
            try Data(encode(params)).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw ParameterFileError(file: path, problem: .unwritable((error as NSError).localizedDescription))
        }
    }

    /// Reads and checks `path`. With `inputs`, `hiddens` or `outputs` given, a network of
    /// another shape is an error (`wrongShape`) too.
    public static func read(path: String, inputs: Int? = nil, hiddens: [Int]? = nil, outputs: Int? = nil) throws -> MLPParameters {
        let bytes: [UInt8]
        do { bytes = try RegularFile.contents(path, limit: maxFileSize) } catch let failure as RegularFile.Failure {
            throw ParameterFileError(file: path, problem: .unreadable(failure.reason))
        }
        let params = try decode(bytes, file: path)
        let found = [params.inputs] + params.hiddens + [params.outputs]
        let expected = [inputs ?? params.inputs] + (hiddens ?? params.hiddens) + [outputs ?? params.outputs]
        guard found == expected else {
            throw ParameterFileError(file: path, problem: .wrongShape(found: found, expected: expected))
        }
        return params
    }

    private static func append(_ v: UInt32, to out: inout [UInt8]) {
        let le = v.littleEndian
        out.append(UInt8(truncatingIfNeeded: le)); out.append(UInt8(truncatingIfNeeded: le >> 8))
        out.append(UInt8(truncatingIfNeeded: le >> 16)); out.append(UInt8(truncatingIfNeeded: le >> 24))
    }

    private static func readUInt32(_ b: [UInt8], at i: Int) -> UInt32 {
        UInt32(b[i]) | UInt32(b[i + 1]) << 8 | UInt32(b[i + 2]) << 16 | UInt32(b[i + 3]) << 24
    }

    /// zlib's CRC-32 of `bytes`: the checksum a file ends with, computed over every byte before it.
    public static func crc32(_ bytes: [UInt8]) -> UInt32 {
        bytes.withUnsafeBytes { crc32($0) }
    }

    static func crc32(_ bytes: UnsafeRawBufferPointer) -> UInt32 {
        var crc: UInt = CZlib.crc32(0, nil, 0)
        var rest = bytes
        while !rest.isEmpty {  // zlib takes lengths as 32-bit
            let n = min(rest.count, 1 << 30)
            crc = CZlib.crc32(crc, rest.baseAddress!.assumingMemoryBound(to: UInt8.self), uInt(n))
            rest = UnsafeRawBufferPointer(rebasing: rest[n...])
        }
        return UInt32(truncatingIfNeeded: crc)
    }
}

/// Why a parameter file was rejected; the description names the file and the problem.
public struct ParameterFileError: Error, Equatable, CustomStringConvertible {
    public enum Problem: Equatable, Sendable {
        case unreadable(String)
        case unwritable(String)
        case truncated(expected: Int, actual: Int, part: String)
        case badMagic
        case badVersion
        case newerVersion(UInt32)
        case badLayerCount(Int)
        case badShape(layer: Int, String)
        case trailingBytes(Int)
        case checksumMismatch(stored: UInt32, computed: UInt32)
        case nonFinite(layer: Int, at: String, value: String)
        case wrongShape(found: [Int], expected: [Int])
    }

    public let file: String
    public let problem: Problem

    public init(file: String, problem: Problem) { self.file = file; self.problem = problem }

    public var description: String {
        let what: String
        switch problem {
        case let .unreadable(reason): what = "cannot read the parameter file: \(reason)"
        case let .unwritable(reason): what = "cannot write the parameter file: \(reason)"
        case let .truncated(expected, actual, part):
            what = "truncated parameter file: \(actual) bytes where \(expected) are needed for \(part)"
        case .badMagic: what = "not a parameter file (it does not start with the magic bytes 89 4D 4C 50 0D 0A 1A 0A)"
        case .badVersion: what = "damaged parameter file: format version 0 does not exist"
        case let .newerVersion(v):
            what = "parameter file format version \(v) is newer than this tutor reads (version \(ParameterFile.version)); "
                + "update the tutor, or save the network again with this one"
        case let .badLayerCount(n): what = "damaged parameter file: \(n) layers (expected 1…\(ParameterFile.maxLayers))"
        case let .badShape(layer, detail): what = "damaged parameter file: layer \(layer) has \(detail)"
        case let .trailingBytes(n): what = "damaged parameter file: \(n) unexpected bytes after the checksum"
        case let .checksumMismatch(stored, computed):
            what = String(format: "damaged parameter file: checksum %08x stored, %08x computed", stored, computed)
        case let .nonFinite(layer, at, value):
            what = "layer \(layer) \(at) is \(value) (a diverged training); only finite numbers can be saved or loaded: "
                + "train again with a smaller learning rate"
        case let .wrongShape(found, expected):
            what = "the file holds a \(found.map(String.init).joined(separator: "-")) network, "
                + "expected \(expected.map(String.init).joined(separator: "-"))"
        }
        return "\(file): \(what)"
    }
}
