import D2L
import Foundation
import Lessons
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why the progress could not be opened or saved.
public enum ProgressStoreError: Error, Equatable, CustomStringConvertible {
    /// Another process holds the lock (its pid when known, else 0).
    case locked(pid: Int32, path: String)
    /// The file was written by a newer tutor: it is left alone. `schema` is the number as the file has it.
    case newerFormat(path: String, schema: String)
    case io(path: String, message: String)
    /// The lock file could not be opened (`path` is the lock file).
    case lockFailed(path: String, message: String)

    public var description: String {
        switch self {
        case let .locked(pid, path): return TutorText.stateLocked.text(.en, pid, path)
        case let .newerFormat(path, schema): return TutorText.stateNewer.text(.en, path, schema)
        case let .io(path, message): return TutorText.stateWriteFailed.text(.en, path, message)
        case let .lockFailed(path, message): return TutorText.stateLockFailed.text(.en, path, message)
        }
    }

    /// The message in the learner's language.
    public func message(_ language: TutorLanguage) -> String {
        switch self {
        case let .locked(pid, path): return TutorText.stateLocked.text(language, pid, path)
        case let .newerFormat(path, schema): return TutorText.stateNewer.text(language, path, schema)
        case let .io(path, message): return TutorText.stateWriteFailed.text(language, path, message)
        case let .lockFailed(path, message): return TutorText.stateLockFailed.text(language, path, message)
        }
    }
}

/// What a progress file holds: the current format, a newer tutor's format (the schema number as
/// written), or damage with whatever records could be salvaged.
public enum ProgressReading: Sendable {
    case current(LearnerProgress)
    case newer(schema: String)
    case damaged(salvaged: LearnerProgress?)
}

/// What loading found when the file was damaged.
public struct ProgressRecovery: Equatable, Sendable {
    /// Where the damaged file was moved.
    public let keptAs: String
    /// How many checkpoint records could be recovered (from the damaged file or the backup).
    public let recoveredRecords: Int
    /// Whether the records came from the backup of the previous save.
    public let fromBackup: Bool
}

/// Reads and writes one `progress.json` safely: an exclusive lock for the whole session,
/// atomic saves (temporary file, fsync, rename, fsync of the folder), and a damaged file
/// kept aside, never silently reset.
public final class ProgressStore {
    public let location: ProgressLocation
    /// The language the progress is shown in (kept in the file as the learner's preference).
    public let language: TutorLanguage
    private var lockDescriptor: Int32 = -1
    /// The per-language files that the last `load` merged (now renamed to `….merged`).
    public private(set) var mergedFiles: [String] = []

    public init(location: ProgressLocation, language: TutorLanguage = .en) {
        self.location = location
        self.language = language
    }

    deinit { unlock() }

    // MARK: Lock

    /// Takes the exclusive lock on `progress.lock`. When another process holds it, polls for
    /// up to `wait` seconds (calling `onWait` once), then throws `.locked`.
    public func lock(wait: TimeInterval = 0, onWait: (() -> Void)? = nil) throws {
        if lockDescriptor >= 0 { return }
        try createFolder()
        let fd = open(location.lockFile, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw ProgressStoreError.lockFailed(path: location.lockFile, message: errnoText()) }
        let deadline = Date().addingTimeInterval(wait)
        var warned = false
        while flock(fd, LOCK_EX | LOCK_NB) != 0 {
            if Date() >= deadline {
                let holder = Self.readPid(fd)
                close(fd)
                throw ProgressStoreError.locked(pid: holder, path: location.folder)
            }
            if !warned { onWait?(); warned = true }
            usleep(100_000)
        }
        // Leave our pid in the lock file so a second tutor can say who holds it.
        _ = ftruncate(fd, 0)
        let pid = "\(getpid())\n"
        _ = pid.withCString { pwrite(fd, $0, strlen($0), 0) }
        lockDescriptor = fd
        removeStaleTemporaryFiles()
    }

    /// Temporary files left by a tutor that died mid-save; only the lock holder writes, so
    /// any that exist now are stale.
    private func removeStaleTemporaryFiles() {
        let prefix = (location.file as NSString).lastPathComponent + ".tmp-"
        for entry in (try? FileManager.default.contentsOfDirectory(atPath: location.folder)) ?? [] where entry.hasPrefix(prefix) {
            unlink(location.folder + "/" + entry)
        }
    }

    /// Releases the lock (also done when the store goes away or the process ends).
    public func unlock() {
        guard lockDescriptor >= 0 else { return }
        _ = ftruncate(lockDescriptor, 0)
        flock(lockDescriptor, LOCK_UN)
        close(lockDescriptor)
        lockDescriptor = -1
    }

