import ArgumentParser
import Foundation
import TutorCore

/// The options every course command takes: which lessons, which language, whose progress.
struct CourseOptions: ParsableArguments {
    @Option(name: .long, help: "Language of the course and of the tutor: zh or en (default: from LANG/LC_ALL).")
    var lang: String?

    @Option(name: .long, help: "The folder of lessons (<lang>/NN-slug.md). Default: ./lessons, or the package's lessons.")
    var lessons: String?

    @Option(name: .long, help: "The folder for progress files (default: $XDG_STATE_HOME/tutor, else ~/.local/state/tutor).")
    var state: String?

    @Option(name: .long, help: "Whose progress (default: $TUTOR_LEARNER, else $USER).")
    var learner: String?

    /// The language: `--lang`, else the environment.
    func language() throws -> TutorLanguage {
        guard let lang else { return TutorLanguage.fromEnvironment() }
        guard let parsed = TutorLanguage(parsing: lang) else {
            throw ValidationError("--lang \(lang): expected zh or en")
        }
        return parsed
    }

    var lessonsDirectory: String { lessons ?? Course.defaultDirectory() }

    /// The progress location for this learner, course and language.
    func location(course: TutorCourse) -> ProgressLocation {
        ProgressLocation(stateDirectory: ProgressLocation.stateRoot(explicit: state),
                         learner: learner ?? ProgressLocation.defaultLearner(), course: course.name,
                         language: course.language)
    }
}

/// A failure with a message for the learner and an exit code (no stack trace, no "Error:").
struct TutorFailure: Error, CustomStringConvertible {
    let message: String
    let code: Int32
    init(_ message: String, code: Int32 = 1) {
        self.message = message
        self.code = code
    }
    var description: String { message }

    /// Prints the message to standard error and exits with the code.
    func exit() -> Never {
        FileHandle.standardError.write(Data((message + "\n").utf8))
        Foundation.exit(code)
    }
}

/// Opens the progress of a course: takes the lock (waiting up to two seconds), loads, and tells
/// the learner about a damaged file that was kept aside.
func openProgress(_ options: CourseOptions, course: TutorCourse) -> (ProgressStore, LearnerProgress) {
    let location = options.location(course: course)
    let store = ProgressStore(location: location)
    let language = course.language
    do {
        try store.lock(wait: 2) {
            FileHandle.standardError.write(Data((TutorText.stateLockWaiting.text(language, location.folder) + "\n").utf8))
        }
        let (progress, recovery) = try store.load()
        if let recovery {
            var message = TutorText.stateDamaged.text(language, location.file, recovery.keptAs)
            message += "\n" + TutorText.stateRecovered.text(language, recovery.recoveredRecords)
            FileHandle.standardError.write(Data((message + "\n").utf8))
            try store.save(progress)
        }
        return (store, progress)
    } catch let error as ProgressStoreError {
        if case .locked = error { TutorFailure(error.message(language), code: 3).exit() }
        TutorFailure(error.message(language), code: 1).exit()
    } catch {
        TutorFailure("\(error)").exit()
    }
}

/// Loads the lessons with the checkpoint engine, or exits with a message saying what is wrong.
func loadCourse(_ options: CourseOptions, language: TutorLanguage) -> LoadedCourse {
    let directory = options.lessonsDirectory
    do {
        let loaded = try LoadedCourse.load(directory: directory, language: language)
        guard !loaded.course.lessons.isEmpty else { TutorFailure(TutorText.noLessons.text(language, directory), code: 2).exit() }
        return loaded
    } catch let error as CourseError {
        if case .noDirectory = error { TutorFailure(TutorText.lessonsMissing.text(language, directory), code: 2).exit() }
        TutorFailure(error.description, code: 2).exit()
    } catch {
        TutorFailure("\(directory): \(error)", code: 2).exit()
    }
}
