import ArgumentParser
import Foundation
import TutorCore

/// `tutor watch`: like rustlings, re-checks the current code exercise whenever a file of the
/// workspace is saved, and moves on to the next exercise when it passes.
struct WatchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "watch",
        abstract: "Re-check your current code exercise whenever you save a file in the workspace (Ctrl-C to leave).")

    @Argument(help: "Start at this code checkpoint (default: the first one that does not pass yet).")
    var id: String?

    @Option(help: "Your exercise workspace (default: found from here, see `tutor init`).")
    var workspace: String?

    @Option(help: "The folder of lessons (default: ./lessons).")
    var lessons: String?

    @Option(help: "zh or en (default: from LANG).")
    var lang: String?

    @Option(help: "Seconds between checks for saved files.")
    var interval: Double = 0.5

    func run() throws {
        let language = lang.flatMap(TutorLanguage.init(parsing:)) ?? TutorLanguage.fromEnvironment()
        let zh = language == .zh
        let specs: [CheckpointSpec]
        let ws: Workspace
        do {
            let course = try Course.load(directory: lessons ?? Course.defaultDirectory())
            specs = course.lessons(in: language.rawValue).flatMap(\.checkpoints).filter { $0.expect == .code }
            ws = try Workspace.locate(explicit: workspace)
        } catch {
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            throw ExitCode(2)
        }
        guard !specs.isEmpty else {
            FileHandle.standardError.write(Data("error: the lessons have no code checkpoints (expect: code)\n".utf8))
            throw ExitCode(2)
        }
        var current = 0
        if let id {
            guard let i = specs.firstIndex(where: { $0.id == id }) else {
                FileHandle.standardError.write(Data("error: no code checkpoint '\(id)'; code checkpoints: \(specs.map(\.id).joined(separator: ", "))\n".utf8))
                throw ExitCode(2)
            }
            current = i
        }

        let interrupt = InterruptFlag()
        interrupt.install()
        defer { interrupt.uninstall() }
        let tty = isatty(1) == 1
        let checker = CodeChecker(workspace: ws)
        let status = StatusLine(enabled: true)

        var stamps = ws.sourceStamps()
        var lastLines: [String] = []
        checking: while !interrupt.isSet {
            // Check the current exercise; while it passes (and no id was pinned), move on.
            while current < specs.count {
                let spec = specs[current]
                if tty { print("\u{1B}[2J\u{1B}[H", terminator: "") }
                let file = Workspace.exerciseFiles.first { $0.function == spec.extra["function"].flatMap { v -> String? in
                    if case let .string(s) = v { return s } else { return nil } } }?.path ?? "Sources/Exercises"
                print("── \(spec.id) (\(current + 1)/\(specs.count)) · \(file) ──")
                let report: CodeCheckReport
                do {
                    report = try checker.check(spec, progress: { status.show($0, language) }, isCancelled: { interrupt.isSet })
                } catch {
                    status.clear()
                    print((zh ? "这个检查点有问题（课程的错误）：" : "this checkpoint is broken (a lesson bug): ") + "\(error)")
                    break
                }
                status.clear()
                if interrupt.isSet { break checking }
                lastLines = VerdictReport.text(.verdict(report.verdict), language: language).components(separatedBy: "\n")
                print(lastLines.joined(separator: "\n"))
                guard report.passed else { break }
                current += 1
                if current < specs.count {
                    print(zh ? "下一个练习……" : "next exercise…")
                    Thread.sleep(forTimeInterval: tty ? 1.5 : 0)
                }
            }
            if current >= specs.count {
                print(zh ? "🎉 所有代码练习都通过了！" : "🎉 every code exercise passes!")
                break
            }
            print(zh ? "\n正在监视 \(ws.root.path) 的改动…（Ctrl-C 退出）" : "\nwatching \(ws.root.path) for saved files… (Ctrl-C to leave)")
            fflush(stdout)
            // Poll modification times until something changes or Ctrl-C.
            while !interrupt.isSet {
                Thread.sleep(forTimeInterval: interval)
                let now = ws.sourceStamps()
                if now != stamps { stamps = now; continue checking }
            }
        }
        print(zh ? "\n再见。" : "\nbye.")
    }
}
