import Foundation

/// Paths inside the repository, for tests that read committed data.
public enum RepositoryPaths {
    /// The package root, found from this source file's location.
    public static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    public static let templates = root.appendingPathComponent("Templates")
    public static let sampleScans = root.appendingPathComponent("SampleScans")
}
