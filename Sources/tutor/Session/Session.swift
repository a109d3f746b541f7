import Foundation
import Judging
import LearnerCode
import Lessons
import Records
import TerminalMarkdown
import TerminalUI

/// The interactive course: shows each step's text, asks its checkpoint, takes answers and
/// commands, and saves progress after every verdict and every move.
final class Session {
    let course: Course
    let language: TutorLanguage
    /// The lessons in the learner's language, in order.
    let lessons: [Lesson]
    let judge: Judge
    let store: ProgressStore
    let screen: Screen
    let editor: LineEditor
    var progress: LearnerProgress
    var navigator: CourseNavigator

    init(course: Course, language: TutorLanguage, judge: Judge, store: ProgressStore, progress: LearnerProgress,
         screen: Screen, editor: LineEditor) {
        self.course = course
        self.language = language
        lessons = course.lessons(in: language.rawValue)
        self.judge = judge
        self.store = store
        self.progress = progress
        self.screen = screen
        self.editor = editor
        self.navigator = CourseNavigator(outline: course.outline(language: language.rawValue), position: progress.position)
    }

    /// What a step's prompt loop ended with.
    private enum StepEnd { case moved, quit }

    /// Runs until the learner quits (or input ends). `openLesson` starts at that lesson instead
    /// of the saved position.
    func run(openLesson: Int? = nil, openCheckpoint: String? = nil) throws {
        if let openCheckpoint, navigator.open(checkpoint: openCheckpoint) {
            // Opened at the checkpoint itself.
        } else if let openLesson {
            navigator.open(lesson: openLesson)
        } else if progress.position != nil, let lesson = navigator.lesson {
            screen.say(screen.style.dim(screen.words(.resumed, navigator.lessonIndex, lesson.title)))
        } else {
            screen.say(screen.style.dim(screen.words(.welcome)))
        }
        try savePosition()
        while true {
            showStep()
            switch try promptLoop() {
            case .moved: try savePosition()
            case .quit:
                try savePosition()
                screen.say(screen.words(.goodbye))
                return
            }
        }
    }

    // MARK: Showing a step

    private var currentLesson: Lesson { lessons[navigator.lessonIndex] }
    private var currentStep: LessonStep { currentLesson.steps[navigator.step] }
    /// Whose inputs the varied checkpoints show and are judged with.
    private var identity: LearnerIdentity { store.location.identity }
    /// The current step's checkpoint with this learner's inputs, in its arguments and its text
    /// (a placeholder that cannot be filled leaves the text as written; judging says why).
    private var currentCheckpoint: CheckpointSpec? {
        guard let spec = currentStep.checkpoint else { return nil }
        return (try? judge.personalized(spec, for: identity)) ?? spec.variant(for: identity)
    }

    /// Where the pager's q left the current step's text (the first line not read), if it did.
    private var skippedFrom: Int?

    /// Shows the current step: its text (from line `from` on), then its checkpoint or the lesson's end.
    private func showStep(from: Int = 0) {
        let lesson = currentLesson
        var lines: [String] = []
        if navigator.step == 0 {
            // The lesson's own heading follows; the rule only says where in the course it is.
            lines.append("")
            // The lesson's own number (as `list` and `open` use it), then where it stands among all of them.
            let number = lesson.outline.number ?? navigator.lessonIndex
            lines.append(screen.rule(screen.words(.lessonCounter, number, navigator.lessonIndex + 1, lessons.count)))
            if !lesson.steps[0].markdown.contains(lesson.title) { lines.append(screen.style.bold(lesson.title)) }
            for problem in lesson.errors.map(\.description) {
                lines += Screen.wrap("⚠ " + screen.words(.brokenCheckpoint, problem), columns: screen.width).map(screen.style.yellow)
            }
        }
        let prose = ProseRenderer.render(currentStep.markdown, width: screen.width, color: screen.style.color)
        lines += prose
        let panel = currentCheckpoint.map(checkpointPanel) ?? []
        skippedFrom = screen.page(lines, reserve: panel.count + 2, from: from)
        if currentCheckpoint != nil {
            screen.say(panel)
            screen.say(progressLine())
        } else {
            screen.say("")
            screen.say(screen.style.dim(navigator.isAtCourseEnd ? screen.words(.courseEnd)
                                        : screen.words(.lessonEnd, navigator.lessonIndex)))
        }
    }

    private func checkpointPanel(_ checkpoint: CheckpointSpec) -> [String] {
        CheckpointPanel.lines(checkpoint, width: screen.width, style: screen.style, language: language,
                              done: progress.checkpoints[checkpoint.id]?.status == .done)
    }

