import Foundation
import Testing
@testable import Judging
@testable import LearnerCode
@testable import Lessons
@testable import Records
@testable import TerminalUI

@Suite struct TutorStringsTests {
    @Test func everySentenceExistsInBothLanguagesWithTheSamePlaceholders() {
        for key in TutorText.allCases {
            let english = TutorText.english[key]
            let chinese = TutorText.chinese[key]
            #expect(english != nil && !(english!.isEmpty), "no English for \(key)")
            #expect(chinese != nil && !(chinese!.isEmpty), "no Chinese for \(key)")
            #expect(placeholders(english ?? "") == placeholders(chinese ?? ""), "placeholders differ for \(key)")
        }
    }

    @Test func argumentsFillTheirPlaceholdersInEitherOrder() {
        #expect(TutorText.lessonStart.text(.en, 2, 9, "ReLU") == "Lesson 2/9: ReLU")
        #expect(TutorText.lessonStart.text(.zh, 2, 9, "ReLU") == "第 2/9 课：ReLU")
        // The Chinese summary names {1} before {0}.
        #expect(TutorText.progressLine.text(.zh, 3, 10, 2, 1, 0).hasPrefix("共 10 个检查点，完成 3 个"))
    }

    @Test func chineseWordsAreChinese() {
        #expect(TutorText.correct.text(.zh).contains("正确"))
        #expect(TutorText.correct.text(.en).contains("correct"))
    }

    @Test(arguments: [
        (["LANG": "zh_CN.UTF-8"], TutorLanguage.zh),
        (["LANG": "en_US.UTF-8"], .en),
        (["LC_ALL": "zh_TW.UTF-8", "LANG": "en_US.UTF-8"], .zh),
        (["LC_ALL": "C", "LANG": "zh_CN.UTF-8"], .en),
        (["LC_MESSAGES": "zh_CN", "LANG": "en_US"], .zh),
        ([:], .en),
        (["LANG": ""], .en),
    ])
    func languageComesFromTheEnvironment(environment: [String: String], expected: TutorLanguage) {
        #expect(TutorLanguage.fromEnvironment(environment) == expected)
    }

    private func placeholders(_ text: String) -> Set<String> {
        var found = Set<String>()
        for index in 0..<10 where text.contains("{\(index)}") { found.insert("{\(index)}") }
        return found
    }
}
