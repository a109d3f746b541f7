import Foundation
import Lessons
import Testing

/// Which lessons folder the tutor opens when none is given.
@Suite struct CourseDirectoryTests {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("course-dir-\(UUID().uuidString)")
    var project: URL { root.appendingPathComponent("project") }
    var elsewhere: URL { root.appendingPathComponent("elsewhere") }
    var release: URL { project.appendingPathComponent(".build/release") }

    init() throws {
        for folder in [project.appendingPathComponent("lessons/en"), release, elsewhere] {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        }
    }

    @Test func aTutorRunFromAnotherFolderFindsItsPackagesLessons() {
        // `tutor` linked into PATH and started from a folder with no lessons: the package of the
        // executable's real folder, not of the name typed at the shell.
        #expect(Course.defaultDirectory(environment: [:], currentDirectory: elsewhere.path, executableFolder: release)
                == project.appendingPathComponent("lessons").path)
    }

    @Test func theEnvironmentThenTheCurrentFolderComeFirst() throws {
        #expect(Course.defaultDirectory(environment: ["TUTOR_LESSONS": "/course"], currentDirectory: elsewhere.path,
                                        executableFolder: release) == "/course")
        try FileManager.default.createDirectory(at: elsewhere.appendingPathComponent("lessons"), withIntermediateDirectories: true)
        #expect(Course.defaultDirectory(environment: [:], currentDirectory: elsewhere.path, executableFolder: release)
                == elsewhere.appendingPathComponent("lessons").path)
    }

    @Test func theRunningExecutablesFolderIsItsRealOne() throws {
        let folder = try #require(StandardDirectories.executableFolder())
        #expect(FileManager.default.fileExists(atPath: folder.path))
        #expect(folder.path.hasPrefix("/"))
    }
}
