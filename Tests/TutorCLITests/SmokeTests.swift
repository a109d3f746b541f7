import Testing
import TutorCore

@Test func placeholderUntilCLITestsLand() {
    #expect(TutorInfo.version.contains("."))
}
