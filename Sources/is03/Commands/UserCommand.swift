import ArgumentParser
import Foundation
import IS03ReviewServer
import IS03Storage
#if canImport(Glibc)
import Glibc
#endif

/// `is03 user add|list|disable`: accounts of the review station.
struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user",
        abstract: "Manage review-station accounts (operators and supervisors).",
        subcommands: [Add.self, List.self, Disable.self]
    )

    struct DatabaseOption: ParsableArguments {
        @Option(name: .long, help: "The is03 database file, or postgres://USER@HOST/DB.")
        var database: String
        func open() throws -> any DatabaseOfRecord { try DatabaseOpener.open(database, create: true) }
    }

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create an account or set its role and password.",
            discussion: "The password is read from standard input when it is not a terminal (one line), else prompted for twice.")

        @Argument(help: "Login name.") var name: String
        @Option(help: "operator or supervisor.") var role: String = "operator"
        @OptionGroup var db: DatabaseOption
        @Option(help: "bcrypt cost (2^cost rounds); keep the station's, so unknown names take as long as known ones.")
        var cost: UInt8 = ReviewServerConfiguration.defaultBcryptCost

        func validate() throws {
            guard AccountRole(rawValue: role) != nil else { throw ValidationError("--role must be operator or supervisor") }
            guard !name.isEmpty, name.count <= 64, name.allSatisfy({ $0.isLetter || $0.isNumber || "._-".contains($0) }) else {
                throw ValidationError("the name may hold letters, digits, '.', '_' and '-' (at most 64)")
            }
            guard (4...31).contains(cost) else { throw ValidationError("--cost must be between 4 and 31") }
        }

        func run() async throws {
            let password = try readPassword()
            guard password.count >= 8 else {
                printError("the password must have at least 8 characters")
                throw ExitCode(2)
            }
            let store = try db.open()
            let hash = try await Passwords.hash(password, cost: cost)
            let account = try await store.saveAccount(name: name, role: AccountRole(rawValue: role)!, passwordHash: hash,
                                                      actor: "is03 user add")
            print("\(account.name): \(account.role.rawValue)")
        }

        private func readPassword() throws -> String {
            if isatty(STDIN_FILENO) == 0 {
                return readLine(strippingNewline: true) ?? ""
            }
            let first = prompt("Password for \(name): ")
            let second = prompt("Again: ")
            guard first == second else {
                printError("the two passwords differ; nothing changed")
                throw ExitCode(2)
            }
            return first
        }

        /// Reads a line from the terminal without echo.
        private func prompt(_ text: String) -> String {
            #if canImport(Glibc)
            return getpass(text).map { String(cString: $0) } ?? ""
            #else
            print(text, terminator: ""); return readLine() ?? ""
            #endif
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List accounts.")
        @OptionGroup var db: DatabaseOption
        func run() async throws {
            for account in try await db.open().accounts() {
                print("\(account.name)\t\(account.role.rawValue)\(account.disabled ? "\tdisabled" : "")")
            }
        }
    }

    struct Disable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Disable an account and end its sessions.")
        @Argument(help: "Login name.") var name: String
        @OptionGroup var db: DatabaseOption
        func run() async throws {
            try await db.open().disableAccount(named: name, actor: "is03 user disable")
            print("\(name): disabled")
        }
    }
}
