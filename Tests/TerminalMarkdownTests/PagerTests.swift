import Testing
@testable import TerminalMarkdown

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

@Suite struct PagerTests {
    @Test func pagerCommandFollowsPAGERLikeGit() {
        #expect(Pager.command(environment: [:]) == "less -R")
        #expect(Pager.command(environment: ["PAGER": "most -s"]) == "most -s")
        #expect(Pager.command(environment: ["PAGER": ""]) == nil)
        #expect(Pager.command(environment: ["PAGER": " cat "]) == nil)
    }

    @Test func commandExistsLooksOnPATH() {
        let env = ["PATH": "/usr/bin:/bin"]
        #expect(Pager.commandExists("sh -c x", environment: env))
        #expect(Pager.commandExists("/bin/sh", environment: env))
        #expect(!Pager.commandExists("no-such-pager-here -R", environment: env))
        #expect(!Pager.commandExists("/no/such/pager", environment: env))
    }

    @Test func colourFollowsTheChoiceTheTerminalAndNoColor() {
        #expect(ColorChoice.always.resolve(isTTY: false, environment: [:]))
        #expect(!ColorChoice.never.resolve(isTTY: true, environment: [:]))
        #expect(ColorChoice.auto.resolve(isTTY: true, environment: [:]))
        #expect(!ColorChoice.auto.resolve(isTTY: false, environment: [:]))
        #expect(!ColorChoice.auto.resolve(isTTY: true, environment: ["NO_COLOR": "1"]))
    }
}

@Suite struct PagerEnvironmentTests {
    @Test func lessIsToldTheTextIsUTF8() {
        let child = Pager.pagerEnvironment(["LANG": "C", "PATH": "/usr/bin"])
        #expect(child["LESSCHARSET"] == "utf-8")
        #expect(child["LESS"] == "FRX")
        #expect(child["LANG"] == "C" && child["PATH"] == "/usr/bin")
        let chosen = Pager.pagerEnvironment(["LESSCHARSET": "latin1", "LESS": "-R"])
        #expect(chosen["LESSCHARSET"] == "latin1" && chosen["LESS"] == "-R")
    }

    /// The pager really starts with that environment (a pager that writes its environment out).
    @Test func thePagerIsLaunchedWithLESSCHARSET() throws {
        let path = "/tmp/tm-pager-env-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        defer { unlink(path) }
        let started = Pager.runPager("cat >/dev/null; env > \(path)", text: "中文\n",
                                     environment: ["PATH": "/usr/bin:/bin", "LANG": "C"])
        #expect(started)
        let written = try readMarkdownFile(path)
        #expect(written.split(separator: "\n").contains("LESSCHARSET=utf-8"))
        #expect(written.split(separator: "\n").contains("LANG=C"))
    }
}

@Suite struct WidthPolicyTests {
    @Test func columnsIsHonouredWhenThereIsNoTerminal() {
        #expect(TerminalEnvironment.width(terminalColumns: nil, environment: ["COLUMNS": "50"]) == 50)
        #expect(TerminalEnvironment.width(terminalColumns: nil, environment: ["COLUMNS": " 120 "]) == 120)
        #expect(TerminalEnvironment.width(terminalColumns: nil, environment: ["COLUMNS": "wide"]) == 80)
        #expect(TerminalEnvironment.width(terminalColumns: nil, environment: ["COLUMNS": "-3"]) == 80)
        #expect(TerminalEnvironment.width(terminalColumns: nil, environment: [:]) == 80)
        #expect(TerminalEnvironment.width(terminalColumns: 132, environment: ["COLUMNS": "50"]) == 132)
    }
}
