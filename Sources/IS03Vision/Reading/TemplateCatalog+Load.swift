import Foundation
import IS03Core

extension TemplateCatalog {
    /// Loads every template in `directory`, each versioned by the SHA-256 of its file.
    public static func load(from directory: URL) throws -> TemplateCatalog {
        try load(from: directory, fingerprint: { SHA256.hex($0) })
    }
}
