/// Whether every byte of `text` is printable ASCII (U+0020...U+007E): the fast paths of
/// measuring and cutting text, where a byte is a column. Eight bytes are tested at a time.
func isPrintableASCII(_ text: String) -> Bool {
    var text = text
    text.makeContiguousUTF8()  // a no-op for native strings
    return text.utf8.withContiguousStorageIfAvailable { bytes -> Bool in
        guard let base = bytes.baseAddress else { return true }
        let highBits: UInt64 = 0x8080_8080_8080_8080
        let ones: UInt64 = 0x0101_0101_0101_0101
        var i = 0
        while i + 8 <= bytes.count {
            let word = UInt64(littleEndian: UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self))
            // A high bit survives for a byte of 0x80 or more (word), of 0x7F (word + 1), or below
            // 0x20 (word - 0x20 borrows; exact while no byte is below 0x20, which is what is asked).
            if (word | (word &+ ones) | ((word &- ones &* 0x20) & ~word)) & highBits != 0 { return false }
            i += 8
        }
        while i < bytes.count {
            if bytes[i] < 0x20 || bytes[i] >= 0x7F { return false }
            i += 1
        }
        return true
    } ?? text.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7F }
}
