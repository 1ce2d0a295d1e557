import Foundation
import IS03TestSupport
import IS03Vision
import Testing

/// Every scan file that once crashed, hung or exhausted memory in the image fuzzer (kept in
/// `Fuzz/regressions/image/`) goes through `ScanFile` again, header probe to decoded pages: it
/// must now decode, or be refused with a `ScanInputError` naming the file. A regression crashes
/// this test process. The fuzzer runs in `make fuzz` (Fuzz/README.md).
@Suite struct FuzzRegressionTests {
    /// The limits the image fuzzer runs with (Fuzz/targets/image.swift), so that an input kept
    /// for slipping past them is judged by the same rule.
    static let limits = ImageLimits(maxSide: 4_000, maxPixels: 4_000_000, maxPages: 8)

    static func inputs() -> [String] {
        let folder = RepositoryPaths.root.appendingPathComponent("Fuzz/regressions/image")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { !$0.hasPrefix(".") }.sorted()
    }

    @Test(arguments: inputs())
    func scanIsDecodedOrRefusedWithItsFileNamed(name: String) {
        let url = RepositoryPaths.root.appendingPathComponent("Fuzz/regressions/image/\(name)")
        do {
            let scan = try ScanFile(url: url, limits: Self.limits)
            for page in 0..<scan.pageCount {
                do {
                    let image = try scan.decode(page: page)
                    #expect(image.width * image.height <= Self.limits.maxPixels)
                } catch {
                    #expect(error.file == url.path)
                    #expect(error.page == page)
                }
            }
        } catch {
            #expect(error.file == url.path)
        }
    }
}
