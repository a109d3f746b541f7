/// A tensor encodes as `{"shape": [...], "scalars": [...]}`; decoding checks that they agree.
extension Tensor: Codable {
    private enum CodingKeys: String, CodingKey { case shape, scalars }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let shape = try container.decode([Int].self, forKey: .shape)
        let scalars = try container.decode([Float].self, forKey: .scalars)
        guard shape.allSatisfy({ $0 >= 0 }), shape.reduce(1, *) == scalars.count else {
            throw DecodingError.dataCorruptedError(
                forKey: .scalars, in: container,
                debugDescription: "shape \(shape) needs \(shape.reduce(1, *)) scalars, found \(scalars.count)")
        }
        self.init(shape: shape, scalars: scalars)
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(shape, forKey: .shape)
        try container.encode(scalars, forKey: .scalars)
    }
}
