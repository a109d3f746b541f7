import Foundation
import Testing
@testable import Judging
@testable import LearnerCode
@testable import Lessons
@testable import Records
@testable import TerminalUI

/// Builds a .npy file by hand, as NumPy writes it.
private func npy(descr: String, fortran: Bool = false, shape: String, payload: [UInt8], version: UInt8 = 1) -> Data {
    var header = "{'descr': '\(descr)', 'fortran_order': \(fortran ? "True" : "False"), 'shape': \(shape), }"
    let pre = version == 1 ? 10 : 12
    header += String(repeating: " ", count: (64 - (pre + header.utf8.count + 1) % 64) % 64) + "\n"
    var d = Data([0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59, version, 0])
    let n = header.utf8.count
    d.append(contentsOf: version == 1 ? [UInt8(n & 255), UInt8(n >> 8)] : [UInt8(n & 255), UInt8(n >> 8), 0, 0])
    d.append(contentsOf: Array(header.utf8))
    d.append(contentsOf: payload)
    return d
}

private func bytes<T>(_ values: [T]) -> [UInt8] { values.withUnsafeBytes { Array($0) } }

@Test func readsFloat32Float64AndInts() throws {
    let f4 = try NpyFile.read(npy(descr: "<f4", shape: "(2, 2)", payload: bytes([Float(0), 2, 3, 0.5])))
    #expect(f4 == NDArray(shape: [2, 2], values: [0, 2, 3, 0.5]))
    let f8 = try NpyFile.read(npy(descr: "<f8", shape: "(3,)", payload: bytes([1.0 / 3, -1, 1e30]), version: 2))
    #expect(f8 == NDArray(shape: [3], values: [1.0 / 3, -1, 1e30]))
    let i8 = try NpyFile.read(npy(descr: "<i8", shape: "(2,)", payload: bytes([Int64(-7), 9])))
    #expect(i8.values == [-7, 9])
    let i4 = try NpyFile.read(npy(descr: "<i4", shape: "()", payload: bytes([Int32(-3)])))
    #expect(i4 == NDArray(scalar: -3))
    let be = try NpyFile.read(npy(descr: ">f4", shape: "(1,)", payload: bytes([Float(1.5).bitPattern.bigEndian])))
    #expect(be.values == [1.5])
}

@Test func rejectsFortranOrderAndOtherDtypes() {
    #expect { try NpyFile.read(npy(descr: "<f4", fortran: true, shape: "(1, 1)", payload: bytes([Float(1)]))) } throws: {
        ($0 as? NpyFile.Error)?.message.en.contains("Fortran order") == true
    }
    #expect { try NpyFile.read(npy(descr: "<c8", shape: "(1,)", payload: [UInt8](repeating: 0, count: 8))) } throws: {
        ($0 as? NpyFile.Error)?.message.en.contains("dtype <c8") == true
    }
    #expect { try NpyFile.read(npy(descr: "<f4", shape: "(4,)", payload: bytes([Float(1)]))) } throws: {
        ($0 as? NpyFile.Error)?.message.en.contains("truncated") == true
    }
    #expect(throws: NpyFile.Error.self) { try NpyFile.read(Data("[1, 2]".utf8)) }
}

@Test func writeThenReadRoundTrips() throws {
    let a = NDArray(shape: [2, 3], values: [1, -2, 3.5, 0, 1e-3, 7])
    #expect(try NpyFile.read(NpyFile.write(a, dtype: .float64)) == a)
    let data = NpyFile.write(a)
    #expect((data.count - 8 - 2 - 0) % 1 == 0)
    let headerLength = Int(data[8]) | Int(data[9]) << 8
    #expect((10 + headerLength) % 64 == 0)   // NumPy aligns the data to 64 bytes
    let back = try NpyFile.read(data)
    #expect(back.shape == [2, 3] && abs(back.values[4] - 1e-3) < 1e-9)
}

@Test func answerFilesJSONAndNpy() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("npy-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    try Data("[[0.0, 2.0]]".utf8).write(to: URL(fileURLWithPath: dir + "/a.json"))
    #expect(try AnswerFile.read(path: dir + "/a.json", kind: .tensor) == .array(NDArray(shape: [1, 2], values: [0, 2])))
    try Data("\"b\"".utf8).write(to: URL(fileURLWithPath: dir + "/c.json"))
    #expect(try AnswerFile.read(path: dir + "/c.json", kind: .choice, choices: ["x", "y"]) == .choice(1))
    try NpyFile.write(NDArray(shape: [1], values: [0.125])).write(to: URL(fileURLWithPath: dir + "/n.npy"))
    #expect(try AnswerFile.read(path: dir + "/n.npy", kind: .number) == .array(NDArray(scalar: 0.125)))
    #expect(throws: AnswerParseError.self) { try AnswerFile.read(path: dir + "/missing.npy", kind: .tensor) }
}

/// Files written by NumPy itself (scripts/make-npy-fixtures.py).
@Test func readsFilesWrittenByNumPy() throws {
    let dir = Fixtures.root + "/npy/"
    let relu = NDArray(shape: [2, 3], values: [0, 0, 2, 3, 0, 0.5])
    #expect(try NpyFile.read(path: dir + "relu-float32.npy") == relu)
    #expect(try NpyFile.read(path: dir + "relu-float64.npy") == relu)
    #expect(try NpyFile.read(path: dir + "labels-int64.npy") == NDArray(shape: [4], values: [9, 2, 1, 1]))
    #expect(try NpyFile.read(path: dir + "scalar-float32.npy") == NDArray(scalar: 0.125))
    #expect { try NpyFile.read(path: dir + "fortran.npy") } throws: { ($0 as? NpyFile.Error)?.message.en.contains("Fortran") == true }
    #expect { try NpyFile.read(path: dir + "complex.npy") } throws: { ($0 as? NpyFile.Error)?.message.en.contains("<c8") == true }
    // …and as answer files, through the checker's reader.
    #expect(try AnswerFile.read(path: dir + "relu-float32.npy", kind: .tensor) == .array(relu))
    #expect(throws: AnswerParseError.self) { try AnswerFile.read(path: dir + "fortran.npy", kind: .tensor) }
}

@Test(arguments: ["(4611686018427387904, 4)", "(3037000500, 3037000500)", "(1152921504606846976,)"])
func aShapeTooLargeForAnyFileIsAnErrorNotATrap(shape: String) {
    #expect { try NpyFile.read(npy(descr: "<f8", shape: shape, payload: bytes([1.0]))) } throws: {
        ($0 as? NpyFile.Error)?.message.en.contains("holds more values than any file can") == true
    }
}
