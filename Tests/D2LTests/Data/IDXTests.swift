import Foundation
import Testing
@testable import D2L

@Suite struct IDXTests {
    let images = IDXFile(dims: [3, 2, 4], bytes: (0..<24).map { UInt8($0 * 10) })

    @Test func headerIsBigEndianDims() {
        let bytes = IDXFile(dims: [70_000, 1], bytes: [UInt8](repeating: 9, count: 70_000)).encoded()
        #expect(Array(bytes.prefix(12)) == [0, 0, 8, 2, 0, 1, 0x11, 0x70, 0, 0, 0, 1])
    }

    @Test func roundTripInMemory() throws {
        #expect(try IDXFile.parse(images.encoded()) == images)
    }

    @Test(arguments: [false, true])
    func roundTripThroughAFile(gzipped: Bool) throws {
        let dir = TempDirectory()
        let bytes = images.encoded()
        let path = dir.write(gzipped ? "a.gz" : "a", gzipped ? Gzip.compress(bytes) : bytes)
        let read = try IDXFile.read(path: path)
        #expect(read.dims == [3, 2, 4])
        #expect(read.bytes == images.bytes)
    }

    @Test func truncatedPayloadSaysHowMuchIsMissing() {
        let bytes = images.encoded().dropLast(5)
        #expect(throws: DatasetError.badIDX(file: "f", reason: "truncated: dimensions [3, 2, 4] need 24 data bytes, the file has 19")) {
            try IDXFile.parse(Array(bytes), file: "f")
        }
    }

    @Test func truncatedHeader() {
        #expect(throws: DatasetError.badIDX(file: "f", reason: "truncated header: rank 3 needs 16 header bytes, the file has 9")) {
            try IDXFile.parse(Array(images.encoded().prefix(9)), file: "f")
        }
    }

    @Test func wrongMagicNumber() {
        var bytes = images.encoded()
        bytes[0] = 0x1f
        bytes[1] = 0x9d
        #expect(throws: DatasetError.badIDX(file: "f", reason: "wrong magic number: starts with 0x1F 0x9D, expected 0x00 0x00")) {
            try IDXFile.parse(bytes, file: "f")
        }
    }

    @Test func unsupportedElementType() {
        var bytes = images.encoded()
        bytes[2] = 0x0D
        #expect(throws: DatasetError.badIDX(file: "f", reason: "element type 0x0D is not supported (only 0x08, unsigned byte)")) {
            try IDXFile.parse(bytes, file: "f")
        }
    }

    @Test func extraBytesAreTheWrongSize() {
        #expect(throws: DatasetError.badIDX(file: "f", reason: "wrong size: dimensions [3, 2, 4] need 24 data bytes, the file has 2 more")) {
            try IDXFile.parse(images.encoded() + [0, 0], file: "f")
        }
    }

    @Test func tinyAndEmptyFiles() {
        #expect(throws: DatasetError.badIDX(file: "f", reason: "only 2 bytes, shorter than the 4-byte magic number")) {
            try IDXFile.parse([0, 0], file: "f")
        }
    }

    @Test func missingFileIsNamed() {
        #expect(throws: DatasetError.unreadable(file: "/nonexistent/x.gz", reason: "no such file")) {
            try IDXFile.read(path: "/nonexistent/x.gz")
        }
    }

    @Test func errorMessageNamesTheFile() {
        let error = DatasetError.badIDX(file: "/d/t10k-labels-idx1-ubyte.gz", reason: "truncated: …")
        #expect(error.description == "/d/t10k-labels-idx1-ubyte.gz: not a valid IDX file: truncated: …")
    }
}

extension IDXTests {
    @Test func aDirectoryIsNotAFile() {
        let dir = TempDirectory()
        #expect(throws: DatasetError.unreadable(file: dir.path, reason: "a directory, not a regular file")) {
            try IDXFile.read(path: dir.path)
        }
    }

    @Test func aFIFOIsRefusedWithoutWaitingForAWriter() {
        let dir = TempDirectory()
        let fifo = makeFIFO(in: dir)
        let error = errorOfReading(fifo: fifo) { _ = try IDXFile.read(path: fifo) }
        #expect(error as? DatasetError == .unreadable(file: fifo, reason: "a FIFO (named pipe), not a regular file"))
    }

    @Test func aDeviceIsRefused() {
        #expect(throws: DatasetError.unreadable(file: "/dev/zero", reason: "a character device, not a regular file")) {
            try IDXFile.read(path: "/dev/zero")
        }
    }

    @Test func dimensionsWhoseProductOverflowsAreAnError() {
        let bytes: [UInt8] = [0, 0, 8, 3] + [UInt8](repeating: 0xFF, count: 12) + [1, 2, 3]
        #expect(throws: DatasetError.badIDX(file: "f", reason: "dimensions [4294967295, 4294967295] are too large")) {
            try IDXFile.parse(bytes, file: "f")
        }
    }
}
