/// Every sentence the tutor itself says, in English and Chinese.
///
/// Placeholders are `{0}`, `{1}`, …; both languages of a key use the same ones
/// (a unit test checks it), so a translation can reorder them freely.
public enum TutorText: String, CaseIterable, Sendable {
    // The prompt and its commands
    case answerPrompt, continuePrompt, continuationPrompt, pagerMore, pagerHint
    case inputNormalized, codeNeedsCheck, checkNeedsCode
    case helpTitle, helpBody
    case unknownCommand
    case cancelled, goodbye
    // Verdicts
    case correct, incorrect, malformed, reflectionSaved, modelAnswer, explanation
    case alreadyDone
    // Hints and solutions
    case hintHeader, noMoreHints, noHints
    case solutionNeedsAttempt, solutionHeader, solutionRecorded, noSolution
    case skipped
    // Navigation
    case lessonStart, lessonCounter, lessonEnd, courseEnd, firstLesson, lastLesson
    case checkpointHeader, choicesHeader
    case resumed, welcome
    case progressLesson, progressCourse
    case computingReference, referenceInterrupted, referenceFailed
    // Lists and summaries
    case listTitle, listLegend, progressTitle, progressLine, progressNone, progressRetired
    case lessonNotFound
    // Progress store
    case stateLocked, stateLockWaiting, stateDamaged, stateRecovered, stateNewer, stateWriteFailed, stateLockFailed
    case stateMerged, notRecorded, workspaceRemembered
    // Reset
    case resetConfirmAll, resetConfirmLesson, resetDone, resetCancelled, resetNothing
    // Lessons
    case noLessons, lessonsMissing, brokenCheckpoint, attemptsCount
    // Grading
    case gradeNoAnswer, gradeReflectionAnswered, gradeOtherLearnersInputs
    // tutor check
    case computingTraining, epochLine, cannotReadAnswer, brokenCheckpointReport, interruptedReference
    // Code checks
    case codeBuilding, codeRunning, codeComparing
    case watchHeading, watchNext, watchAllPass, watchWatching, watchBye, watchKeys, watchPassed, watchLast
    // tutor predict
    case predictIndex, predictTruth, predictPredicted, predictHeading, predictTally, predictTraining, predictSaved
    case predictConfusionHeading
    // Answers
    case answerColumn
    // Data
    case dataFolderMissing
}

extension TutorText {
    /// The sentence in `language` with `{i}` replaced by `arguments[i]`.
    public func text(_ language: TutorLanguage, _ arguments: CustomStringConvertible...) -> String {
        let table = language == .zh ? TutorText.chinese : TutorText.english
        return TutorText.fill(table[self] ?? TutorText.english[self] ?? rawValue, arguments.map(\.description))
    }

    /// `template` with `{i}` replaced by `arguments[i]`.
    public static func fill(_ template: String, _ arguments: [String]) -> String {
        var result = template
        for (index, argument) in arguments.enumerated() {
            result = result.replacingOccurrences(of: "{\(index)}", with: argument)
        }
        return result
    }

