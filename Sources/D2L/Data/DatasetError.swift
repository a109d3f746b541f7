/// Why a data file could not be read: always names the file and what is wrong with it.
public enum DatasetError: Error, Equatable, CustomStringConvertible {
    /// The file could not be opened or read.
    case unreadable(file: String, reason: String)
    /// The gzip stream is damaged or cut short.
    case badGzip(file: String, reason: String)
    /// The IDX header or payload is wrong (magic number, rank, dims, byte count).
    case badIDX(file: String, reason: String)
    /// The files are valid IDX but do not form the data set (shapes, counts, label values).
    case inconsistent(file: String, reason: String)
    /// No directory holds the data set; lists where we looked.
    case notFound(searched: [String])
    /// A directory that was named (argument or environment) does not hold the four files.
    case incompleteDirectory(String, source: DirectorySource, problem: String)

    /// Where the data directory came from.
    public enum DirectorySource: Equatable, Sendable {
        /// Given by the caller (`tutor … --data DIR`).
        case given
        /// `$FASHION_MNIST_DIR`.
        case environment
        /// The system directory of Debian's package.
        case system
    }

    public var description: String {
        switch self {
        case let .unreadable(file, reason): return "\(file): cannot read the file: \(reason)"
        case let .badGzip(file, reason): return "\(file): not a valid gzip file: \(reason)"
        case let .badIDX(file, reason): return "\(file): not a valid IDX file: \(reason)"
        case let .inconsistent(file, reason): return "\(file): \(reason)"
        case let .incompleteDirectory(dir, source, problem):
            let named = source == .environment ? "\(dir) (from \(FashionMNIST.environmentVariable))" : dir
            let instead = source == .environment ? ", or unset \(FashionMNIST.environmentVariable) to use \(FashionMNIST.systemDirectory)" : ""
            return "\(named): \(problem); the Fashion-MNIST directory must hold "
                + "\(FashionMNIST.fileNames.joined(separator: ", ")) (gzip or uncompressed)\(instead)"
        case let .notFound(searched):
            return """
                Fashion-MNIST was not found. Looked in:
                \(searched.map { "  - \($0)" }.joined(separator: "\n"))
                Install it with `sudo apt-get install dataset-fashion-mnist` (Debian/Ubuntu), or set \
                FASHION_MNIST_DIR (or pass --data DIR) to a directory holding \
                \(FashionMNIST.fileNames.joined(separator: ", ")) (gzip or uncompressed).
                """
        }
    }
}
