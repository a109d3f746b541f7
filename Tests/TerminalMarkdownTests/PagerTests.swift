import Testing
@testable import TerminalMarkdown

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
