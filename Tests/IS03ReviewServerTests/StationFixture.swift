import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import IS03Core
import IS03Render
import IS03ReviewServer
import IS03Storage
import IS03Vision
import IS03TestSupport
import Testing

/// A review station over a fresh in-memory database holding rendered demo sheets, with two
/// operators (olga, ivan) and a supervisor (sveta), all with password `correct horse`.
struct Station {
    static let password = "correct horse"
    static let template: Template = {
        // A test without the repository's templates cannot run at all.
        try! Template.load(from: RepositoryPaths.templates.appendingPathComponent("is03-2023.json"))
    }()
    /// A blank form at 60 dpi: small enough to keep the tests quick, real enough to crop.
    static let dpi = 60.0
    static let blank: GrayImage = { try! SheetRenderer.renderGray(template: template, dpi: dpi) }()

    let store: SQLiteResultStore
    let configuration: ReviewServerConfiguration
    let report: DemoQueue.Report
    let folder: URL

    static func make(sheets: Int = 2, fields: [String] = ["crit.П1", "crit.П2"], participantEvery: Int = 0,
                     everyKind: Bool = false, configure: (inout ReviewServerConfiguration) -> Void = { _ in }) async throws -> Station {
        let store = try SQLiteResultStore.inMemory()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("is03-review-\(UUID().uuidString)")
        let people = (1...4).map { i in
            Participant(id: "P00000\(i)", surname: ["Иванов", "Петрова", "Сидоров", "Ёлкина"][i - 1], name: "Анна",
                        className: "9А", region: "37", msu: "012", oo: "370045", auditorium: "0101", examDate: "2023-02-08")
        }
        _ = try await store.importParticipantList(name: "test", sha256: "test", participants: people, actor: "test")
        var demo = DemoQueue(queuedFields: fields)
        demo.participantEvery = participantEvery
        demo.everyKind = everyKind
        let report = try await demo.fill(store: store, template: template, blank: blank, dpi: dpi, sheets: sheets,
                                         participants: people, folder: folder)
        for (name, role) in [("olga", AccountRole.operator), ("ivan", .operator), ("sveta", .supervisor)] {
            try await store.saveAccount(name: name, role: role, passwordHash: try await Passwords.hash(password, cost: 4), actor: "test")
        }
        var configuration = ReviewServerConfiguration()
        configuration.bcryptCost = 4  // the accounts' cost above
        configuration.templatesDirectory = RepositoryPaths.templates
        configure(&configuration)
        return Station(store: store, configuration: configuration, report: report, folder: folder)
    }

    func app() throws -> some ApplicationProtocol {
        buildApplication(store: store, configuration: configuration,
                         templates: try TemplateBook.load(from: RepositoryPaths.templates))
    }
}

/// A logged-in browser, as far as the server can tell: its session cookie and CSRF token.
struct Browser {
    var cookie: String
    var csrf: String

    var headers: HTTPFields {
        var fields = HTTPFields()
        fields[.cookie] = cookie
        fields[.contentType] = "application/json"
        fields[HTTPField.Name("X-CSRF-Token")!] = csrf
        return fields
    }

    /// Logs in through the real form (login token cookie + hidden field), then reads the CSRF
    /// token from the queue page.
    static func login(_ client: some TestClientProtocol, _ name: String, password: String = Station.password) async throws -> Browser {
        let (status, setCookies, _) = try await attemptLogin(client, name, password: password)
        #expect(status == .seeOther || status == .found)
        let session = try #require(setCookies.first { $0.hasPrefix("is03_session=") && !$0.hasPrefix("is03_session=;") })
        let cookie = String(session.split(separator: ";")[0])
        let page = try await client.execute(uri: "/queue", method: .get, headers: [.cookie: cookie])
        let html = String(buffer: page.body)
        let csrf = try #require(html.firstMatch(of: /name="csrf-token" content="([0-9a-f]{64})"/)?.1)
        return Browser(cookie: cookie, csrf: String(csrf))
    }

    /// Posts the login form; returns the status, the Set-Cookie lines and the body.
    static func attemptLogin(_ client: some TestClientProtocol, _ name: String, password: String)
        async throws -> (HTTPResponse.Status, [String], String) {
        let form = try await client.execute(uri: "/login", method: .get)
        let loginCookie = try #require(form.headers[values: .setCookie].first { $0.hasPrefix("is03_login=") })
        let token = try #require(String(buffer: form.body).firstMatch(of: /name="_csrf" value="([0-9a-f]{64})"/)?.1)
        let body = "name=\(name)&password=\(password.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)&_csrf=\(token)"
        let response = try await client.execute(
            uri: "/login", method: .post,
            headers: [.cookie: String(loginCookie.split(separator: ";")[0]), .contentType: "application/x-www-form-urlencoded"],
            body: ByteBuffer(string: body))
        return (response.status, response.headers[values: .setCookie], String(buffer: response.body))
    }

    func post(_ client: some TestClientProtocol, _ uri: String, json: String) async throws -> TestResponse {
        try await client.execute(uri: uri, method: .post, headers: headers, body: ByteBuffer(string: json))
    }

    func get(_ client: some TestClientProtocol, _ uri: String) async throws -> TestResponse {
        try await client.execute(uri: uri, method: .get, headers: [.cookie: cookie])
    }

    /// Leases `count` items (excluding `exclude`), decoded.
    func lease(_ client: some TestClientProtocol, count: Int, fieldID: String? = nil, exclude: [Int64] = []) async throws -> [ItemView] {
        var ask: [String: String] = ["count": String(count), "exclude": "[\(exclude.map(String.init).joined(separator: ","))]"]
        if let fieldID { ask["fieldID"] = "\"\(fieldID)\"" }
        let json = "{" + ask.map { "\"\($0.key)\": \($0.value)" }.joined(separator: ",") + "}"
        let response = try await post(client, "/api/queue/lease", json: json)
        #expect(response.status == .ok, "lease answered \(response.status): \(String(buffer: response.body))")
        return try JSONDecoder().decode(LeaseAnswer.self, from: Data(buffer: response.body)).items
    }

    func decide(_ client: some TestClientProtocol, _ itemID: Int64, _ value: String) async throws -> TestResponse {
        try await post(client, "/api/items/\(itemID)/decision", json: #"{"value": "\#(value)"}"#)
    }

    /// A decision with the operator's note, both JSON-encoded as the page sends them.
    func decide(_ client: some TestClientProtocol, _ itemID: Int64, _ value: String, note: String?) async throws -> TestResponse {
        let body = try JSONEncoder().encode(["value": value, "note": note].compactMapValues { $0 })
        return try await post(client, "/api/items/\(itemID)/decision", json: String(decoding: body, as: UTF8.self))
    }
}

/// The body of `/api/queue/lease`.
struct LeaseAnswer: Decodable { var items: [ItemView] }

extension Data {
    init(buffer: ByteBuffer) { self.init(buffer.readableBytesView) }
}
