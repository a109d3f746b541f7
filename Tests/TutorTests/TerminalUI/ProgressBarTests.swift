import TerminalMarkdown
import Testing
@testable import Judging
@testable import LearnerCode
@testable import Lessons
@testable import Records
@testable import TerminalUI

@Suite struct ProgressBarTests {
    let midway = ProgressBar(label: "epoch 3/10", completed: 100, total: 235, elapsed: 2, examplesPerStep: 256)

    @Test func goldenAtEightyAndFiftyColumns() {
        Golden.check([
            midway.render(width: 79, color: false),
            midway.render(width: 49, color: false),
            midway.render(width: 30, color: false),
            ProgressBar(label: "epoch 1/10", completed: 0, total: 235, elapsed: 0).render(width: 60, color: false),
            ProgressBar(label: "epoch 1/10", completed: 235, total: 235, elapsed: 4.7, examplesPerStep: 256).render(width: 60, color: false),
            midway.render(width: 60, color: true),
        ], "progress-bars")
    }

    @Test func rateAndTimeLeftFollowFromTheCounts() {
        #expect(midway.rate == 50)                 // 100 batches in 2 s
        #expect(midway.secondsLeft == 2.7)         // 135 batches left at 50/s
        let line = midway.render(width: 79, color: false)
        #expect(line.contains("100/235") && line.contains("50.0 batch/s") && line.contains("12.8k ex/s") && line.contains("ETA 0:03"))
    }

    @Test(arguments: [20, 30, 40, 50, 80, 200])
    func neverWiderThanAsked(width: Int) {
        for color in [false, true] {
            let line = midway.render(width: width, color: color)
            #expect(TextWidth.of(line) <= max(width, TextWidth.of("epoch 3/10 │█│ 100/235")), "\(line)")
            #expect(line.contains("\u{1B}") == color)
        }
    }

    @Test func barFillsInEighths() {
        let bar = ProgressBar(label: "", completed: 3, total: 16, elapsed: 1)
        #expect(bar.bar(width: 4, color: false) == "│▊   │")   // 3/16 of 32 eighths = 6 eighths
        #expect(ProgressBar(label: "", completed: 16, total: 16, elapsed: 1).bar(width: 4, color: false) == "│████│")
    }

    @Test func clockAndShortNumbers() {
        #expect(ProgressBar.clock(0.2) == "0:01")
        #expect(ProgressBar.clock(75) == "1:15")
        #expect(ProgressBar.clock(3725) == "1:02:05")
        #expect(ProgressBar.short(51.23) == "51.2")
        #expect(ProgressBar.short(13107) == "13.1k")
        #expect(ProgressBar.short(2_500_000) == "2.50M")
    }
}

@Suite struct LiveRegionTests {
    @Test func redrawsInPlaceAndOnlyWhatChanged() {
        var written: [String] = []
        let region = LiveRegion { written.append($0) }
        region.update(["chart", "bar 1"])
        region.update(["chart", "bar 2"])      // only the last line changes
        region.update(["chart", "bar 2"])      // nothing changes: nothing written
        region.update(["chart 2", "bar 3"])
        region.update(["short"])               // the block shrinks: the rest is cleared
        #expect(written.map { $0.replacingOccurrences(of: "\u{1B}", with: "␛") } == [
            "␛[2Kchart\n␛[2Kbar 1\n",
            "␛[1F␛[2Kbar 2\n",
            "␛[2F␛[2Kchart 2\n␛[2Kbar 3\n",
            "␛[2F␛[2Kshort\n␛[0J",
        ])
    }

    @Test func printsAboveTheBlockAndDrawsItAgain() {
        var written = ""
        let region = LiveRegion { written += $0 }
        region.update(["a", "b"])
        written = ""
        region.printAbove(["epoch 1 done"])
        #expect(written == "\u{1B}[2F\u{1B}[0Jepoch 1 done\na\nb\n")
        #expect(region.lines == ["a", "b"])
        region.finish()
        written = ""
        region.update(["c"])                  // a new block under the finished one
        #expect(written == "\u{1B}[2Kc\n")
    }
}

@Suite struct LiveRegionResizeTests {
    @Test func aWidthChangeStartsANewBlockBelowTheOld() {
        var written: [String] = []
        let region = LiveRegion { written.append($0) }
        region.noteWidth(80)
        region.update(["a", "b"])
        region.noteWidth(80)
        region.update(["a", "c"])
        #expect(written.last == "\u{1B}[1F\u{1B}[2Kc\n")   // same width: back up one line
        region.noteWidth(50)
        region.update(["a", "d"])
        #expect(written.last == "\u{1B}[2Ka\n\u{1B}[2Kd\n")  // new width: no cursor movement up
    }
}
