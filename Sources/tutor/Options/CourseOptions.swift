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

    /// The progress location for this learner in `course`, shown in `language`.
    func location(course: Course, language: TutorLanguage) -> ProgressLocation {
        ProgressLocation(stateDirectory: ProgressLocation.stateRoot(explicit: state),
                         learner: learner ?? ProgressLocation.defaultLearner(), course: course.name, language: language)
    }

    /// Opens the progress: takes the lock (waiting up to two seconds), loads, and tells the
    /// learner about a damaged file that was kept aside. Exits with a message when it cannot.
    func open(course: Course, language: TutorLanguage) -> (ProgressStore, LearnerProgress) {
        let location = location(course: course, language: language)
        let store = ProgressStore(location: location)
        do {
            try store.lock(wait: 2) { printError(TutorText.stateLockWaiting.text(language, location.folder)) }
            let (progress, recovery) = try store.load()
            if let recovery {
                printError(TutorText.stateDamaged.text(language, location.file, recovery.keptAs) + "\n"
                           + TutorText.stateRecovered.text(language, recovery.recoveredRecords))
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
}

/// `--workspace DIR`: the learner's exercise workspace (made by `tutor init`).
struct WorkspaceOption: ParsableArguments {
    @Option(name: .long, help: "Your exercise workspace (default: found from here, see `tutor init`).")
    var workspace: String?
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
