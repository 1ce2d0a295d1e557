import COpenCVShim
import IS03Core

/// Facts about the OpenCV build the engine runs on (for `--version` and provenance).
public enum OpenCVInfo {
    public static var version: String { String(cString: is03cv_version()) }
}
