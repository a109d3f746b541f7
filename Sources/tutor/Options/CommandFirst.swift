/// `tutor --lang zh open 3`: options written before the command word go right after it, as
/// tools with commands (git, cargo) take them. ArgumentParser would hand them, and the command
/// word with them, to the default command, which then called `open` an unknown command.
enum CommandFirst {
    /// `arguments` (without the program name) with the first command word moved to the front
    /// when only options (and their values) come before it; otherwise unchanged.
    static func arguments(_ arguments: [String], commands: Set<String>) -> [String] {
        guard let first = arguments.first, first.hasPrefix("-"), first != "--",
              let index = arguments.firstIndex(where: { commands.contains($0) }),
              !arguments[..<index].contains("--") else { return arguments }
        return [arguments[index]] + arguments[..<index] + arguments[(index + 1)...]
    }

    /// The command words of `tutor` (`help` is left where it is: it takes command names).
    static var commands: Set<String> {
        Set(Tutor.configuration.subcommands.compactMap { $0.configuration.commandName })
    }
}
