/// The library's version, part of every cache key and grade stamp.
public enum D2LVersion {
    public static let string = "0.3.0"
}
