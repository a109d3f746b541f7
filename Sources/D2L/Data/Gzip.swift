import CZlib

/// gzip through zlib: decompress a `.gz` file's bytes, and compress (used by tests and tools).
public enum Gzip {
    /// True when the bytes start with the gzip magic number 1f 8b.
    public static func isGzip(_ bytes: [UInt8]) -> Bool {
        bytes.count >= 2 && bytes[0] == 0x1f && bytes[1] == 0x8b
    }

    /// No data file of this library is larger once decompressed (Fashion-MNIST's largest is 47 MB).
    public static let maxDecompressedSize = 1 << 30

    /// The decompressed contents of a gzip stream (several concatenated members are allowed).
    /// `file` names the source in errors; output beyond `limit` bytes is an error (a gzip bomb).
    public static func decompress(_ input: [UInt8], file: String = "<memory>", limit: Int = maxDecompressedSize) throws -> [UInt8] {
        guard isGzip(input) else { throw DatasetError.badGzip(file: file, reason: "missing the gzip magic number 1f 8b") }
        let capacity = initialCapacity(input, limit: limit)
        var output = [UInt8](repeating: 0, count: capacity)
        var produced = 0
        var stream = z_stream()
        // 15 + 16: a gzip wrapper around a deflate stream with a 32 KiB window.
        guard inflateInit2_(&stream, 15 + 16, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw DatasetError.badGzip(file: file, reason: "zlib could not start (\(String(cString: stream.msg)))")
        }
        defer { inflateEnd(&stream) }

        try input.withUnsafeBufferPointer { inBuf in
            var consumed = 0
            while true {
                if produced == output.count {
                    guard output.count < limit else {
                        throw DatasetError.badGzip(file: file, reason: "it decompresses to more than \(limit) bytes, more than any data file")
                    }
                    output.append(contentsOf: repeatElement(0, count: min(output.count, limit - output.count)))
                }
                let status: Int32 = output.withUnsafeMutableBufferPointer { outBuf in
                    stream.next_in = UnsafeMutablePointer(mutating: inBuf.baseAddress! + consumed)
                    stream.avail_in = UInt32(min(inBuf.count - consumed, Int(UInt32.max)))
                    stream.next_out = outBuf.baseAddress! + produced
                    stream.avail_out = UInt32(min(outBuf.count - produced, Int(UInt32.max)))
                    let inBefore = Int(stream.avail_in), outBefore = Int(stream.avail_out)
                    let status = inflate(&stream, Z_NO_FLUSH)
                    consumed += inBefore - Int(stream.avail_in)
                    produced += outBefore - Int(stream.avail_out)
                    return status
                }
                switch status {
                case Z_OK:
                    continue
                case Z_BUF_ERROR:
                    // No progress possible: either the output is full (grow it) or the input ran out.
                    if produced < output.count {
                        throw DatasetError.badGzip(file: file, reason: "the compressed data is truncated")
                    }
                case Z_STREAM_END:
                    // Another gzip member may follow (as `cat a.gz b.gz` makes).
                    if consumed < inBuf.count {
                        guard inBuf[consumed] == 0x1f else {
                            throw DatasetError.badGzip(
                                file: file, reason: "\(inBuf.count - consumed) bytes of trailing data after the gzip stream")
                        }
                        inflateReset(&stream)
                        continue
                    }
                    output.removeSubrange(produced...)
                    return
                default:
                    let message = stream.msg.map { String(cString: $0) } ?? "zlib error \(status)"
                    throw DatasetError.badGzip(file: file, reason: message)
                }
            }
        }
        return output
    }

    /// The first size of the output buffer. The trailer's ISIZE (size mod 2^32) is only a hint: a
    /// damaged one must not allocate gigabytes, so it is believed up to 8× the input (data files
    /// compress 2–4×); beyond that the buffer grows as the output really does.
    static func initialCapacity(_ input: [UInt8], limit: Int) -> Int {
        var capacity = 1 << 16
        if input.count >= 18 {
            let n = input.count
            let isize = Int(input[n - 4]) | Int(input[n - 3]) << 8 | Int(input[n - 2]) << 16 | Int(input[n - 1]) << 24
            capacity = max(capacity, min(isize, 8 * n))
        }
        return max(1, min(capacity, limit))
    }

    /// The bytes compressed as one gzip member (zlib's default level).
    public static func compress(_ input: [UInt8]) -> [UInt8] {
        var stream = z_stream()
        let ok = deflateInit2_(&stream, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY,
                               zlibVersion(), Int32(MemoryLayout<z_stream>.size))
        precondition(ok == Z_OK, "zlib deflateInit2 failed: \(ok)")
        defer { deflateEnd(&stream) }
        var output = [UInt8](repeating: 0, count: Int(deflateBound(&stream, UInt(input.count))) + 32)
        var input = input
        let status: Int32 = input.withUnsafeMutableBufferPointer { inBuf in
            output.withUnsafeMutableBufferPointer { outBuf in
                stream.next_in = inBuf.baseAddress
                stream.avail_in = UInt32(inBuf.count)
                stream.next_out = outBuf.baseAddress
                stream.avail_out = UInt32(outBuf.count)
                return deflate(&stream, Z_FINISH)
            }
        }
        precondition(status == Z_STREAM_END, "zlib deflate did not finish: \(status)")
        output.removeSubrange(Int(stream.total_out)...)
        return output
    }
}
