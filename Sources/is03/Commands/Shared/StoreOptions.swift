import ArgumentParser
import Foundation
import IS03Core
import IS03Pipeline
import IS03Storage

/// Options every command over the database of record shares.
struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: "The is03 database file (as written by `is03 process`).")
    var database: String = "out/is03.sqlite"

    @Option(name: .long, help: "Folder of templates (default: Templates/ or $IS03_TEMPLATES).")
    var templates: String?

    /// Opens an existing database; refuses to create an empty one by mistake.
    func open() throws -> SQLiteResultStore {
        guard FileManager.default.fileExists(atPath: database) else {
            throw ValidationError("no database at \(database); run `is03 process` first or pass --database")
        }
        return try SQLiteResultStore.open(at: URL(fileURLWithPath: database))
    }

    var templateDirectory: URL { templates.map { URL(fileURLWithPath: $0) } ?? TemplateDirectory.locate() }

    func loadTemplates() throws -> (LoadedTemplates, [String: CategoryTable]) {
        let loaded = try LoadedTemplates.load(from: templateDirectory)
        return (loaded, try loaded.categoryTables(in: templateDirectory))
    }
}

/// Runs `body`, printing any error as one readable message and exiting with status 1.
func reportingErrors<T>(_ command: String, _ body: () async throws -> T) async throws -> T {
    do { return try await body() } catch let error as ValidationError {
        throw error
    } catch let error as ExitCode {
        throw error
    } catch {
        printError("is03 \(command): \(error)")
        throw ExitCode.failure
    }
}
