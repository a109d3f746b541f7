import Foundation
import Testing
@testable import D2L

@Suite struct ParameterFileTests {
    let params = MLPParameters.initialize(inputs: 6, hiddens: [4, 3], outputs: 2, scale: 1, seed: 7)

    @Test func roundTripKeepsEveryBit() throws {
        var p = params
        p.biases[1] = Tensor([-0.0, .leastNonzeroMagnitude, .greatestFiniteMagnitude])
        let bytes = ParameterFile.encode(p)
        #expect(bytes.count == 16 + 8 * 3 + 4 * p.parameterCount + 4)
        let back = try ParameterFile.decode(bytes)
        #expect(back.weights.map(\.shape) == [[6, 4], [4, 3], [3, 2]])
        #expect(zip(back.biases + back.weights, p.biases + p.weights).allSatisfy { a, b in
            a.shape == b.shape && a.scalars.map(\.bitPattern) == b.scalars.map(\.bitPattern) })
    }

    @Test func roundTripThroughAFile() throws {
        let dir = TempDirectory()
        let path = (dir.path as NSString).appendingPathComponent("net.mlp")
        try ParameterFile.write(params, to: path)
        #expect(try ParameterFile.read(path: path, inputs: 6, hiddens: [4, 3], outputs: 2) == params)
    }

    @Test func headerIsTheDocumentedLayout() {
        // A 2→1 network: W = [[1], [2]], b = [0.5].
        let tiny = MLPParameters(weights: [Tensor([[1], [2]])], biases: [Tensor([0.5])])
        let bytes = ParameterFile.encode(tiny)
        #expect(bytes.count == 16 + 8 + 12 + 4)
        #expect(Array(bytes[0..<24]) == [0x89, 0x4D, 0x4C, 0x50, 0x0D, 0x0A, 0x1A, 0x0A,
                                         1, 0, 0, 0,  1, 0, 0, 0,  2, 0, 0, 0,  1, 0, 0, 0])
        #expect(Array(bytes[24..<36]) == [0, 0, 0x80, 0x3F,  0, 0, 0, 0x40,  0, 0, 0, 0x3F])  // 1.0, 2.0, 0.5 LE
        let crc = UInt32(bytes[36]) | UInt32(bytes[37]) << 8 | UInt32(bytes[38]) << 16 | UInt32(bytes[39]) << 24
        #expect(crc == ParameterFile.crc32(Array(bytes[0..<36])))
    }

    @Test func crcIsTheStandardOne() {
        #expect(ParameterFile.crc32(Array("123456789".utf8)) == 0xCBF4_3926)
    }

    @Test(arguments: [0, 7, 15, 20, 39, 100])
    func truncatedFilesAreRejected(keep: Int) {
        let bytes = ParameterFile.encode(params)
        #expect(throws: ParameterFileError.self) { try ParameterFile.decode(Array(bytes.prefix(keep)), file: "cut.mlp") }
        do { _ = try ParameterFile.decode(Array(bytes.prefix(keep)), file: "cut.mlp") } catch let e as ParameterFileError {
            guard case .truncated = e.problem else { Issue.record("\(e)"); return }
            #expect(e.description.hasPrefix("cut.mlp: truncated parameter file"))
        } catch { Issue.record("\(error)") }
        let lastByteMissing = Array(bytes.dropLast())
        #expect(problem { try ParameterFile.decode(lastByteMissing) }.map(isTruncated) == true)
    }

    @Test func badMagicIsRejected() {
        var bytes = ParameterFile.encode(params)
        bytes[1] = UInt8(ascii: "m")
        #expect(problem { try ParameterFile.decode(bytes) } == .badMagic)
        #expect(problem { try ParameterFile.decode(Array("{\"weights\": []}".utf8)) } == .badMagic)
    }

    @Test func damagedNumbersFailTheChecksum() {
        var bytes = ParameterFile.encode(params)
        bytes[60] ^= 0x10   // one bit of one weight
        guard case .checksumMismatch(let stored, let computed)? = problem({ try ParameterFile.decode(bytes) }) else {
            Issue.record("expected a checksum mismatch"); return
        }
        #expect(stored != computed)
    }

    @Test func aWrongVersionOrLayerCountIsNamed() {
        let good = ParameterFile.encode(params)
        var manyLayers = good; manyLayers[13] = 1   // 3 + 256 layers
        #expect(problem { try ParameterFile.decode(manyLayers) } == .badLayerCount(259))
        var broken = good; broken[24] = 5            // layer 2 claims 5 rows after 4 outputs
        #expect(problem { try ParameterFile.decode(broken) }.map { if case .badShape(2, _) = $0 { true } else { false } } == true)
        #expect(problem { try ParameterFile.decode(good + [0]) } == .trailingBytes(1))
    }

    @Test func wrongShapeIsAnErrorNamingBothShapes() throws {
        let dir = TempDirectory()
        let path = dir.write("small.mlp", ParameterFile.encode(params))
        do {
            _ = try ParameterFile.read(path: path, inputs: 784, hiddens: [256], outputs: 10)
            Issue.record("a 6-4-3-2 file loaded as 784-256-10")
        } catch let e as ParameterFileError {
            #expect(e.problem == .wrongShape(found: [6, 4, 3, 2], expected: [784, 256, 10]))
            #expect(e.description == "\(path): the file holds a 6-4-3-2 network, expected 784-256-10")
        }
        // Only the given parts are checked.
        #expect(try ParameterFile.read(path: path, inputs: 6, outputs: 2).hiddens == [4, 3])
    }

    @Test func aLaterVersionIsANewerFormatNotDamage() throws {
        let good = ParameterFile.encode(params)
        for version: [UInt8] in [[2, 0, 0, 0], [0xFF, 0xFF, 0xFF, 0xFF]] {
            var later = good
            later.replaceSubrange(8..<12, with: version)
            let error = try #require(thrown { try ParameterFile.decode(later, file: "net.mlp") })
            #expect(error.problem == .newerVersion(UInt32(version[0]) | UInt32(version[1]) << 8 | UInt32(version[2]) << 16 | UInt32(version[3]) << 24))
            #expect(error.description.contains("is newer than this tutor reads (version 1); update the tutor"))
            #expect(!error.description.contains("damaged"))
        }
        var zero = good
        zero[8] = 0
        #expect(problem { try ParameterFile.decode(zero) } == .badVersion)
    }

    @Test func nonFiniteNumbersAreRefusedOnReadAndWrite() throws {
        var diverged = params
        diverged.weights[0] = Tensor(shape: [6, 4], scalars: (0..<24).map { $0 == 9 ? .nan : Float($0) })
        let bytes = ParameterFile.encode(diverged)  // the checksum is right: only the numbers are wrong
        #expect(problem { try ParameterFile.decode(bytes) } == .nonFinite(layer: 1, at: "weight [2, 1]", value: "nan"))
        var infiniteBias = params
        infiniteBias.biases[2] = Tensor([1, -.infinity])
        #expect(problem { try ParameterFile.decode(ParameterFile.encode(infiniteBias)) } == .nonFinite(layer: 3, at: "bias [1]", value: "-inf"))

        let dir = TempDirectory()
        let path = (dir.path as NSString).appendingPathComponent("diverged.mlp")
        let error = try #require(thrown { try ParameterFile.write(diverged, to: path) })
        #expect(error.description == "\(path): layer 1 weight [2, 1] is nan (a diverged training); only finite numbers can be saved or loaded: train again with a smaller learning rate")
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test func shapesWhoseSizeOverflowsAreDamageNotATrap() {
        var bytes = ParameterFile.encode(MLPParameters(weights: [Tensor([[1], [2]])], biases: [Tensor([0.5])]))
        bytes.replaceSubrange(16..<24, with: [UInt8](repeating: 0xFF, count: 8))  // 4294967295 × 4294967295
        #expect(problem { try ParameterFile.decode(bytes) } == .badShape(layer: 1, "a weight matrix of 4294967295×4294967295 is too large"))
    }

    @Test func aFIFOIsRefusedWithoutWaitingForAWriter() {
        let dir = TempDirectory()
        let fifo = makeFIFO(in: dir)
        let error = errorOfReading(fifo: fifo) { _ = try ParameterFile.read(path: fifo) }
        #expect((error as? ParameterFileError)?.problem == .unreadable("a FIFO (named pipe), not a regular file"))
    }

    @Test func missingFileIsAnError() {
        #expect(problem { try ParameterFile.read(path: "/nonexistent/net.mlp") } == .unreadable("no such file"))
    }

    private func thrown(_ body: () throws -> Any) -> ParameterFileError? {
        do { _ = try body(); return nil } catch { return error as? ParameterFileError }
    }

    private func problem(_ body: () throws -> Any) -> ParameterFileError.Problem? {
        do { _ = try body(); return nil } catch let e as ParameterFileError { return e.problem } catch { return nil }
    }

    private func isTruncated(_ p: ParameterFileError.Problem) -> Bool {
        if case .truncated = p { return true } else { return false }
    }
}
