import D2L

/// Decodes the input twice: as it is, and with its last four bytes replaced by the right
/// checksum, so the fuzzer gets past the CRC to the shapes and numbers behind it. What decodes
/// must hold only finite numbers and encode back to the same bytes.
func fuzzParameterFile(_ input: [UInt8]) -> FuzzOutcome {
    let asGiven = decodeParameters(input)
    guard input.count >= 4, case .rejected = asGiven else { return asGiven }
    var fixed = Array(input.dropLast(4))
    let crc = ParameterFile.crc32(fixed)
    fixed += [UInt8(truncatingIfNeeded: crc), UInt8(truncatingIfNeeded: crc >> 8),
              UInt8(truncatingIfNeeded: crc >> 16), UInt8(truncatingIfNeeded: crc >> 24)]
    return decodeParameters(fixed)
}

private func decodeParameters(_ bytes: [UInt8]) -> FuzzOutcome {
    do {
        let params = try ParameterFile.decode(bytes, file: fuzzFileName)
        guard (params.weights + params.biases).allSatisfy({ $0.scalars.allSatisfy(\.isFinite) }) else {
            return .broken("a parameter file with NaN or infinite numbers was accepted")
        }
        guard ParameterFile.encode(params) == bytes else { return .broken("the decoded parameters do not encode back to the input") }
        return .accepted
    } catch let error as ParameterFileError {
        return rejection(error.description)
    } catch {
        return .broken("unexpected error \(type(of: error)): \(error)")
    }
}
