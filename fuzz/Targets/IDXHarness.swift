import D2L

/// gunzip (when gzip) then parse as IDX; what parses must encode back to the same bytes, and a
/// file of images or labels goes through the data set's own checks.
func fuzzIDX(_ input: [UInt8]) -> FuzzOutcome {
    do {
        let plain = Gzip.isGzip(input) ? try Gzip.decompress(input, file: fuzzFileName) : input
        let file = try IDXFile.parse(plain, file: fuzzFileName)
        guard file.encoded() == plain else { return .broken("IDX dims \(file.dims) do not encode back to the input") }
        return .accepted
    } catch let error as DatasetError {
        return rejection(error.description)
    } catch {
        return .broken("unexpected error \(type(of: error)): \(error)")
    }
}
