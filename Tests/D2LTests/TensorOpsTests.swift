import Foundation
import Testing
@testable import D2L

/// A plain triple loop: the reference the BLAS product is checked against.
func naiveMatmul(_ a: Tensor, _ b: Tensor) -> Tensor {
    let (m, k, n) = (a.shape[0], a.shape[1], b.shape[1])
    var out = [Float](repeating: 0, count: m * n)
    for i in 0..<m {
        for j in 0..<n {
            var s: Double = 0
            for p in 0..<k { s += Double(a.scalars[i * k + p]) * Double(b.scalars[p * n + j]) }
            out[i * n + j] = Float(s)
        }
    }
    return Tensor(shape: [m, n], scalars: out)
}

@Suite struct MatmulTests {
    @Test(arguments: [(false, false), (true, false), (false, true), (true, true)])
    func transposedProductsMatchTheNaiveProduct(transposeA: Bool, transposeB: Bool) {
        var rng = SeededRNG(seed: 21)
        let a = Tensor.randn([7, 5], rng: &rng), b = Tensor.randn([5, 3], rng: &rng)
        // Store the operands transposed when the flag says the product reads them transposed.
        let storedA = transposeA ? a.transposed() : a
        let storedB = transposeB ? b.transposed() : b
        let product = matmul(storedA, storedB, transposeA: transposeA, transposeB: transposeB)
        #expect(product.shape == [7, 3])
        #expect(product.maxAbsDifference(naiveMatmul(a, b)) < 1e-5)
    }

    @Test func accumulatingAddsTheProductOntoTheResult() {
        let a = Tensor([[1, 2], [3, 4]]), b = Tensor([[5, 6], [7, 8]])
        var c = Tensor([[1, 1], [1, 1]])
        matmul(a, b, into: &c, accumulate: true)
        #expect(c == Tensor([[20, 23], [44, 51]]))
        matmul(a, b, into: &c)
        #expect(c == Tensor([[19, 22], [43, 50]]))
    }

    @Test func linearAddsTheBiasToEveryRow() {
        var rng = SeededRNG(seed: 2)
        let x = Tensor.randn([4, 6], rng: &rng), w = Tensor.randn([6, 3], rng: &rng)
        let b = Tensor([0.5, -1, 2])
        #expect(linear(x, w, b).maxAbsDifference(naiveMatmul(x, w) + b) < 1e-5)
    }

    @Test func emptyInnerDimensionGivesZeros() {
        let a = Tensor.zeros([2, 0]), b = Tensor.zeros([0, 3])
        #expect(matmul(a, b) == Tensor.zeros([2, 3]))
    }
}

@Suite struct BroadcastTests {
    @Test func biasRowIsAddedToEveryRow() {
        let x = Tensor([[1, 2, 3], [4, 5, 6]])
        #expect(x + Tensor([10, 20, 30]) == Tensor([[11, 22, 33], [14, 25, 36]]))
        #expect(Tensor([10, 20, 30]) + x == Tensor([[11, 22, 33], [14, 25, 36]]))
        #expect(x + Tensor(shape: [1, 3], scalars: [1, 1, 1]) == x + 1)
    }

    @Test func columnAndScalarBroadcast() {
        let x = Tensor([[1, 2, 3], [4, 5, 6]])
        let column = Tensor(shape: [2, 1], scalars: [6, 15])
        let (six, fifteen): (Float, Float) = (6, 15)
        let expected = Tensor([[1 / six, 2 / six, 3 / six], [4 / fifteen, 5 / fifteen, 6 / fifteen]])
        #expect(x / column == expected)
        #expect(x * Tensor(scalar: 2) == Tensor([[2, 4, 6], [8, 10, 12]]))
        #expect(x - 1 == Tensor([[0, 1, 2], [3, 4, 5]]))
    }

    @Test func outerBroadcastOfAColumnAndARow() {
        let column = Tensor(shape: [3, 1], scalars: [1, 2, 3])
        let row = Tensor([10, 20])
        let sum = column + row
        #expect(sum.shape == [3, 2])
        #expect(sum.scalars == [11, 21, 12, 22, 13, 23])
    }

