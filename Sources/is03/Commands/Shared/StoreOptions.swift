import ArgumentParser
import Foundation
import IS03Core
import IS03Pipeline
import IS03PostgresStore
import IS03Storage
import IS03Vision

/// Options every command over the database of record shares.
struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: "The is03 database: a SQLite file (as written by `is03 process`) or postgres://USER@HOST/DB.")
    var database: String = "out/is03.sqlite"

    @Option(name: .long, help: "Folder of templates (default: Templates/ or $IS03_TEMPLATES).")
    var templates: String?

    /// Opens an existing database; refuses to create an empty SQLite file by mistake.
    func open() throws -> any DatabaseOfRecord {
        try DatabaseOpener.open(database, create: false)
    }

    var templateDirectory: URL { templates.map { URL(fileURLWithPath: $0) } ?? TemplateDirectory.locate() }

    func loadTemplates() throws -> (TemplateCatalog, [String: CategoryTable]) {
        let loaded = try TemplateCatalog.load(from: templateDirectory)
        return (loaded, try loaded.categoryTables(in: templateDirectory))
    }
}

/// Chooses the engine by what `--database` names: `postgres://…` is PostgreSQL (many workers,
/// docs/scale-out.md), anything else a SQLite file (the embedded default).
enum DatabaseOpener {
    static func open(_ database: String, create: Bool) throws -> any DatabaseOfRecord {
        if PostgresLocation.isPostgresURL(database) {
            do { return try PostgresResultStore(url: database) } catch let error as PostgresLocationError {
                throw OperationalError(error.description)
            }
        }
        guard create || FileManager.default.fileExists(atPath: database) else {
            throw OperationalError("no database at \(database); run `is03 process` first or pass --database")
        }
        return try SQLiteResultStore.open(at: URL(fileURLWithPath: database))
    }
}

/// A failure of the work itself (a missing database, an unreachable server), not of how the
/// command was typed: reported in one line with exit status 1, never with the usage text
/// (`ValidationError` is for mistyped arguments: usage and status 64).
struct OperationalError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
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
