import Testing
@testable import D2L

@Suite struct DataLoaderTests {
    let tiny = TinyDataset()

    func loader(count: Int = 10, batchSize: Int = 4, shuffle: Bool = true, seed: UInt64 = 0) -> DataLoader {
        DataLoader(images: tiny.images(count).bytes, labels: tiny.labels(count).bytes, batchSize: batchSize, shuffle: shuffle, seed: seed)
    }

    @Test func lastPartialBatchIsKept() {
        let batches = Array(loader())
        #expect(batches.map { $0.y.count } == [4, 4, 2])
        #expect(batches[2].X.shape == [2, 1, 28, 28])
    }

    @Test func everyEpochIsAPermutationAndTheyDiffer() {
        let l = loader(count: 100)
        let first = Array(l).flatMap { $0.y }, second = Array(l).flatMap { $0.y }
        #expect(l.epochsStarted == 2)
        #expect(l.order(epoch: 0).sorted() == Array(0..<100))
        #expect(l.order(epoch: 0) != l.order(epoch: 1))
        #expect(first != second)
        // Each class appears ten times in both epochs.
        #expect(first.sorted() == second.sorted())
    }

    @Test func sameSeedSameOrderOtherSeedOtherOrder() {
        #expect(loader(count: 50, seed: 7).order(epoch: 3) == loader(count: 50, seed: 7).order(epoch: 3))
        #expect(loader(count: 50, seed: 7).order(epoch: 3) != loader(count: 50, seed: 8).order(epoch: 3))
    }

    @Test func testLoaderKeepsTheFileOrder() {
        let l = loader(shuffle: false)
        #expect(Array(l).flatMap { $0.y } == [0, 1, 2, 3, 4, 5, 6, 7, 8, 9])
    }

    @Test func pixelsAreScaledToTheUnitInterval() {
        let batch = loader(shuffle: false).batch(0, order: Array(0..<10))
        // Image 1 starts at byte 31: 31/255, 32/255, …; byte 255 maps to exactly 1.
        #expect(batch.X.scalars[784] == Float(31) / 255)
        #expect(batch.X.scalars[784 + 224] == 1)
        #expect(batch.X.scalars.allSatisfy { $0 >= 0 && $0 <= 1 })
    }

    @Test func fillMatchesTheTensorBatches() {
        let l = loader(count: 10, batchSize: 4)
        let order = l.order(epoch: 5)
        var x = [Float](repeating: -1, count: 4 * 784)
        var y = [Int32](repeating: -1, count: 4)
        let n = x.withUnsafeMutableBufferPointer { xb in
            y.withUnsafeMutableBufferPointer { yb in l.fill(batch: 2, order: order, x: xb.baseAddress!, y: yb.baseAddress!) }
        }
        let batch = l.batch(2, order: order)
        #expect(n == 2)
        #expect(Array(x.prefix(2 * 784)) == batch.X.scalars)
        #expect(y.prefix(2).map(Int.init) == batch.y)
        #expect(batch.y == order.suffix(2).map { $0 % 10 })
    }
}
