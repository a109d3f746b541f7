import D2L
import Foundation

/// Finished training runs on disk (history and final parameters), keyed by the whole
/// `TrainConfig` and the library version, so that `train`, `evaluate_accuracy` and `predict`
/// with the same settings share one run. A file is a JSON header line, then the parameters as
/// little-endian Float32; anything that does not add up is recomputed.
struct TrainedRunCache {
    let directory: String

    struct Header: Codable {
        var key: String
        var history: [EpochStats]
        var weightShapes: [[Int]]
        var biasShapes: [[Int]]
    }

    static func key(_ config: TrainConfig) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let json = (try? encoder.encode(config)).map { String(decoding: $0, as: UTF8.self) } ?? "\(config)"
        return "d2l \(D2LVersion.string) | trained run \(json)"
    }

    func path(_ key: String) -> String {
        ReferenceCache(directory: directory).path(for: key).replacingOccurrences(of: ".json", with: ".run")
    }

    func lookup(_ config: TrainConfig) -> (history: [EpochStats], params: MLPParameters)? {
        let key = Self.key(config)
        guard let data = FileManager.default.contents(atPath: path(key)),
              let newline = data.firstIndex(of: 0x0A),
              let header = try? JSONDecoder().decode(Header.self, from: data[data.startIndex..<newline]),
              header.key == key, !header.history.isEmpty, header.weightShapes.count == header.biasShapes.count else { return nil }
        var offset = newline + 1
        func read(_ shape: [Int]) -> Tensor? {
            let count = shape.reduce(1, *)
            guard shape.allSatisfy({ $0 > 0 }), data.endIndex - offset >= count * 4 else { return nil }
            var scalars = [Float](repeating: 0, count: count)
            scalars.withUnsafeMutableBytes { $0.copyBytes(from: data[offset..<(offset + count * 4)]) }
            offset += count * 4
            return Tensor(shape: shape, scalars: scalars.map { Float(bitPattern: $0.bitPattern.littleEndian) })
        }
        var weights: [Tensor] = [], biases: [Tensor] = []
        for shape in header.weightShapes { guard let t = read(shape) else { return nil }; weights.append(t) }
        for shape in header.biasShapes { guard let t = read(shape) else { return nil }; biases.append(t) }
        guard offset == data.endIndex else { return nil }
        return (header.history, MLPParameters(weights: weights, biases: biases))
    }

    func store(_ config: TrainConfig, _ result: TrainResult) {
        let key = Self.key(config)
        let header = Header(key: key, history: result.history, weightShapes: result.params.weights.map(\.shape),
                            biasShapes: result.params.biases.map(\.shape))
        guard var data = try? JSONEncoder().encode(header) else { return }
        data.append(0x0A)
        for t in result.params.weights + result.params.biases {
            t.scalars.map { $0.bitPattern.littleEndian }.withUnsafeBytes { data.append(contentsOf: $0) }
        }
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let final = path(key)
        let temporary = final + ".\(ProcessInfo.processInfo.processIdentifier).\(UUID().uuidString).tmp"
        guard FileManager.default.createFile(atPath: temporary, contents: data) else { return }
        if rename(temporary, final) != 0 { try? FileManager.default.removeItem(atPath: temporary) }
    }
}
