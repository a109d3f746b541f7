import ArgumentParser

/// A word after `tutor` that names no command (`tutor lsit`): the message that says so and
/// suggests the closest command, instead of the default command's usage.
enum UnknownCommand {
    static func message(for word: String) -> String {
        let names = Tutor.configuration.subcommands.compactMap { $0.configuration.commandName } + ["help"]
        let closest = names.map { (name: $0, distance: editDistance(word.lowercased(), $0)) }.min { $0.distance < $1.distance }
        var text = "tutor: unknown command '\(word)'"
        if let closest, closest.distance <= max(1, min(2, word.count / 2)) { text += "; did you mean '\(closest.name)'?" }
        return text + "\nRun tutor --help for the commands."
    }

    /// Levenshtein distance, with a swap of two neighbours counted as one edit.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        guard !a.isEmpty else { return b.count }
        guard !b.isEmpty else { return a.count }
        var d = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { d[i][0] = i }
        for j in 0...b.count { d[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1) }
            }
        }
        return d[a.count][b.count]
    }
}