    @Test func compoundAssignmentAddsInPlaceOrBroadcasts() {
        var x = Tensor([[1, 2], [3, 4]])
        x += Tensor([[10, 20], [30, 40]])
        #expect(x == Tensor([[11, 22], [33, 44]]))
        x -= Tensor([1, 2])
        #expect(x == Tensor([[10, 20], [32, 42]]))
    }

    @Test func broadcastShapeRules() {
        #expect(Tensor.broadcastShape([2, 1, 4], [3, 1]) == [2, 3, 4])
        #expect(Tensor.broadcastShape([5], []) == [5])
        #expect(Tensor.broadcastShape([2, 3], [3, 2]) == nil)
    }

    @Test func sumToShapeIsTheAdjointOfBroadcasting() {
        let g = Tensor(shape: [2, 3, 2], scalars: (0..<12).map(Float.init))
        #expect(g.sum(toShape: [2]).scalars == [30, 36])                 // over the leading axes
        #expect(g.sum(toShape: [3, 1]).scalars == [14, 22, 30])
        #expect(g.sum(toShape: [2, 1, 2]).scalars == [6, 9, 24, 27])
        #expect(g.sum(toShape: []).scalars == [66])
        #expect(g.sum(toShape: [2, 3, 2]) == g)
    }

    @Test func elementwiseMaximumIsTorchMax() {
        let x = Tensor([[-1.5, 0, 2], [3, -0.25, 0.5]])
        #expect(maximum(x, Tensor.zeros([2, 3])) == Tensor([[0, 0, 2], [3, 0, 0.5]]))
        #expect(maximum(x, Tensor(scalar: 1)) == Tensor([[1, 1, 2], [3, 1, 1]]))
        #expect(maximum(Tensor([.nan]), Tensor([0])).scalars[0].isNaN)
    }
}

@Suite struct ElementwiseAndReductionTests {
    @Test func expAndLogAreInverse() {
        let x = Tensor([-2, 0, 0.5, 3])
        #expect(x.exp().log().maxAbsDifference(x) < 1e-6)
        #expect(Tensor([0]).exp() == Tensor([1]))
        #expect(Tensor([0]).log().scalars[0] == -.infinity)
    }

    @Test func sumAndMeanOverAnAxisAndOverall() {
        let x = Tensor([[1, 2, 3], [4, 5, 6]])
        #expect(x.sum() == Tensor(scalar: 21))
        #expect(x.mean() == Tensor(scalar: 3.5))
        #expect(x.sum(axis: 0) == Tensor([5, 7, 9]))
        #expect(x.sum(axis: 1) == Tensor([6, 15]))
        #expect(x.sum(axis: -1, keepDims: true).shape == [2, 1])
        #expect(x.mean(axis: 0) == Tensor([2.5, 3.5, 4.5]))
        #expect(x.max(axis: 1) == Tensor([3, 6]))
        #expect(x.max() == 6)
    }

    @Test func reductionOverTheMiddleAxisOfARank3Tensor() {
        let x = Tensor(shape: [2, 3, 2], scalars: (0..<12).map(Float.init))
        #expect(x.sum(axis: 1) == Tensor([[6, 9], [24, 27]]))
    }

    @Test func argmaxPicksTheFirstLargestPerRow() {
        let logits = Tensor([[0.1, 0.7, 0.2], [5, 5, 1], [-3, -2, -1]])
        #expect(logits.argmax(axis: 1) == [1, 0, 2])
        #expect(logits.argmax(axis: 0) == [1, 1, 1])
    }

    @Test func transposedSwapsRowsAndColumns() {
        #expect(Tensor([[1, 2, 3], [4, 5, 6]]).transposed() == Tensor([[1, 4], [2, 5], [3, 6]]))
    }

    @Test func tensorsRoundTripThroughJSON() throws {
        let x = Tensor.randn([2, 3], seed: 4)
        let data = try JSONEncoder().encode(x)
        #expect(try JSONDecoder().decode(Tensor.self, from: data) == x)
        let bad = Data(#"{"shape":[2,2],"scalars":[1,2,3]}"#.utf8)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(Tensor.self, from: bad) }
    }
}