    /// `lesson ███░░ 1/3  course █░░░░ 4/20`, fitted to the width.
    private func progressLine() -> String {
        let lessonCounts = navigator.lessonCounts(progress)
        let courseCounts = navigator.courseCounts(progress)
        let lessonWord = screen.words(.progressLesson)
        let courseWord = screen.words(.progressCourse)
        let labels = TextWidth.of(lessonWord) + TextWidth.of(courseWord) + 5
        let barWidth = max(8, (screen.width - labels) / 2)
        let text = "\(lessonWord) \(progressBar(done: lessonCounts.done, total: lessonCounts.total, width: barWidth))"
            + "   \(courseWord) \(progressBar(done: courseCounts.done, total: courseCounts.total, width: barWidth))"
        return screen.style.dim(TextWidth.truncate(text, to: screen.width))
    }

    // MARK: The prompt

    private func promptLoop() throws -> StepEnd {
        let prompt = screen.style.bold(screen.words(.answerPrompt))
        while true {
            // A reflection is prose: lines pasted together are one answer (other answers
            // continue while their brackets are open).
            switch editor.readLine(prompt: prompt, joiningPastedLines: currentStep.checkpoint?.expect == .reflection) {
            case .endOfInput:
                return .quit
            case .cancelled:
                screen.say(screen.style.dim(screen.words(.cancelled)))
            case .line(let raw):
                let text = raw.trimmingCharacters(in: .whitespaces)
                if text.isEmpty {
                    // Enter on an empty line moves on where there is nothing to answer.
                    if currentCheckpoint == nil { if move(forward: true) { return .moved } }
                    continue
                }
                if let command = command(in: text) {
                    if let end = try perform(command) { return end }
                } else if let checkpoint = currentCheckpoint {
                    if checkpoint.expect == .code {
                        // Only `check` runs the learner's code: typed text is not an answer here.
                        screen.say(screen.words(.codeNeedsCheck))
                        continue
                    }
                    guard let whole = continued(text, for: checkpoint) else { continue }
                    if try answer(checkpoint, whole) { return .moved }
                } else {
                    screen.say(screen.words(.unknownCommand, text))
                }
            }
        }
    }

    /// The command `text` is, if any. At a reflection the text is the learner's answer unless
    /// it is exactly a command: `open` followed by words that name no lesson is prose.
    private func command(in text: String) -> PromptCommand? {
        guard let command = PromptCommand(text) else { return nil }
        if currentStep.checkpoint?.expect == .reflection, case .open(let query) = command,
           navigator.outline.lessonIndex(matching: query) == nil {
            return nil
        }
        return command
    }

    /// The answer, with more lines read while its brackets are open (a printout pasted on a
    /// terminal without bracketed paste, or typed over several lines); nil when cancelled.
    private func continued(_ first: String, for checkpoint: CheckpointSpec) -> String? {
        guard checkpoint.expect != .reflection else { return first }
        var text = first
        let prompt = screen.style.dim(screen.words(.continuationPrompt))
        while BracketDepth.of(FullWidthInput.normalized(text)) > 0 {
            switch editor.readLine(prompt: prompt) {
            case .line(let more): text += " " + more.trimmingCharacters(in: .whitespaces)
            case .cancelled:
                screen.say(screen.style.dim(screen.words(.cancelled)))
                return nil
            case .endOfInput: return text
            }
        }
        return text
    }

    /// Runs a command; a `StepEnd` when the step is over.
    private func perform(_ command: PromptCommand) throws -> StepEnd? {
        switch command {
        case .quit: return .quit
        case .help:
            screen.say(screen.style.bold(screen.words(.helpTitle)))
            screen.say(Screen.hangingWrap(screen.words(.helpBody), indent: 12, columns: screen.width))
        case .list:
            screen.say(CourseListing.lines(course: course, language: language, progress: progress, current: navigator,
                                           style: screen.style, width: screen.width))
        case .next: return move(forward: true) ? .moved : nil
        case .reread: return .moved
        case .check:
            guard let checkpoint = currentStep.checkpoint, checkpoint.expect == .code else {
                screen.say(screen.words(.checkNeedsCode))
                return nil
            }
            if try answer(checkpoint, "") { return .moved }
        case .back:
            // After q in the pager, back first shows the text q skipped; then the step before.
            if let skipped = skippedFrom {
                showStep(from: skipped)
                return nil
            }
            return move(forward: false) ? .moved : nil
        case .open(let query):
            guard let index = navigator.outline.lessonIndex(matching: query) else {
                screen.say(screen.words(.lessonNotFound, query))
                return nil
            }
            if !navigator.open(checkpoint: query) { navigator.open(lesson: index) }
            return .moved
        case .hint:
            guard let checkpoint = currentCheckpoint else { screen.say(screen.words(.noHints)); return nil }
            try showHint(checkpoint)
        case .solution:
            guard let checkpoint = currentCheckpoint else { screen.say(screen.words(.noSolution)); return nil }
            try showSolution(checkpoint)
        case .skip:
            guard let checkpoint = currentCheckpoint else { return move(forward: true) ? .moved : nil }
            progress.recordSkip(checkpoint.id, lesson: currentLesson.id)
            try save()
            screen.say(screen.style.dim(screen.words(.skipped)))
            return move(forward: true) ? .moved : nil
        }
        return nil
    }

