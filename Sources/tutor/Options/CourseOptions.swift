import ArgumentParser
import D2L
import Foundation
import Judging
import Lessons
import Records

/// `--lang zh|en`: the language of the course and of the tutor's words (default: LANG/LC_ALL).
/// Anything else is a usage error in every command.
struct LanguageOption: ParsableArguments {
    @Option(name: .long, help: "Language of the course and of the tutor: zh or en (default: from LANG/LC_ALL).",
            transform: { text in
                guard let language = TutorLanguage(parsing: text) else { throw ValidationError("--lang \(text): expected zh or en") }
                return language
            })
    var lang: TutorLanguage?

    var language: TutorLanguage { lang ?? TutorLanguage.fromEnvironment() }
}

/// `--lessons DIR` and `--lang`: which course, in which language.
struct CourseOptions: ParsableArguments {
    @Option(name: .long, help: "The folder of lessons (<lang>/NN-slug.md). Default: ./lessons, or the package's lessons.")
    var lessons: String?

    @OptionGroup var languageOption: LanguageOption

    var language: TutorLanguage { languageOption.language }
    var lessonsDirectory: String { lessons ?? Course.defaultDirectory() }

    /// The course, or an exit with a message saying what is wrong (status 2).
    func loadCourse() -> Course {
        let directory = lessonsDirectory
        do {
            let course = try Course.load(directory: directory)
            guard !course.lessons(in: language.rawValue).isEmpty else {
                TutorFailure(TutorText.noLessons.text(language, directory), code: 2).exit()
            }
            return course
        } catch let error as CourseError {
            if case .noDirectory = error { TutorFailure(TutorText.lessonsMissing.text(language, directory), code: 2).exit() }
            TutorFailure(error.description, code: 2).exit()
        } catch {
            TutorFailure("\(directory): \(error)", code: 2).exit()
        }
    }

    /// The checkpoint `id` of the course, or an exit naming the close ids (status 2).
    func findCheckpoint(_ id: String, in course: Course) -> (lesson: Lesson, spec: CheckpointSpec) {
        do { return try course.findCheckpoint(id, language: language.rawValue) } catch {
            TutorFailure("\(error)", code: 2).exit()
        }
    }
}

/// `--state DIR` and `--learner NAME`: whose progress, and where it is kept.
struct StateOptions: ParsableArguments {
    @Option(name: .long, help: "The folder for progress files (default: $XDG_STATE_HOME/tutor, else ~/.local/state/tutor).")
    var state: String?

    @Option(name: .long, help: "Whose progress (default: $TUTOR_LEARNER, else $USER).")
    var learner: String?

    /// The progress location for this learner in `course` (one for every language).
    func location(course: Course) -> ProgressLocation {
        ProgressLocation(stateDirectory: ProgressLocation.stateRoot(explicit: state),
                         learner: learner ?? ProgressLocation.defaultLearner(), course: course.name)
    }

    /// Opens the progress: takes the lock (waiting up to two seconds), loads, and tells the
    /// learner about a damaged file that was kept aside. Exits with a message when it cannot.
    func open(course: Course, language: TutorLanguage) -> (ProgressStore, LearnerProgress) {
        do {
            let (store, progress) = try tryOpen(course: course, language: language)
            return (store, progress)
        } catch let error as ProgressStoreError {
            if case .locked = error { TutorFailure(error.message(language), code: 3).exit() }
            TutorFailure(error.message(language), code: 1).exit()
        } catch {
            TutorFailure("\(error)").exit()
        }
    }

    /// `open` that throws instead of exiting.
    func tryOpen(course: Course, language: TutorLanguage) throws -> (ProgressStore, LearnerProgress) {
        let location = location(course: course)
        let store = ProgressStore(location: location, language: language)
        try store.lock(wait: 2) { printError(TutorText.stateLockWaiting.text(language, location.folder)) }
        var (progress, recovery) = try store.load()
        progress.language = language.rawValue
        for file in store.mergedFiles {
            printError(TutorText.stateMerged.text(language, file, ProgressLocation.mergedBackup(of: file), location.file))
        }
        if let recovery {
            printError(TutorText.stateDamaged.text(language, location.file, recovery.keptAs) + "\n"
                       + TutorText.stateRecovered.text(language, recovery.recoveredRecords))
            try store.save(progress)
        }
        return (store, progress)
    }

    /// Records one verdict of `tutor check` or `tutor watch` in this learner's progress, under
    /// its lock. When it cannot (the course is open in another tutor, a write failed), says so
    /// on standard error: the verdict stands, only the record is missing.
    func record(_ verdict: Verdict, answer: String, lesson: Lesson, course: Course, language: TutorLanguage) {
        do {
            let (store, progress) = try tryOpen(course: course, language: language)
            var updated = progress
            updated.record(verdict, answer: answer, lesson: lesson, language: language)
            try store.save(updated)
            store.unlock()
        } catch let error as ProgressStoreError {
            printError(TutorText.notRecorded.text(language, error.message(language)))
        } catch {
            printError(TutorText.notRecorded.text(language, "\(error)"))
        }
    }
}

/// `--workspace DIR`: the learner's exercise workspace (made by `tutor init`).
struct WorkspaceOption: ParsableArguments {
    @Option(name: .long, help: "Your exercise workspace (default: the one `tutor init` made for this course, else found from here).")
    var workspace: String?

    /// `--workspace`, else the workspace the course remembers for this learner (nil: find it from here).
    func resolved(_ location: ProgressLocation) -> String? {
        workspace ?? location.rememberedWorkspace()
    }
}

/// `--no-record`: judge without writing the progress (a dry run).
struct RecordOption: ParsableArguments {
    @Flag(name: .customLong("no-record"), help: "Judge only: do not record the answer in your progress (a dry run).")
    var noRecord = false
}

/// `--data DIR`: where Fashion-MNIST is.
struct DataOption: ParsableArguments {
    @Option(name: .long, help: "Directory holding the four Fashion-MNIST files (else $FASHION_MNIST_DIR, then /usr/share/datasets/fashion-mnist).")
    var data: String?

    /// The data set, or an exit (status 2) saying what is wrong; a `--data` folder without the
    /// four files is named, in the learner's language.
    func loadDataset(command: String, language: TutorLanguage) -> FashionMNIST {
        do {
            return try FashionMNIST.load(directory: data)
        } catch DatasetError.incompleteDirectory(let folder, .given, let problem) {
            TutorFailure(TutorText.dataFolderMissing.text(language, command, folder, problem,
                                                          FashionMNIST.fileNames.joined(separator: ", ")), code: 2).exit()
        } catch {
            TutorFailure("\(command): \(error)", code: 2).exit()
        }
    }
}
