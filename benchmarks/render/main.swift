// Measures how long TerminalMarkdown takes to parse and render every lesson, and, given a folder
// of Markdown fuzz inputs, how long the fuzz harness takes over all of them (the same
// `FuzzTarget.markdown.run` libFuzzer calls, without its coverage instrumentation).
// Run: swift build -c release --product render-benchmark
//      .build/release/render-benchmark [lessons] [.build/fuzz/corpus/markdown]
import Foundation
import FuzzTargets
import TerminalMarkdown

let root = CommandLine.arguments.count > 1 ? CommandLine.arguments[1] : "lessons"
let manager = FileManager.default
guard let enumerator = manager.enumerator(atPath: root) else {
    FileHandle.standardError.write(Data("render-benchmark: cannot list \(root)\n".utf8))
    exit(2)
}
let paths = enumerator.compactMap { $0 as? String }.filter { $0.hasSuffix(".md") }.sorted()
let documents = try paths.map { try readMarkdownFile(root + "/" + $0) }
guard !documents.isEmpty else {
    FileHandle.standardError.write(Data("render-benchmark: no .md files under \(root)\n".utf8))
    exit(2)
}

func now(_ clock: clockid_t = CLOCK_MONOTONIC) -> Double {
    var t = timespec()
    clock_gettime(clock, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
}

/// One pass: parse and render every document, as `tutor show` does (colour with hyperlinks).
func pass(_ options: RenderOptions) -> Int {
    var lines = 0
    for text in documents {
        lines += TerminalRenderer(options: options).render(parseMarkdown(text)).count
    }
    return lines
}

for (label, options) in [("colour, width 80", RenderOptions(width: 80, color: true, hyperlinks: true)),
                         ("plain, width 80", RenderOptions(width: 80, color: false)),
                         ("colour, width 50", RenderOptions(width: 50, color: true, hyperlinks: true))] {
    _ = pass(options)  // warm up
    var times: [Double] = []
    var cpuTimes: [Double] = []  // CPU time of this thread: what the work costs on a busy machine
    var lines = 0
    for _ in 0..<30 {
        let start = now()
        let cpuStart = now(CLOCK_THREAD_CPUTIME_ID)
        lines = pass(options)
        times.append((now() - start) * 1000)
        cpuTimes.append((now(CLOCK_THREAD_CPUTIME_ID) - cpuStart) * 1000)
    }
    times.sort()
    cpuTimes.sort()
    let bytes = documents.reduce(0) { $0 + $1.utf8.count }
    print(String(format: "%@: %d files, %d KB, %d lines: wall median %.2f ms (min %.2f, max %.2f), CPU median %.2f ms (30 passes)",
                 label, documents.count, bytes / 1024, lines, times[times.count / 2], times[0], times[times.count - 1],
                 cpuTimes[cpuTimes.count / 2]))
}

// The fuzz corpus: every input through the harness, as one pass; a few passes, the median.
if CommandLine.arguments.count > 2 {
    let folder = CommandLine.arguments[2]
    let names = ((try? manager.contentsOfDirectory(atPath: folder)) ?? []).sorted()
    let inputs = names.compactMap { manager.contents(atPath: folder + "/" + $0).map { [UInt8]($0) } }
    guard !inputs.isEmpty else {
        FileHandle.standardError.write(Data("render-benchmark: no inputs in \(folder)\n".utf8))
        exit(2)
    }
    var times: [Double] = []
    var cpuTimes: [Double] = []
    var slowest: [(Double, String)] = []
    for passIndex in 0..<5 {
        let start = now()
        let cpuStart = now(CLOCK_THREAD_CPUTIME_ID)
        for (index, input) in inputs.enumerated() {
            let inputStart = passIndex == 0 ? now(CLOCK_THREAD_CPUTIME_ID) : 0
            _ = FuzzTarget.markdown.run(input)
            if passIndex == 0 { slowest.append((now(CLOCK_THREAD_CPUTIME_ID) - inputStart, names[index])) }
        }
        times.append(now() - start)
        cpuTimes.append(now(CLOCK_THREAD_CPUTIME_ID) - cpuStart)
    }
    times.sort()
    cpuTimes.sort()
    let bytes = inputs.reduce(0) { $0 + $1.count }
    print(String(format: "fuzz corpus: %d inputs, %d KB: wall median %.3f s (min %.3f, max %.3f), CPU median %.3f s = %.0f inputs/s (5 passes)",
                 inputs.count, bytes / 1024, times[times.count / 2], times[0], times[times.count - 1],
                 cpuTimes[cpuTimes.count / 2], Double(inputs.count) / cpuTimes[cpuTimes.count / 2]))
    for (seconds, name) in slowest.sorted(by: { $0.0 > $1.0 }).prefix(5) {
        print(String(format: "  slowest: %.2f ms %@", seconds * 1000, name))
    }
}