    private func move(forward: Bool) -> Bool {
        let moved = forward ? navigator.next() : navigator.back()
        if !moved { screen.say(screen.words(forward ? .lastLesson : .firstLesson)) }
        return moved
    }

    private func showHint(_ checkpoint: CheckpointSpec) throws {
        guard !checkpoint.hints.isEmpty else { screen.say(screen.words(.noHints)); return }
        let shown = progress.checkpoints[checkpoint.id]?.hintsUsed ?? 0
        guard shown < checkpoint.hints.count else {
            // Show the last one again, with the note that there are no more.
            screen.say(screen.style.yellow(screen.words(.noMoreHints)))
            return
        }
        progress.recordHint(checkpoint.id, lesson: currentLesson.id, shown: shown + 1)
        try save()
        screen.say(screen.style.yellow(screen.words(.hintHeader, shown + 1, checkpoint.hints.count)))
        screen.say(ProseRenderer.render(checkpoint.hints[shown], width: screen.width - 2, color: screen.style.color)
            .map { "  " + $0 })
    }

    private func showSolution(_ checkpoint: CheckpointSpec) throws {
        guard (progress.checkpoints[checkpoint.id]?.attemptCount ?? 0) > 0 else {
            screen.say(screen.words(.solutionNeedsAttempt))
            return
        }
        let solution: Solution?
        do {
            solution = try withLongWork(checkpoint) { try judge.solution(for: checkpoint, learner: identity, progress: $0) }
        } catch is LongWorkInterrupted {
            screen.say(screen.words(.referenceInterrupted))
            return
        } catch {
            screen.say(screen.style.red(screen.words(.referenceFailed, "\(error)")))
            return
        }
        guard let solution else { screen.say(screen.words(.noSolution)); return }
        progress.recordSolution(checkpoint.id, lesson: currentLesson.id)
        try save()
        screen.say(screen.style.yellow(screen.words(.solutionHeader)))
        switch solution {
        case let .choice(index, text):
            let label = "\(CheckpointSpec.letter(index))) "
            let rendered = ProseRenderer.render(text, width: screen.width - 2 - label.count, color: screen.style.color)
            screen.say(rendered.enumerated().map { "  " + ($0.offset == 0 ? label : String(repeating: " ", count: label.count)) + $0.element })
        case .modelAnswer:
            screen.say(ProseRenderer.render(solution.answerText, width: screen.width - 2, color: screen.style.color).map { "  " + $0 })
        case .reference:
            // A value to type back: kept verbatim, never read as Markdown.
            screen.say(Screen.wrap(solution.answerText, columns: screen.width - 2).map { "  " + $0 })
        }
    }

    /// Judges an answer; true when the checkpoint is done and the course moved on.
    private func answer(_ checkpoint: CheckpointSpec, _ typed: String) throws -> Bool {
        let text = FullWidthInput.normalized(typed, for: checkpoint.expect)
        let file = AnswerFile.typedPath(text)
        if let readAs = text != typed ? text : file.flatMap({ AnswerFile.normalizedText(path: $0, kind: checkpoint.expect) }) {
            screen.say(screen.style.dim(TextWidth.truncate(screen.words(.inputNormalized, readAs), to: screen.width)))
        }
        let verdict: Verdict
        do {
            verdict = try withLongWork(checkpoint) { progress in
                if let file { return try judge.judge(answerFile: file, for: checkpoint, learner: identity, progress: progress) }
                return try judge.judge(text, for: checkpoint, learner: identity, progress: progress)
            }
        } catch is LongWorkInterrupted {
            screen.say(screen.words(.referenceInterrupted))
            return false
        } catch {
            screen.say(screen.style.red(screen.words(.referenceFailed, "\(error)")))
            return false
        }
        // An answer file is recorded as its contents, which grading can judge again.
        progress.record(verdict, answer: file.flatMap { _ in verdict.given?.typeableText } ?? text, lesson: currentLesson,
                        language: language)
        try save()
        show(verdict)
        // Under `feedback: none` every judged answer is recorded and the course moves on.
        guard verdict.isDone || verdict.recordsOnly else { return false }
        // The next step's panel shows the updated bars; a lesson's end shows them here.
        if navigator.step + 1 == currentLesson.steps.count - 1 { screen.say(progressLine()) }
        return navigator.next()
    }

