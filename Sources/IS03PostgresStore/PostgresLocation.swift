import Foundation
import PostgresNIO

/// A `postgres://user:password@host:port/database?schema=NAME&sslmode=MODE` URL, parsed into
/// what the client needs. The password never appears in ``displayName`` (used in messages).
public struct PostgresLocation: Sendable, Hashable {
    public var host: String
    public var port: Int
    public var user: String
    public var password: String?
    public var database: String
    /// Schema the tables live in (created when missing); nil: the user's default (`public`).
    /// Lets tests give every case a fresh, empty database of record on one server.
    public var schema: String?
    /// `disable` (default on loopback), `prefer` or `require`.
    public var sslMode: String

    /// True when `text` names a PostgreSQL database rather than a SQLite file path.
    public static func isPostgresURL(_ text: String) -> Bool {
        text.hasPrefix("postgres://") || text.hasPrefix("postgresql://")
    }

    /// Parses the URL; the error says what is wrong and what a valid one looks like.
    public init(url text: String) throws {
        let example = "postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE[?schema=NAME&sslmode=disable|prefer|require]"
        guard Self.isPostgresURL(text), let components = URLComponents(string: text),
              let host = components.host, !host.isEmpty else {
            throw PostgresLocationError("\(Self.redacted(text)) is not a PostgreSQL URL; expected \(example)")
        }
        self.host = host
        port = components.port ?? 5432
        user = components.user.flatMap { $0.removingPercentEncoding ?? $0 } ?? "postgres"
        password = components.password.flatMap { $0.removingPercentEncoding ?? $0 }
        let path = components.path.hasPrefix("/") ? String(components.path.dropFirst()) : components.path
        database = path.isEmpty ? user : path
        let query = Dictionary((components.queryItems ?? []).map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { _, b in b })
        schema = query["schema"].flatMap { $0.isEmpty ? nil : $0 }
        sslMode = query["sslmode"] ?? (["127.0.0.1", "localhost", "::1"].contains(host) ? "disable" : "prefer")
        if let schema, schema.range(of: "^[a-z_][a-z0-9_]{0,62}$", options: .regularExpression) == nil {
            throw PostgresLocationError("schema \(schema) in \(displayName): use lower-case letters, digits and _ only")
        }
        guard ["disable", "prefer", "require"].contains(sslMode) else {
            throw PostgresLocationError("sslmode=\(sslMode) in \(displayName): use disable, prefer or require")
        }
    }

    /// The URL without its password, for messages and `location`.
    public var displayName: String {
        "postgres://\(user)@\(host):\(port)/\(database)" + (schema.map { "?schema=\($0)" } ?? "")
    }

    /// The same server and database with another schema (tests: one fresh schema per case).
    public func with(schema: String?) -> PostgresLocation {
        var copy = self
        copy.schema = schema
        return copy
    }

    func clientConfiguration(maximumConnections: Int) throws -> PostgresClient.Configuration {
        let tls: PostgresClient.Configuration.TLS
        switch sslMode {
        case "require": tls = .require(.makeClientConfiguration())
        case "prefer": tls = .prefer(.makeClientConfiguration())
        default: tls = .disable
        }
        var configuration = PostgresClient.Configuration(host: host, port: port, username: user, password: password,
                                                         database: database, tls: tls)
        configuration.options.maximumConnections = maximumConnections
        if let schema {
            // Any run-time setting may travel in the start-up message: every pooled connection
            // then resolves table names in this schema first.
            configuration.options.additionalStartupParameters = [("search_path", schema)]
        }
        return configuration
    }

    static func redacted(_ text: String) -> String {
        guard var components = URLComponents(string: text), components.password != nil else { return text }
        components.password = "***"
        return components.string ?? text
    }
}

/// A malformed `--database postgres://…` URL.
public struct PostgresLocationError: Error, CustomStringConvertible, Sendable {
    public var description: String
    init(_ description: String) { self.description = description }
}