    public var isLocked: Bool { lockDescriptor >= 0 }

    private static func readPid(_ fd: Int32) -> Int32 {
        var buffer = [UInt8](repeating: 0, count: 32)
        let count = pread(fd, &buffer, buffer.count, 0)
        guard count > 0 else { return 0 }
        let text = String(decoding: buffer[0..<count], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return Int32(text) ?? 0
    }

    // MARK: Load

    /// Loads the progress. A missing file gives empty progress. A damaged file is moved to
    /// `progress.json.damaged-<time>` and what can be recovered (its readable records, or
    /// the backup of the previous save) is returned with a `ProgressRecovery` to tell the learner.
    ///
    /// When there is no file yet but per-language files of an older tutor are there, they are
    /// merged (`LearnerProgress.merged`), saved as the one file, and renamed to `….merged`.
    public func load(now: Date = Date()) throws -> (progress: LearnerProgress, recovery: ProgressRecovery?) {
        let empty = LearnerProgress(learner: location.learner, course: location.course,
                                    language: language.rawValue)
        mergedFiles = []
        guard let data = try Self.contents(location.file) else {
            let legacy = location.perLanguageFiles
            guard let merged = try mergedPerLanguageFiles(legacy) else { return (empty, nil) }
            try save(merged)
            for file in legacy where rename(file, ProgressLocation.mergedBackup(of: file)) != 0 {
                throw ProgressStoreError.io(path: file, message: errnoText())
            }
            mergedFiles = legacy
            return (merged, nil)
        }
        let salvaged: LearnerProgress?
        switch Self.read(data) {
        case .current(let progress): return (progress, nil)
        case .newer(let schema): throw ProgressStoreError.newerFormat(path: location.file, schema: schema)
        case .damaged(let readable): salvaged = readable
        }
        // Damaged: keep it aside, then recover what we can.
        let keptAs = try Self.keepAside(location.file, as: location.file + ".damaged-" + Self.stamp(now))
        var recovered = salvaged ?? empty
        var fromBackup = false
        if recovered.checkpoints.isEmpty, let backup = try? Self.contents(location.backupFile),
           case .success(let previous) = Self.decode(backup) {
            recovered = previous
            fromBackup = true
        }
        recovered.learner = location.learner
        recovered.course = location.course
        recovered.language = language.rawValue
        return (recovered, ProgressRecovery(keptAs: keptAs, recoveredRecords: recovered.checkpoints.count,
                                            fromBackup: fromBackup))
    }

    /// Reads the progress without the lock and without changing anything on disk (for
    /// `tutor list`, `tutor progress`, `tutor grade`): a damaged file gives what can be read.
    public func peek() -> LearnerProgress {
        let empty = LearnerProgress(learner: location.learner, course: location.course,
                                    language: language.rawValue)
        guard let data = try? Self.contents(location.file) else {
            return (try? mergedPerLanguageFiles(location.perLanguageFiles)) ?? empty
        }
        if case .success(let progress) = Self.decode(data) { return progress }
        return Self.salvage(data) ?? empty
    }

    /// A progress file larger than this is not read (a learner's every attempt stays far below).
    static let maxFileBytes = 64 << 20

    /// The bytes of the progress file at `path`, nil when there is none; a FIFO, a folder or
    /// anything else that is not a regular file is an error, read at once (`RegularFile`).
    static func contents(_ path: String) throws -> Data? {
        do { return Data(try RegularFile.contents(path, limit: maxFileBytes)) } catch let failure as RegularFile.Failure {
            if failure.kind == .missing { return nil }
            throw ProgressStoreError.io(path: path, message: failure.reason)
        }
    }

    /// The per-language files merged into one progress; nil when there are none. A file of a
    /// newer tutor stops the merge; a damaged one gives what can be read.
    private func mergedPerLanguageFiles(_ files: [String]) throws -> LearnerProgress? {
        var parts: [LearnerProgress] = []
        for file in files {
            guard let data = try Self.contents(file) else { continue }
            switch Self.read(data) {
            case .current(let progress): parts.append(progress)
            case .newer(let schema): throw ProgressStoreError.newerFormat(path: file, schema: schema)
            case .damaged(let salvaged): if let salvaged { parts.append(salvaged) }
            }
        }
        guard var merged = LearnerProgress.merged(parts) else { return nil }
        merged.learner = location.learner
        merged.course = location.course
        return merged
    }

    static func decode(_ data: Data) -> Result<LearnerProgress, Error> {
        Result { try makeDecoder().decode(LearnerProgress.self, from: data) }
    }

    /// What a progress file's bytes hold, judged as `load` judges them (without touching any file).
    public static func read(_ data: Data) -> ProgressReading {
        if case .success(let progress) = decode(data) {
            return progress.schema > LearnerProgress.currentSchema ? .newer(schema: String(progress.schema)) : .current(progress)
        }
        // Parsed once for both questions (a damaged file is otherwise parsed twice over).
        let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
        if let object, let schema = newerSchema(object) { return .newer(schema: schema) }
        return .damaged(salvaged: object.flatMap(salvage))
    }

    /// The `schema` of a file that did not decode, when it is a number above the current one,
    /// however large: a schema too large for an Int is a newer format too, not damage.
    private static func newerSchema(_ object: [String: Any]) -> String? {
        guard let schema = object["schema"] as? NSNumber, !(object["schema"] is Bool),
              schema.doubleValue > Double(LearnerProgress.currentSchema) else { return nil }
        return "\(schema)"
    }

    /// Reads a damaged file field by field, keeping every checkpoint record that still decodes.
    static func salvage(_ data: Data) -> LearnerProgress? {
        (try? JSONSerialization.jsonObject(with: data) as? [String: Any]).flatMap(salvage)
    }

    private static func salvage(_ object: [String: Any]) -> LearnerProgress? {
        let decoder = makeDecoder()
        func decodeField<T: Decodable>(_ value: Any?, as type: T.Type) -> T? {
            // A value JSONSerialization parsed is valid JSON: it is written back as it is.
            guard let value, let bytes = try? JSONSerialization.data(withJSONObject: [value]) else { return nil }
            return (try? decoder.decode([T].self, from: bytes))?.first
        }
        var progress = LearnerProgress(learner: object["learner"] as? String ?? "",
                                       course: object["course"] as? String ?? "",
                                       language: object["language"] as? String ?? "")
        progress.position = decodeField(object["position"], as: CoursePosition.self)
        if let records = object["checkpoints"] as? [String: Any] {
            for (id, value) in records {
                if let record = decodeField(value, as: CheckpointProgress.self) { progress.checkpoints[id] = record }
            }
        }
        return progress
    }

    // MARK: Save

    /// Saves atomically: the file on disk is always either the old or the new version.
    public func save(_ progress: LearnerProgress) throws {
        try createFolder()
        let data: Data
        do { data = try Self.makeEncoder().encode(progress) } catch {
            throw ProgressStoreError.io(path: location.file, message: "\(error)")
        }
        do {
            try AtomicFile.write(data, to: location.file, backup: location.backupFile)
        } catch let e as AtomicFile.WriteError {
            throw ProgressStoreError.io(path: e.path, message: e.reason)
        }
    }

    /// Deletes the progress file (and its backup). The lock stays held.
    public func delete() throws {
        for path in [location.file, location.backupFile] where access(path, F_OK) == 0 {
            guard unlink(path) == 0 else { throw ProgressStoreError.io(path: path, message: errnoText()) }
        }
    }

    private func createFolder() throws {
        do {
            try FileManager.default.createDirectory(atPath: location.folder, withIntermediateDirectories: true)
        } catch {
            throw ProgressStoreError.io(path: location.folder, message: error.localizedDescription)
        }
    }

    // MARK: Coding

    static func makeEncoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }

    static func makeDecoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }

    /// Decodes a progress file's bytes (used by grading).
    public static func decodeProgress(_ data: Data) throws -> LearnerProgress {
        try makeDecoder().decode(LearnerProgress.self, from: data)
    }

    /// Moves `file` to `name`, or to `name-2`, `name-3`, … when that exists: an earlier damaged
    /// file is never overwritten (a hard link claims the name, so two tutors cannot pick the same).
    static func keepAside(_ file: String, as name: String) throws -> String {
        for n in 1...1000 {
            let candidate = n == 1 ? name : "\(name)-\(n)"
            if link(file, candidate) == 0 {
                unlink(file)
                return candidate
            }
            if errno == EEXIST { continue }
            // A file system without hard links: take the name only while it is free.
            if access(candidate, F_OK) != 0, rename(file, candidate) == 0 { return candidate }
            throw ProgressStoreError.io(path: file, message: errnoText())
        }
        throw ProgressStoreError.io(path: file, message: "too many damaged copies beside it")
    }

    private static func stamp(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd-HHmmss"
        return formatter.string(from: date)
    }
}

