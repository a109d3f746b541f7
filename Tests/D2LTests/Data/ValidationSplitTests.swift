import Testing
@testable import D2L

@Suite struct ValidationSplitTests {
    /// 100 training images whose first pixel is their index, so every image can be traced.
    let data: FashionMNIST = {
        let n = 100
        var images = [UInt8](repeating: 0, count: n * 784)
        for i in 0..<n { images[i * 784] = UInt8(i) }
        return FashionMNIST(trainImages: images, trainLabels: (0..<n).map { UInt8($0 % 10) },
                            testImages: [UInt8](repeating: 7, count: 5 * 784), testLabels: [1, 2, 3, 4, 5])
    }()

    func ids(_ images: [UInt8]) -> [Int] { stride(from: 0, to: images.count, by: 784).map { Int(images[$0]) } }

    @Test func holdsOutTheAskedNumberAndKeepsTheRestInOrder() {
        let split = data.validationSplit(20, seed: 3)
        #expect(split.testCount == 20 && split.trainCount == 80)
        let kept = ids(split.trainImages), heldOut = ids(split.testImages)
        #expect(Set(kept).isDisjoint(with: heldOut))
        #expect(Set(kept + heldOut) == Set(0..<100))
        #expect(kept == kept.sorted())
        #expect(split.trainLabels == kept.map { UInt8($0 % 10) })
        #expect(split.testLabels == heldOut.map { UInt8($0 % 10) })
        #expect(heldOut != Array(0..<20), "the held-out images are drawn at random, not the first ones")
    }

    @Test func theSeedDecidesWhichImagesAreHeldOut() {
        let a = data.validationSplit(20, seed: 3), b = data.validationSplit(20, seed: 3)
        #expect(a.trainImages == b.trainImages && a.testImages == b.testImages && a.testLabels == b.testLabels)
        #expect(ids(data.validationSplit(20, seed: 3).testImages) != ids(data.validationSplit(20, seed: 4).testImages))
    }
}
