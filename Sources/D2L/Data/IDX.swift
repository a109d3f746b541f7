import Foundation

/// An IDX file of unsigned bytes (the format of MNIST and Fashion-MNIST): its dimensions and
/// its elements in row-major order.
///
/// Layout: two zero bytes, a type code (0x08 = unsigned byte), the rank, one big-endian UInt32
/// per dimension, then exactly the product of the dimensions in bytes.
public struct IDXFile: Equatable, Sendable {
    public var dims: [Int]
    public var bytes: [UInt8]

    public init(dims: [Int], bytes: [UInt8]) {
        precondition(dims.reduce(1, *) == bytes.count, "dims \(dims) need \(dims.reduce(1, *)) bytes, got \(bytes.count)")
        self.dims = dims
        self.bytes = bytes
    }

    /// Reads a file, gunzipping it when it starts with the gzip magic number.
    public static func read(path: String) throws -> IDXFile {
        var bytes = try readBytes(path)
        if Gzip.isGzip(bytes) { bytes = try Gzip.decompress(bytes, file: path) }
        return try parse(consume bytes, file: path)
    }

    /// The whole file, read straight into one array (no intermediate `Data` copy).
    static func readBytes(_ path: String) throws -> [UInt8] {
        do { return try RegularFile.contents(path) } catch let failure as RegularFile.Failure {
            throw DatasetError.unreadable(file: path, reason: failure.reason)
        }
    }

    /// Parses uncompressed IDX bytes; `file` names the source in errors. Takes the array by
    /// value so the payload is moved into place, not copied (the images are 47 MB).
    public static func parse(_ bytes: consuming [UInt8], file: String = "<memory>") throws -> IDXFile {
        func fail(_ reason: String) -> DatasetError { .badIDX(file: file, reason: reason) }
        guard bytes.count >= 4 else { throw fail("only \(bytes.count) bytes, shorter than the 4-byte magic number") }
        guard bytes[0] == 0, bytes[1] == 0 else {
            throw fail(String(format: "wrong magic number: starts with 0x%02X 0x%02X, expected 0x00 0x00", bytes[0], bytes[1]))
        }
        guard bytes[2] == 0x08 else {
            throw fail(String(format: "element type 0x%02X is not supported (only 0x08, unsigned byte)", bytes[2]))
        }
        let rank = Int(bytes[3])
        guard rank >= 1 else { throw fail("rank 0 (an IDX file needs at least one dimension)") }
        let headerSize = 4 + 4 * rank
        guard bytes.count >= headerSize else {
            throw fail("truncated header: rank \(rank) needs \(headerSize) header bytes, the file has \(bytes.count)")
        }
        var dims: [Int] = []
        var expected = 1
        for d in 0..<rank {
            let o = 4 + 4 * d
            let dim = Int(bytes[o]) << 24 | Int(bytes[o + 1]) << 16 | Int(bytes[o + 2]) << 8 | Int(bytes[o + 3])
            dims.append(dim)
            let (product, overflow) = expected.multipliedReportingOverflow(by: dim)
            guard !overflow else { throw fail("dimensions \(dims) are too large") }
            expected = product
        }
        let payload = bytes.count - headerSize
        if payload < expected {
            throw fail("truncated: dimensions \(dims) need \(expected) data bytes, the file has \(payload)")
        }
        if payload > expected {
            throw fail("wrong size: dimensions \(dims) need \(expected) data bytes, the file has \(payload - expected) more")
        }
        bytes.removeFirst(headerSize)  // in place (the caller handed the array over): no second 47 MB buffer
        return IDXFile(dims: dims, bytes: bytes)
    }

    /// The file's bytes: header then payload (the inverse of `parse`).
    public func encoded() -> [UInt8] {
        var out: [UInt8] = [0, 0, 0x08, UInt8(dims.count)]
        for d in dims {
            out += [UInt8(truncatingIfNeeded: d >> 24), UInt8(truncatingIfNeeded: d >> 16),
                    UInt8(truncatingIfNeeded: d >> 8), UInt8(truncatingIfNeeded: d)]
        }
        return out + bytes
    }
}
