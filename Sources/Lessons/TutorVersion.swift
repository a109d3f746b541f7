/// The tutor's own version, stamped on grades and workspaces.
public enum TutorInfo {
    public static let version = "0.2.0"
}
