// TEMPORARY: stand-ins for lib-data's training API until it lands on main. Delete then.
import D2L

public struct EpochStats: Codable, Sendable, Equatable {
    public var epoch: Int
    public var trainLoss: Double
    public var trainAcc: Double
    public var testAcc: Double
    public var seconds: Double
}
public protocol TrainingObserver: AnyObject {}
public struct TrainConfig: Codable, Sendable, Hashable {
    public var epochs = 10, lr: Float = 0.1, hiddens = [256], batchSize = 256, seed: UInt64 = 0
    public var trainSubset: Int? = nil, testSubset: Int? = nil
}
public struct TrainResult: Sendable { public let history: [EpochStats]; public let params: MLPParameters }
struct NotLanded: Error {}
func train(_ config: TrainConfig, data: FashionMNIST, observer: TrainingObserver? = nil) throws -> TrainResult { throw NotLanded() }
func evaluateAccuracy(_ params: MLPParameters, images: [UInt8], labels: [UInt8]) -> Double { 0 }
public struct Prediction: Sendable, Equatable { public let index: Int; public let label: Int; public let predicted: Int }
func predict(_ params: MLPParameters, data: FashionMNIST, count: Int, offset: Int = 0) -> [Prediction] { [] }
