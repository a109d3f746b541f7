/// What the renderer asks about a scalar of the Basic Multilingual Plane, answered from one table
/// of a byte per scalar, built once from the definitions (`rangeWidth`, `standsAloneByRanges`,
/// the punctuation lists): text is measured, cut and broken scalar by scalar, and a lookup beats
/// binary searches and long switches for every one.
struct ScalarClass {
    private let bits: UInt8

    /// Columns, 0...2 (for U+0300 and above; below, `scalarWidth` answers itself).
    var width: Int { Int(bits & 0x3) }
    var standsAlone: Bool { bits & 0x4 != 0 }
    var closesPunctuation: Bool { bits & 0x8 != 0 }
    var opensPunctuation: Bool { bits & 0x10 != 0 }

    /// The class of `v`, which must be below U+10000.
    static func of(_ v: UInt32) -> ScalarClass {
        table.withUnsafeBufferPointer { ScalarClass(bits: $0[Int(v & 0xFFFF)]) }
    }

    private static let table: [UInt8] = (0..<0x10000).map { (index: Int) -> UInt8 in
        let v = UInt32(index)
        var bits = UInt8(v < 0x300 ? 1 : rangeWidth(v))
        if standsAloneByRanges(v) { bits |= 0x4 }
        if isClosingPunctuationByList(v) { bits |= 0x8 }
        if isOpeningPunctuationByList(v) { bits |= 0x10 }
        return bits
    }
}
