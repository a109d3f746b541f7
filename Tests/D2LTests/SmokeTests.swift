import Testing
@testable import D2L

@Test func versionIsSemantic() {
    #expect(D2LVersion.string.split(separator: ".").count == 3)
}
