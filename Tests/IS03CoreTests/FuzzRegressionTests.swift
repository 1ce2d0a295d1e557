import Foundation
import IS03Core
import IS03TestSupport
import Testing

/// Every input that once crashed, hung or exhausted memory in one of the IS03Core fuzzers
/// (kept in `Fuzz/regressions/<target>/`) goes through the real loader again: it must now be
/// read, or refused with an error that names the file. A regression crashes this test process.
/// The fuzzers themselves run in `make fuzz` (Fuzz/README.md).
@Suite struct FuzzRegressionTests {
    /// The kept inputs of one fuzz target, by file name.
    static func inputs(_ target: String) -> [String] {
        let folder = RepositoryPaths.root.appendingPathComponent("Fuzz/regressions/\(target)")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { !$0.hasPrefix(".") }.sorted()
    }

    static func url(_ target: String, _ name: String) -> URL {
        RepositoryPaths.root.appendingPathComponent("Fuzz/regressions/\(target)/\(name)")
    }

    @Test func regressionsAreKept() {
        #expect(!Self.inputs("template").isEmpty)
        #expect(!Self.inputs("participants-xml").isEmpty)
    }

    /// Templates that made validation lay out billions of cells or overflow a sum are refused.
    @Test(arguments: inputs("template"))
    func templateIsRefusedWithItsFileNamed(name: String) throws {
        let url = Self.url("template", name)
        #expect {
            _ = try Template.load(from: url)
        } throws: { error in
            (error as? TemplateError)?.file == url.path
        }
    }

    /// Participant lists load through `ParticipantList.load(from:)`, which picks CSV or XML by
    /// extension exactly as `is03 process --participants` does.
    @Test(arguments: inputs("participants-csv").map { ("participants-csv", $0) } + inputs("participants-xml").map { ("participants-xml", $0) })
    func participantListIsReadOrRefusedWithItsFileNamed(target: String, name: String) {
        let url = Self.url(target, name)
        do {
            _ = try ParticipantList.load(from: url)
        } catch let error as ImportError {
            #expect(error.file == url.path)
            #expect(!error.message.isEmpty)
        } catch {
            Issue.record("unexpected error type: \(error)")
        }
    }
}
