import Foundation
import IS03TestSupport
import Testing

/// Golden files under `Tests/IS03CoreTests/Golden/`. `RECORD_SNAPSHOTS=1` rewrites them and
/// fails the test on purpose, so a recording run can never pass unnoticed.
enum Golden {
    static let directory = RepositoryPaths.root.appendingPathComponent("Tests/IS03CoreTests/Golden")

    static func check(_ actual: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let url = directory.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1" {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try Data(actual.utf8).write(to: url)
            Issue.record("recorded \(name); unset RECORD_SNAPSHOTS and run again", sourceLocation: sourceLocation)
            return
        }
        guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
            Issue.record("missing golden file \(url.path); run with RECORD_SNAPSHOTS=1 to create it", sourceLocation: sourceLocation)
            return
        }
        if expected != actual {
            let a = expected.components(separatedBy: "\n"), b = actual.components(separatedBy: "\n")
            let line = (0..<min(a.count, b.count)).first { a[$0] != b[$0] } ?? min(a.count, b.count)
            Issue.record("""
                \(name) differs from the golden file at line \(line + 1):
                  golden: \(line < a.count ? a[line] : "<end>")
                  actual: \(line < b.count ? b[line] : "<end>")
                If the change is intended, run with RECORD_SNAPSHOTS=1.
                """, sourceLocation: sourceLocation)
        }
    }
}
