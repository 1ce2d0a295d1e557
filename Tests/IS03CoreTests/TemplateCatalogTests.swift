import Foundation
import IS03Core
import IS03TestSupport
import Testing

/// The one place templates are found, checked and versioned.
@Suite struct TemplateCatalogTests {
    /// A version that is easy to check without a hash: the file's size.
    private let size: ([UInt8]) -> String = { String($0.count) }

    private func scratchFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("catalog-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    @Test func loadsEveryShippedFormInNameOrderWithItsFileVersion() throws {
        let catalog = try TemplateCatalog.load(from: RepositoryPaths.templates, fingerprint: size)
        #expect(catalog.all.map(\.id) == ["is03-2018", "is03-2023"])
        let file = RepositoryPaths.templates.appendingPathComponent("is03-2023.json")
        #expect(catalog.versions["is03-2023"] == String(try Data(contentsOf: file).count))
        #expect(catalog.newest?.id == "is03-2023")
        #expect(catalog.byID["is03-2018"]?.year == 2018)
    }

    @Test func categoryTablesAndTuningAreNotForms() throws {
        #expect(TemplateCatalog.isTemplateFile(URL(fileURLWithPath: "/t/is03-2024.json")))
        #expect(!TemplateCatalog.isTemplateFile(URL(fileURLWithPath: "/t/categories-2023.json")))
        #expect(!TemplateCatalog.isTemplateFile(URL(fileURLWithPath: "/t/is03-2024.json.bak")))
    }

    @Test func aFolderWithoutFormsIsRefusedNamingIt() throws {
        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data("{}".utf8).write(to: folder.appendingPathComponent("categories-2023.json"))
        let error = #expect(throws: TemplateError.self) { try TemplateCatalog.load(from: folder, fingerprint: size) }
        #expect(error?.file == folder.path)
        #expect(error?.description.contains("is03-*.json") == true)
    }

    @Test func twoFilesWithOneIdAreRefusedNamingTheSecond() throws {
        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let shipped = try Data(contentsOf: RepositoryPaths.templates.appendingPathComponent("is03-2023.json"))
        try shipped.write(to: folder.appendingPathComponent("is03-2023.json"))
        try shipped.write(to: folder.appendingPathComponent("is03-2023-copy.json"))
        let error = #expect(throws: TemplateError.self) { try TemplateCatalog.load(from: folder, fingerprint: size) }
        #expect(error?.file.hasSuffix("is03-2023.json") == true)
        #expect(error?.description.contains("already used") == true)
    }
}
