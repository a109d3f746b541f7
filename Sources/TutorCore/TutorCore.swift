import D2L
import TerminalMarkdown

public enum TutorInfo {
    public static let version = "0.1.0"
}