    static let english: [TutorText: String] = [
        .answerPrompt: "answer> ",
        .continuePrompt: "Press Enter to continue (q to stop reading) ",
        .continuationPrompt: "...     ",
        .pagerMore: "── more: Space/Enter next screen, b back, q to the checkpoint (back: the rest) ──",
        .pagerHint: "(Enter: next screen)",
        .helpTitle: "Commands at the prompt",
        .helpBody: """
            <answer>    check your answer (numbers, [[lists]], tensor(...), (784, 256), a choice,
                        or the path of a .npy or .json file); a pasted printout is one answer
            check       run the checks on your code (at a code checkpoint)
            hint        show the next hint (one at a time)
            solution    show the solution (after at least one attempt; it is recorded)
            reread      show this step's text again (also what q skipped in the pager)
            skip        leave this checkpoint for now
            back, next  previous / next step of the course (after q in the pager, back shows
                        the text q skipped first)
            list        the course with your progress
            help        this help
            quit        save and leave (Ctrl-D does the same)
            Ctrl-C clears the line you are typing.
            """,
        .unknownCommand: "Not an answer or a command: {0}. Type help for the commands.",
        .dataFolderMissing: "{0}: {1}: {2}; the Fashion-MNIST directory must hold {3} (gzip or uncompressed)",
        .inputNormalized: "(read as: {0})",
        .codeNeedsCheck: "This checkpoint checks your code: save it in the workspace, then type check.",
        .checkNeedsCode: "check runs the checks of a code checkpoint; here, type your answer.",
        .cancelled: "(cancelled)",
        .goodbye: "Progress saved. See you next time: run tutor to continue where you stopped.",
        .correct: "✔ correct",
        .incorrect: "✘ not yet",
        .malformed: "? could not read that answer",
        .reflectionSaved: "✔ your answer is saved (reflections count as done; they are not scored)",
        .modelAnswer: "Model answer:",
        .explanation: "Why:",
        .alreadyDone: "Already answered correctly; you may answer again or type next.",
        .hintHeader: "Hint {0}/{1}:",
        .noMoreHints: "No more hints. Type solution to see the answer.",
        .noHints: "This checkpoint has no hints.",
        .solutionNeedsAttempt: "Try at least once before asking for the solution.",
        .solutionHeader: "Solution (recorded as viewed):",
        .solutionRecorded: "The solution was viewed for this checkpoint.",
        .noSolution: "This checkpoint has no solution to show.",
        .skipped: "Skipped; you can come back to it with back or tutor open.",
        .lessonStart: "Lesson {0}/{1}: {2}",
        .lessonCounter: "lesson {0} · {1} of {2}",
        .lessonEnd: "End of lesson {0}. Type next to go on, or back to review.",
        .courseEnd: "You reached the end of the course. tutor progress shows your summary.",
        .firstLesson: "This is the beginning of the course.",
        .lastLesson: "This is the end of the course.",
        .checkpointHeader: "checkpoint {0}",
        .choicesHeader: "Choices:",
        .resumed: "Resuming at lesson {0}: {1}",
        .welcome: "Welcome! Type help at the prompt for the commands.",
        .progressLesson: "lesson",
        .progressCourse: "course",
        .computingReference: "Computing the reference (Ctrl-C to interrupt)…",
        .referenceInterrupted: "Interrupted. The checkpoint is still open; answer it later.",
        .referenceFailed: "The reference could not be computed: {0}",
        .listTitle: "The course ({0})",
        .listLegend: "✔ done  ◐ started  · not started  ▶ you are here",
        .progressTitle: "Progress of {0} in {1} ({2})",
        .progressLine: "{0} of {1} checkpoints done, {2} answered correctly, {3} hints, {4} solutions viewed",
        .progressNone: "No progress yet: run tutor to start.",
        .progressRetired: "Not counted: answers to {0} checkpoints that are no longer in the course ({1}); they stay in the progress file.",
        .lessonNotFound: "No lesson matches {0}. tutor list shows the lessons.",
        .stateLocked: "Another tutor (pid {0}) is using the progress in {1}. Close it first, then run tutor again.",
        .stateLockWaiting: "Waiting for another tutor to release {0}…",
        .stateDamaged: "Your progress file {0} was damaged; it was kept as {1}.",
        .stateRecovered: "Recovered {0} checkpoint records from it; the course goes on from there.",
        .stateMerged: "Merged the progress of {0} into {2} (the old file is kept as {1}).",
        .notRecorded: "Not recorded in your progress: {0}",
        .workspaceRemembered: "The course remembers this workspace for {0}: tutor, tutor check and tutor watch use it.",
        .stateNewer: "The progress file {0} was written by a newer tutor (format {1}); update tutor or use --state DIR.",
        .stateWriteFailed: "Could not save progress to {0}: {1}",
        .stateLockFailed: "Could not lock the progress with {0}: {1}",
        .resetConfirmAll: "Delete all progress of {0} in {1} ({2})? [y/N] ",
        .resetConfirmLesson: "Delete the progress of lesson {0}? [y/N] ",
        .resetDone: "Progress deleted: {0} checkpoint records.",
        .resetCancelled: "Nothing deleted.",
        .resetNothing: "There is no progress to delete.",
        .noLessons: "No lessons found in {0}.",
        .lessonsMissing: "The lessons folder {0} does not exist. Use --lessons DIR to point at the course.",
        .attemptsCount: "({0} attempts)",
        .brokenCheckpoint: "A checkpoint of this lesson could not be read and is left out ({0}). tutor lint says more.",
        .gradeNoAnswer: "no answer",
        .gradeReflectionAnswered: "answered (reflections count as completion)",
        .gradeOtherLearnersInputs: "identical to the right answer of {0}, whose inputs differ: this answers {0}'s inputs, not this learner's",
        .computingTraining: "computing the reference (a training run; cached afterwards)…",
        .epochLine: "epoch {0}: train loss {1}, test acc {2}",
        .cannotReadAnswer: "cannot read the answer: {0}",
        .brokenCheckpointReport: "this checkpoint is broken (a lesson bug): {0}",
        .interruptedReference: "interrupted: the reference was not computed",
        .codeBuilding: "building your workspace…",
        .codeRunning: "running your function on {0} cases…",
        .codeComparing: "computing the reference of case {0}…",
        .watchHeading: "── {0} ({1}/{2}) · {3} ──",
        .watchNext: "next exercise…",
        .watchAllPass: "🎉 every code exercise passes!",
        .watchWatching: "\nwatching {0} for saved files… (Ctrl-C to leave)",
        .watchBye: "\nbye.",
        .watchKeys: "keys: h hint · l list · n next exercise · c check again · q quit",
        .watchPassed: "Save a file to go on to the next exercise, or press n.",
        .watchLast: "This is the last code exercise.",
        .predictIndex: "image {0}",
        .predictTruth: "true: {0}",
        .predictPredicted: "pred: {0}",
        .predictHeading: "Network {0}, test accuracy {1}",
        .predictTally: "{0} of {1} predicted correctly",
        .predictConfusionHeading: "{0} test images: a row per true class, a column per prediction; acc = the diagonal over the row",
        .predictTraining: "training for {0} epochs first (--save FILE keeps the result for --load FILE)…",
        .predictSaved: "parameters written to {0}",
        .answerColumn: "column {0}: {1}",
    ]