    private func show(_ verdict: Verdict) {
        let width = screen.width
        if verdict.recordsOnly {
            screen.say(screen.style.dim(DiagnosisMessages.recorded.text(language)))
            return
        }
        // "correct (max abs error …)" joins the head instead of saying "correct" twice.
        let correctWord = Messages.correct.text(language), message = verdict.message.text(language)
        let joined = verdict.outcome == .correct && message.hasPrefix(correctWord) ? String(message.dropFirst(correctWord.count)) : nil
        let head: String
        switch verdict.outcome {
        case .correct: head = screen.style.green(screen.words(.correct) + (joined ?? ""))
        case .incorrect: head = screen.style.red(screen.words(.incorrect))
        case .malformed: head = screen.style.yellow(screen.words(.malformed))
        case .saved: head = screen.style.green(screen.words(.reflectionSaved))
        }
        screen.say(Screen.wrap(ANSI.strip(head), columns: width).count > 1 || !screen.style.color
                   ? Screen.wrap(ANSI.strip(head), columns: width) : [head])
        // The head already says "correct" / "not correct".
        let lines = (joined == nil ? [verdict.message] + verdict.details : verdict.details)
            .filter { $0 != Messages.correct && $0 != Messages.incorrect && $0 != Messages.reflectionSaved }
        for line in lines {
            screen.say(ProseRenderer.render(line.text(language), width: width - 2, color: screen.style.color).map { "  " + $0 })
        }
        // Caret lines under a malformed answer keep their spacing.
        for caret in verdict.parseError?.caretLines ?? [] {
            screen.say(["  " + TextWidth.truncate(caret, to: width - 2)])
        }
        if verdict.outcome == .saved, let model = verdict.modelAnswer {
            screen.say(screen.style.bold(screen.words(.modelAnswer)))
            screen.say(ProseRenderer.render(model, width: width - 2, color: screen.style.color).map { "  " + $0 })
        }
        if verdict.outcome == .correct, let explain = verdict.explain {
            screen.say(screen.style.bold(screen.words(.explanation)))
            screen.say(ProseRenderer.render(explain, width: width - 2, color: screen.style.color).map { "  " + $0 })
        }
    }

    /// Runs judge work; for long checkpoints with a progress bar and Ctrl-C to stop.
    private func withLongWork<T>(_ checkpoint: CheckpointSpec, _ body: (JudgeProgress?) throws -> T) throws -> T {
        guard judge.isExpensive(checkpoint, learner: identity) else { return try body(nil) }
        let bar = WorkProgressBar(screen: screen)
        screen.say(screen.style.dim(screen.words(.computingReference)))
        defer { bar.finish() }
        return try Terminal.interruptible {
            do {
                let result = try body(bar)
                if Terminal.interrupted { throw LongWorkInterrupted() }
                return result
            } catch JudgeError.interrupted {
                throw LongWorkInterrupted()
            }
        }
    }

    // MARK: Saving

    private func save() throws {
        progress.position = navigator.position
        try store.save(progress)
    }

    private func savePosition() throws {
        guard progress.position != navigator.position else { return }
        try save()
    }
}

/// Thrown when the learner pressed Ctrl-C during long work.
struct LongWorkInterrupted: Error {}

/// A one-line progress bar for long references: redrawn in place on a terminal, a line per
/// quarter over a pipe. Ctrl-C asks the work to stop.
final class WorkProgressBar: JudgeProgress {
    private let screen: Screen
    private var lastQuarter = -1
    private var drew = false

    init(screen: Screen) { self.screen = screen }

    func report(fraction: Double, label localized: LocalizedText) {
        let label = localized.text(screen.language)
        let clamped = min(max(fraction, 0), 1)
        if screen.interactive {
            let percent = " \(Int(clamped * 100))% \(label)"
            let barWidth = max(5, screen.width - TextWidth.of(percent) - 2)
            let filled = Int(clamped * Double(barWidth))
            let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: barWidth - filled)
            Terminal.output("\r\u{1B}[2K" + bar + percent)
            drew = true
        } else {
            let quarter = Int(clamped * 4)
            if quarter > lastQuarter {
                lastQuarter = quarter
                screen.say("\(quarter * 25)% \(label)")
            }
        }
    }

    var shouldStop: Bool { Terminal.interrupted || Terminal.controlCPressed() }

    func finish() {
        if drew { Terminal.output("\r\u{1B}[2K") }
    }
}
