import ArgumentParser
import Foundation
import IS03Core
import IS03Pipeline
import IS03Render
import IS03ReviewServer
import IS03Storage
import IS03Vision

/// `is03 review`: the operators' review station over the database.
struct ReviewCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "review",
        abstract: "Run the operators' review station (a web server) over the database.",
        subcommands: [Serve.self, Demo.self],
        defaultSubcommand: Serve.self
    )

    struct Serve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "serve",
            abstract: "Serve the review queue until SIGTERM or SIGINT (Ctrl-C).",
            discussion: "Create accounts first with `is03 user add NAME --role operator|supervisor --database PATH`.")

        @Option(help: "The is03 database file, or postgres://USER@HOST/DB.") var database: String
        @Option(help: "Address and port to listen on. Keep it on loopback or behind a TLS proxy.")
        var listen: String = "127.0.0.1:8080"
        @Option(help: "Folder of crop PNGs the pipeline wrote (only files inside it are served).") var crops: String?
        @Flag(help: "Require a second operator's agreement for every decision; disagreements go to a supervisor.")
        var doubleVerification = false
        @Flag(help: "Mark cookies Secure (the station is served over HTTPS by a proxy).") var secureCookies = false
        @Option(help: ArgumentHelp("A host name browsers may reach the station by (repeatable); others are refused. "
                                   + "Default: the listen address, localhost, 127.0.0.1 and ::1.", valueName: "name"))
        var allowedHost: [String] = []
        @Option(help: ArgumentHelp("Address of a TLS proxy in front of the station (repeatable): its X-Forwarded-For "
                                   + "gives the client's address for login throttling.", valueName: "address"))
        var trustedProxy: [String] = []
        @Flag(help: "Do not recompute results after decisions (for databases not filled by `is03 process`, e.g. `review demo`).")
        var noRecompute = false

        func validate() throws { _ = try address() }

        private func address() throws -> (host: String, port: Int) {
            guard let colon = listen.lastIndex(of: ":"), let port = Int(listen[listen.index(after: colon)...]),
                  (1...65535).contains(port) else {
                throw ValidationError("--listen must be HOST:PORT, e.g. 127.0.0.1:8080")
            }
            return (String(listen[..<colon]), port)
        }

        func run() async throws {
            let store = try DatabaseOpener.open(database, create: true)
            var configuration = ReviewServerConfiguration()
            (configuration.host, configuration.port) = try address()
            configuration.templatesDirectory = TemplateDirectory.locate()
            configuration.cropsDirectory = crops.map { URL(fileURLWithPath: $0) }
            configuration.doubleVerification = doubleVerification
            configuration.secureCookies = secureCookies
            configuration.allowedHosts = allowedHost
            configuration.trustedProxies = trustedProxy
            if allowedHost.isEmpty, ["0.0.0.0", "::", "[::]"].contains(configuration.host) {
                printError("warning: listening on every address, but only localhost names are answered; "
                           + "give the name operators type with --allowed-host NAME")
            }
            let templates = try TemplateCatalog.load(from: configuration.templatesDirectory!)
            // Results follow decisions: a debounced reassembly of every sheet (no image is read).
            let scheduler = ReassemblyScheduler(stage: AssembleStage(
                store: store, templates: templates, categories: try templates.categoryTables(in: configuration.templatesDirectory!),
                actor: "is03 review"))
            // Only a database filled by `is03 process` (with a participant list) has results to
            // recompute; `review demo` data are not the pipeline's, so recomputing would replace
            // their items (the browser test passes --no-recompute for that reason).
            if !noRecompute, try await store.currentParticipantList() != nil {
                configuration.onDecision = { pageID in await scheduler.decisionMade(pageID: pageID) }
            }
            let accounts = try await store.accounts()
            if accounts.isEmpty {
                printError("warning: no accounts yet; add one with `is03 user add NAME --role supervisor --database \(database)`")
            }
            // An unknown name is checked against a decoy of the configured cost: accounts of
            // another cost answer at another speed, which tells their names apart.
            let otherCost = accounts.filter { Passwords.cost(of: $0.passwordHash) != configuration.bcryptCost }.map(\.name)
            if !otherCost.isEmpty {
                printError("warning: the passwords of \(otherCost.joined(separator: ", ")) are not bcrypt cost "
                           + "\(configuration.bcryptCost); set them again with `is03 user add NAME --database \(database)`")
            }
            let app = buildApplication(store: store, configuration: configuration, templates: templates)
            try await app.runService()
        }
    }

    /// Fills a database with rendered sheets and review items, for trying the station out,
    /// screenshots and the browser test, until `is03 process` fills real ones.
    struct Demo: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Fill a database with demo sheets and review items.")

        @Option(help: "The is03 database file (created if missing), or postgres://USER@HOST/DB.") var database: String
        @Option(help: "Folder for the rendered sheet images.") var images: String
        @Option(help: "How many sheets.") var sheets: Int = 4
        @Option(help: "Criteria queued on each sheet (comma-separated field ids).")
        var fields: String = "crit.П1,crit.П2,crit.М1"
        @Option(help: "Every Nth sheet also gets a participant item (0: none).") var participantEvery: Int = 0
        @Option(help: "Resolution of the rendered sheets.") var dpi: Double = 100
        @Flag(help: "Register all sheets on one image (fast, for queue benchmarks).") var shareOneImage = false
        @Flag(help: "Add one item of every other kind (blank mark, verdict, total, sheet rule, foreign page).")
        var everyKind = false

        func run() async throws {
            let store = try DatabaseOpener.open(database, create: true)
            guard let template = try TemplateCatalog.load(from: TemplateDirectory.locate()).newest else {
                throw OperationalError("no form template to render the demo sheets with")
            }
            let people = (0..<max(3, sheets)).map { i in
                Participant(id: String(format: "P%06d", i + 1), surname: ["Иванов", "Петрова", "Сидоров", "Кузнецова"][i % 4],
                            name: ["Пётр", "Анна", "Илья", "Мария"][(i / 4) % 4], patronymic: "Сергеевич",
                            className: "9А", region: "37", msu: "012", oo: "370045", auditorium: "0101", examDate: "2023-02-08")
            }
            _ = try await store.importParticipantList(name: "demo", sha256: "demo-\(people.count)", participants: people, actor: "is03 review demo")
            let blank = try SheetRenderer.renderGray(template: template, dpi: dpi)
            var demo = DemoQueue(queuedFields: fields.split(separator: ",").map(String.init))
            demo.participantEvery = participantEvery
            demo.shareOneImage = shareOneImage
            demo.everyKind = everyKind
            let report = try await demo.fill(store: store, template: template, blank: blank, dpi: dpi, sheets: sheets,
                                             participants: people, folder: URL(fileURLWithPath: images))
            print("\(report.pageIDs.count) sheets, \(report.items) review items in \(database)")
        }
    }
}