    static let chinese: [TutorText: String] = [
        .answerPrompt: "答案> ",
        .continuePrompt: "按回车继续（q 停止阅读）",
        .continuationPrompt: "...   ",
        .pagerMore: "── 更多：空格/回车 下一屏，b 上一屏，q 到检查点（back 看余下部分）──",
        .pagerHint: "（回车：下一屏）",
        .helpTitle: "提示符下可用的命令",
        .helpBody: """
            <答案>      检查你的答案（数字、[[列表]]、tensor(...)、(784, 256)、选项，
                        或 .npy / .json 文件的路径）；粘贴的多行输出算一个答案
            check       运行代码检查点对你代码的检查（也可输入 检查）
            hint        显示下一条提示（每次一条；也可输入 提示）
            solution    显示参考答案（至少尝试一次之后；会被记录；也可输入 参考答案）
            reread      重新显示这一步的正文（包括翻页时按 q 跳过的部分）
            skip        暂时跳过这个检查点
            back, next  课程的上一步 / 下一步（翻页时按 q 之后，back 先显示跳过的部分）
            list        课程目录和你的进度
            help        显示本帮助
            quit        保存并退出（Ctrl-D 同样）
            Ctrl-C 清除正在输入的这一行。
            """,
        .unknownCommand: "这既不是答案也不是命令：{0}。输入 help 查看命令。",
        .dataFolderMissing: "{0}：{1}：{2}；Fashion-MNIST 文件夹里必须有 {3}（gzip 压缩或未压缩均可）。请给出存放它们的文件夹，或省略 --data。",
        .inputNormalized: "（按半角读取：{0}）",
        .codeNeedsCheck: "这个检查点检查你的代码：在工作区保存后，输入 check（或 检查）。",
        .checkNeedsCode: "check 只用于代码检查点；这里请直接输入答案。",
        .cancelled: "（已取消）",
        .goodbye: "进度已保存。下次运行 tutor 即可从这里继续。",
        .correct: "✔ 正确",
        .incorrect: "✘ 还不对",
        .malformed: "? 无法读取这个答案",
        .reflectionSaved: "✔ 你的回答已保存（思考题记为完成，不计分）",
        .modelAnswer: "参考答案：",
        .explanation: "原因：",
        .alreadyDone: "这一题已经答对了；可以再答一次，或输入 next 继续。",
        .hintHeader: "提示 {0}/{1}：",
        .noMoreHints: "没有更多提示了。输入 solution 查看答案。",
        .noHints: "这个检查点没有提示。",
        .solutionNeedsAttempt: "请至少尝试一次，再查看答案。",
        .solutionHeader: "答案（已记录为查看过）：",
        .solutionRecorded: "这个检查点的答案已被查看过。",
        .noSolution: "这个检查点没有可显示的答案。",
        .skipped: "已跳过；可以用 back 或 tutor open 回来。",
        .lessonStart: "第 {0}/{1} 课：{2}",
        .lessonCounter: "第 {0} 课 · {1}/{2}",
        .lessonEnd: "第 {0} 课结束。输入 next 继续，或 back 复习。",
        .courseEnd: "你已经学完了整门课程。tutor progress 可以查看总结。",
        .firstLesson: "这里是课程的开头。",
        .lastLesson: "这里是课程的结尾。",
        .checkpointHeader: "检查点 {0}",
        .choicesHeader: "选项：",
        .resumed: "从第 {0} 课继续：{1}",
        .welcome: "欢迎！在提示符下输入 help 查看命令。",
        .progressLesson: "本课",
        .progressCourse: "课程",
        .computingReference: "正在计算参考答案（Ctrl-C 中断）……",
        .referenceInterrupted: "已中断。检查点仍然开放，可以稍后再答。",
        .referenceFailed: "无法计算参考答案：{0}",
        .listTitle: "课程目录（{0}）",
        .listLegend: "✔ 完成  ◐ 进行中  · 未开始  ▶ 当前位置",
        .progressTitle: "{0} 在 {1}（{2}）中的进度",
        .progressLine: "共 {1} 个检查点，完成 {0} 个，答对 {2} 个，用了 {3} 条提示，查看了 {4} 次答案",
        .progressNone: "还没有进度：运行 tutor 开始学习。",
        .progressRetired: "未计入：{0} 个检查点已不在课程中（{1}），它们的作答记录仍保留在进度文件里。",
        .lessonNotFound: "没有与 {0} 对应的课。tutor list 会列出所有课程。",
        .stateLocked: "另一个 tutor（进程 {0}）正在使用 {1} 中的进度。请先关闭它，再运行 tutor。",
        .stateLockWaiting: "正在等待另一个 tutor 释放 {0}……",
        .stateDamaged: "你的进度文件 {0} 已损坏；它被保留为 {1}。",
        .stateRecovered: "从中恢复了 {0} 条检查点记录；课程从那里继续。",
        .stateMerged: "已将 {0} 中的进度合并到 {2}（旧文件保留为 {1}）。",
        .notRecorded: "未记入你的进度：{0}",
        .workspaceRemembered: "课程为 {0} 记住了这个工作区：tutor、tutor check 和 tutor watch 都会使用它。",
        .stateNewer: "进度文件 {0} 由更新版本的 tutor 写入（格式 {1}）；请更新 tutor 或使用 --state DIR。",
        .stateWriteFailed: "无法把进度保存到 {0}：{1}",
        .stateLockFailed: "无法用 {0} 锁定进度：{1}",
        .resetConfirmAll: "删除 {0} 在 {1}（{2}）中的全部进度吗？[y/N] ",
        .resetConfirmLesson: "删除第 {0} 课的进度吗？[y/N] ",
        .resetDone: "已删除进度：{0} 条检查点记录。",
        .resetCancelled: "没有删除任何内容。",
        .resetNothing: "没有可以删除的进度。",
        .noLessons: "在 {0} 中没有找到课程。",
        .lessonsMissing: "课程文件夹 {0} 不存在。请用 --lessons DIR 指定课程位置。",
        .attemptsCount: "（尝试 {0} 次）",
        .brokenCheckpoint: "本课有一个检查点无法读取，已略过（{0}）。tutor lint 会给出详情。",
        .gradeNoAnswer: "没有答案",
        .gradeReflectionAnswered: "已作答（思考题按完成计分）",
        .gradeOtherLearnersInputs: "与 {0} 的正确答案完全相同，而 {0} 的输入与本人不同：这是 {0} 的输入的答案，不是本人的",
        .computingTraining: "正在计算参考值（需要训练，结果会缓存）…",
        .epochLine: "第 {0} 轮：训练损失 {1}，测试准确率 {2}",
        .cannotReadAnswer: "无法读取答案：{0}",
        .brokenCheckpointReport: "这个检查点有问题（课程的错误）：{0}",
        .interruptedReference: "已中断：参考值没有算完",
        .codeBuilding: "正在编译你的工作区…",
        .codeRunning: "正在运行你的函数（{0} 个用例）…",
        .codeComparing: "正在计算用例 {0} 的参考值…",
        .watchHeading: "── {0}（{1}/{2}）· {3} ──",
        .watchNext: "下一个练习……",
        .watchAllPass: "🎉 所有代码练习都通过了！",
        .watchWatching: "\n正在监视 {0} 的改动…（Ctrl-C 退出）",
        .watchBye: "\n再见。",
        .watchKeys: "按键：h 提示 · l 列表 · n 下一个练习 · c 重新检查 · q 退出",
        .watchPassed: "保存任意文件进入下一个练习，或按 n。",
        .watchLast: "这是最后一个代码练习。",
        .predictIndex: "第 {0} 张",
        .predictTruth: "真实：{0}",
        .predictPredicted: "预测：{0}",
        .predictHeading: "网络 {0}，测试集准确率 {1}",
        .predictTally: "{1} 张中预测正确 {0} 张",
        .predictConfusionHeading: "{0} 张测试图片：每行一个真实类别，每列一个预测类别；acc = 对角线元素除以该行之和",
        .predictTraining: "先训练 {0} 轮（用 --save FILE 保存，下次用 --load FILE 直接载入）…",
        .predictSaved: "参数已写入 {0}",
        .answerColumn: "第 {0} 列：{1}",
    ]
}
