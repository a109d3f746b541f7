import Testing
@testable import TutorCore

@Test func versionIsSet() {
    #expect(!TutorInfo.version.isEmpty)
}
