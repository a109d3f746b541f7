import Foundation
import Judging
import LearnerCode
import Lessons
import TerminalMarkdown

/// `tutor watch` on the screen, as rustlings has it: the current code exercise is checked
/// again at every save (a save during a check stops it and starts again), its verdict stays
/// until the next save, and keys act at once, also while a check runs: h hint, l list,
/// n next, c check again, q quit. Without a terminal there are no keys; Ctrl-C leaves.
final class WatchSession {
    private let specs: [CheckpointSpec]
    private let checker: CodeChecker
    private let workspace: Workspace
    private let language: TutorLanguage
    private let interval: Double
    private let interrupt: InterruptFlag
    private let status: StatusLine
    private let keys: Bool
    /// Told of every finished check (to record it).
    private let onVerdict: (CheckpointSpec, CodeCheckReport) -> Void

    private var current: Int
    private var stamps: [String: Date]
    private var lastStampCheck = Date.distantPast
    private var passed = Set<String>()
    private var hintsShown: [String: Int] = [:]

    /// What a key or a save asks of the loop.
    private enum Event { case saved, next, recheck, quit }

    init(specs: [CheckpointSpec], start: Int, checker: CodeChecker, workspace: Workspace, language: TutorLanguage,
         interval: Double, interrupt: InterruptFlag, onVerdict: @escaping (CheckpointSpec, CodeCheckReport) -> Void) {
        self.specs = specs
        self.current = start
        self.checker = checker
        self.workspace = workspace
        self.language = language
        self.interval = interval
        self.interrupt = interrupt
        self.onVerdict = onVerdict
        self.status = StatusLine(enabled: true)
        self.keys = Terminal.isInteractive
        self.stamps = workspace.sourceStamps()
    }

    private var width: Int { Terminal.isInteractive ? max(Terminal.size.columns, 20) : 80 }

    func run() {
        Terminal.withRawMode { loop() }
        say(TutorText.watchBye.text(language))
    }

    private func loop() {
        var needsCheck = true
        while !interrupt.isSet {
            if needsCheck {
                needsCheck = false
                switch check() {
                case .quit?: return
                case .saved?, .recheck?: needsCheck = true; continue
                case .next?: if advance(afterPass: false) { needsCheck = true }; continue
                case nil: break
                }
                if current == specs.count - 1, passed.count == specs.count { say(TutorText.watchAllPass.text(language)) }
                say(Screen.wrap(TutorText.watchWatching.text(language, workspace.root.path), columns: width))
                if keys { say(Screen.wrap(TutorText.watchKeys.text(language), columns: width)) }
            }
            switch waitForEvent() {
            case .quit: return
            case .recheck: needsCheck = true
            case .next: needsCheck = advance(afterPass: false)
            case .saved:
                // A passing exercise stays on screen until the learner saves again: then the next one.
                if passed.contains(specs[current].id) { _ = advance(afterPass: true) }
                needsCheck = true
            }
        }
    }

    /// Moves to the next exercise (after a pass: the next that does not pass yet); false at the end.
    private func advance(afterPass: Bool) -> Bool {
        var next = current + 1
        if afterPass { while next < specs.count, passed.contains(specs[next].id) { next += 1 } }
        guard next < specs.count else { say(TutorText.watchLast.text(language)); return false }
        current = next
        return true
    }

    /// Checks the current exercise and shows its verdict; the event that stopped it, if any.
    private func check() -> Event? {
        let spec = specs[current]
        if Terminal.isInteractive { Terminal.output("\u{1B}[2J\u{1B}[H") }
        say(Screen.wrap(TutorText.watchHeading.text(language, spec.id, current + 1, specs.count, spec.code?.function.file ?? ""),
                        columns: width))
        var stop: Event?
        let report: CodeCheckReport
        do {
            report = try checker.check(spec, progress: { [status, language] in status.show($0, language) }, isCancelled: {
                if stop == nil { stop = self.pollEvent() }
                return stop != nil || self.interrupt.isSet
            })
        } catch {
            status.clear()
            say(Screen.wrap(TutorText.brokenCheckpointReport.text(language, "\(error)"), columns: width))
            return stop
        }
        status.clear()
        if interrupt.isSet { return .quit }
        if let stop { return stop }
        onVerdict(spec, report)
        say(VerdictReport.text(.success(report.verdict), language: language)
            .split(separator: "\n", omittingEmptySubsequences: false)
            .flatMap { Screen.hangingWrap(String($0), indent: 2, columns: width) })
        if report.passed {
            passed.insert(spec.id)
            if current + 1 < specs.count { say(Screen.wrap(TutorText.watchPassed.text(language), columns: width)) }
        } else {
            passed.remove(spec.id)
        }
        return nil
    }

    /// Waits for a save or a key.
    private func waitForEvent() -> Event {
        while !interrupt.isSet {
            if let event = pollEvent() { return event }
            if keys { _ = Terminal.byteReady(milliseconds: Int32(max(interval, 0.05) * 1000)) }
            else { Thread.sleep(forTimeInterval: interval) }
        }
        return .quit
    }

    /// A key typed or a save since the last look, without waiting. Hint and list are shown here.
    private func pollEvent() -> Event? {
        while keys, Terminal.byteReady(milliseconds: 0) {
            guard case .byte(let byte) = Terminal.readByte() else { return .quit }
            switch byte {
            case UInt8(ascii: "q"), UInt8(ascii: "Q"), 3, 4: return .quit
            case UInt8(ascii: "n"): return .next
            case UInt8(ascii: "c"): return .recheck
            case UInt8(ascii: "h"): showHint()
            case UInt8(ascii: "l"): showList()
            default: continue
            }
        }
        guard Date().timeIntervalSince(lastStampCheck) >= interval else { return nil }
        lastStampCheck = Date()
        let now = workspace.sourceStamps()
        guard now != stamps else { return nil }
        stamps = now
        return .saved
    }

    private func showHint() {
        let spec = specs[current]
        status.clear()
        guard !spec.hints.isEmpty else { say(TutorText.noHints.text(language)); return }
        let shown = min(hintsShown[spec.id, default: 0], spec.hints.count - 1)
        hintsShown[spec.id] = shown + 1
        say(TutorText.hintHeader.text(language, shown + 1, spec.hints.count))
        say(ProseRenderer.render(spec.hints[shown], width: width - 2, color: false).map { "  " + $0 })
    }

    private func showList() {
        status.clear()
        for (index, spec) in specs.enumerated() {
            let mark = passed.contains(spec.id) ? "✔" : "·"
            let line = (index == current ? "▶ " : "  ") + mark + " " + spec.id + "  " + (spec.code?.function.file ?? "")
            say(TextWidth.truncate(line, to: width))
        }
    }

    private func say(_ text: String) { Terminal.output(text + "\n") }
    private func say(_ lines: [String]) { if !lines.isEmpty { Terminal.output(lines.joined(separator: "\n") + "\n") } }
}
