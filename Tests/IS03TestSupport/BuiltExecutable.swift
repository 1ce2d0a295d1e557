import Foundation

/// The `is03` executable the tests start as a child process (kill, fault and worker tests).
public enum BuiltExecutable {
    /// The `is03` built next to the running test bundle, else the package's debug or release build.
    public static func is03() throws -> URL {
        var dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = dir.appendingPathComponent("is03")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            dir.deleteLastPathComponent()
        }
        for path in [".build/debug/is03", ".build/release/is03"] {
            let candidate = RepositoryPaths.root.appendingPathComponent(path)
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: "is03 executable (run swift build first)"])
    }
}
