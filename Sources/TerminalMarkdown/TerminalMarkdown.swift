import CCmark

/// The version of the cmark library this renderer is linked against.
public enum CmarkInfo {
    public static var version: String { String(cString: cmark_version_string()) }
}
