import Foundation
import Testing
@testable import D2L

@Suite struct GzipTests {
    let sample: [UInt8] = (0..<100_000).map { UInt8(truncatingIfNeeded: $0 * 7 + $0 / 300) }

    @Test func roundTripThroughZlib() throws {
        let packed = Gzip.compress(sample)
        #expect(Gzip.isGzip(packed))
        #expect(packed.count < sample.count)
        #expect(try Gzip.decompress(packed) == sample)
    }

    @Test func readsWhatTheGzipToolWrites() throws {
        let dir = TempDirectory()
        let path = dir.write("sample", sample)
        let gzip = Process()
        gzip.executableURL = URL(fileURLWithPath: "/usr/bin/gzip")
        gzip.arguments = ["-9", path]
        try gzip.run()
        gzip.waitUntilExit()
        #expect(gzip.terminationStatus == 0)
        let packed = [UInt8](FileManager.default.contents(atPath: path + ".gz")!)
        #expect(try Gzip.decompress(packed, file: path + ".gz") == sample)
    }

    @Test func concatenatedMembersAreOneStream() throws {
        let a = Array(sample.prefix(1000)), b = Array(sample.suffix(500))
        #expect(try Gzip.decompress(Gzip.compress(a) + Gzip.compress(b)) == a + b)
    }

    @Test func emptyInputRoundTrips() throws {
        #expect(try Gzip.decompress(Gzip.compress([])) == [])
    }

    @Test func truncatedStreamIsAnError() {
        let packed = Gzip.compress(sample)
        #expect(throws: DatasetError.badGzip(file: "x.gz", reason: "the compressed data is truncated")) {
            try Gzip.decompress(Array(packed.prefix(packed.count / 2)), file: "x.gz")
        }
    }

    @Test func corruptStreamNamesTheFile() {
        var packed = Gzip.compress(sample)
        for i in 20..<60 { packed[i] ^= 0xA5 }
        do {
            _ = try Gzip.decompress(packed, file: "broken.gz")
            Issue.record("corrupt data decompressed without an error")
        } catch let error as DatasetError {
            guard case let .badGzip(file, _) = error else { Issue.record("wrong error \(error)"); return }
            #expect(file == "broken.gz")
            #expect(error.description.hasPrefix("broken.gz: not a valid gzip file"))
        } catch { Issue.record("unexpected \(error)") }
    }

    @Test func trailingGarbageIsAnError() {
        #expect(throws: DatasetError.badGzip(file: "t.gz", reason: "3 bytes of trailing data after the gzip stream")) {
            try Gzip.decompress(Gzip.compress(sample) + [1, 2, 3], file: "t.gz")
        }
    }

    @Test func aDamagedTrailerSizeIsNotTrustedForTheBuffer() {
        // 4 MB that do not compress, with ISIZE (the last four bytes) damaged to 4 GiB − 1.
        var rng = SeededRNG(seed: 3)
        var packed = Gzip.compress((0..<4_000_000).map { _ in UInt8.random(in: 0...255, using: &rng) })
        packed.replaceSubrange(packed.count - 4 ..< packed.count, with: [0xFF, 0xFF, 0xFF, 0xFF])
        #expect(Gzip.initialCapacity(packed, limit: Gzip.maxDecompressedSize) <= 8 * packed.count)
        #expect(throws: DatasetError.self) { try Gzip.decompress(packed, file: "isize.gz") }
    }

    @Test func outputBeyondTheTrailerSizeGuessStillArrivesWhole() throws {
        let zeros = [UInt8](repeating: 0, count: 3_000_000)  // compresses ~1000×, beyond the 8× first guess
        #expect(try Gzip.decompress(Gzip.compress(zeros)) == zeros)
    }

    @Test func aGzipBombIsAnErrorNotGigabytes() {
        let bomb = Gzip.compress([UInt8](repeating: 0, count: 3_000_000))
        #expect(throws: DatasetError.badGzip(file: "bomb.gz", reason: "it decompresses to more than 1000000 bytes, more than any data file")) {
            try Gzip.decompress(bomb, file: "bomb.gz", limit: 1_000_000)
        }
    }
}
