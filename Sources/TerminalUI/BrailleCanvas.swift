import TerminalMarkdown
/// A grid of braille cells, each 2 dots wide and 4 dots high, on which lines are drawn dot by
/// dot. Every cell remembers which series drew into it last, for its colour.
struct BrailleCanvas {
    let columns: Int, rows: Int
    private(set) var masks: [UInt8]
    private(set) var owner: [Int?]
    /// Characters that replace a cell's dots (the series markers at data points).
    private(set) var overlay: [Character?]

    var dotWidth: Int { columns * 2 }
    var dotHeight: Int { rows * 4 }

    init(columns: Int, rows: Int) {
        self.columns = max(0, columns); self.rows = max(0, rows)
        masks = Array(repeating: 0, count: self.columns * self.rows)
        owner = Array(repeating: nil, count: self.columns * self.rows)
        overlay = Array(repeating: nil, count: self.columns * self.rows)
    }

    /// The bit of dot (x, y) within its cell, in Unicode's braille numbering.
    private static let bits: [[UInt8]] = [[0x01, 0x02, 0x04, 0x40], [0x08, 0x10, 0x20, 0x80]]

    /// Sets dot (x, y), x to the right and y downward from the top-left; dots off the canvas are ignored.
    mutating func set(_ x: Int, _ y: Int, series: Int) {
        guard x >= 0, y >= 0, x < dotWidth, y < dotHeight else { return }
        let cell = (y / 4) * columns + x / 2
        masks[cell] |= Self.bits[x % 2][y % 4]
        owner[cell] = series
    }

    /// A straight line of dots from (x0, y0) to (x1, y1), both ends included (Bresenham).
    mutating func line(_ x0: Int, _ y0: Int, _ x1: Int, _ y1: Int, series: Int) {
        var (x, y) = (x0, y0)
        let dx = abs(x1 - x0), dy = -abs(y1 - y0)
        let sx = x0 < x1 ? 1 : -1, sy = y0 < y1 ? 1 : -1
        var err = dx + dy
        while true {
            set(x, y, series: series)
            if x == x1 && y == y1 { break }
            let e2 = 2 * err
            if e2 >= dy { err += dy; x += sx }
            if e2 <= dx { err += dx; y += sy }
        }
    }

    /// Puts `marker` in the cell holding dot (x, y).
    mutating func mark(_ x: Int, _ y: Int, _ marker: Character, series: Int) {
        guard x >= 0, y >= 0, x < dotWidth, y < dotHeight else { return }
        let cell = (y / 4) * columns + x / 2
        overlay[cell] = marker
        owner[cell] = series
    }

    /// The character and owning series of cell (column, row); blank cells are spaces.
    func cell(_ column: Int, _ row: Int) -> (Character, Int?) {
        let i = row * columns + column
        if let m = overlay[i] { return (m, owner[i]) }
        if masks[i] == 0 { return (" ", nil) }
        return (Character(Unicode.Scalar(0x2800 + UInt32(masks[i]))!), owner[i])
    }
}
