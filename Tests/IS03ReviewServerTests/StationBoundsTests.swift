import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import IS03Core
import IS03ReviewServer
import IS03Storage
import Testing

/// What one client may take from the station (issue 17's security findings): items held at a
/// time, the hosts it answers to, and what the participant search gives away.
@Suite struct StationBoundsTests {
    @Test func aClientCannotLeaseTheWholeQueue() async throws {
        let station = try await Station.make(sheets: 6) { $0.leaseBatchLimit = 4; $0.maxHeldItems = 6 }
        try await station.app().test(.router) { client in
            let olga = try await Browser.login(client, "olga")
            let first = try await olga.lease(client, count: 200)
            #expect(first.count == 4, "one request leased \(first.count)")
            let second = try await olga.lease(client, count: 200, exclude: first.map(\.id))
            #expect(second.count == 2, "the second request leased \(second.count)")
            let held = (first + second).map(\.id)
            // At the bound: the next lease is refused in Russian, and takes nothing.
            let refused = try await olga.post(client, "/api/queue/lease", json: #"{"count": 200, "exclude": [\#(held.map(String.init).joined(separator: ","))]}"#)
            #expect(refused.status == .tooManyRequests)
            #expect(String(buffer: refused.body).contains("на руках"))
            #expect(try await Self.heldBy("olga", station) == 6)
            // Others still get the rest of the queue.
            let ivan = try await Browser.login(client, "ivan")
            #expect(try await ivan.lease(client, count: 200).count == 4)
            // Deciding one frees a place for one more.
            #expect(try await olga.decide(client, first[0].id, "1").status == .ok)
            let next = try await olga.lease(client, count: 200, exclude: Array(held.dropFirst()))
            #expect(next.count == 1)
            #expect(try await Self.heldBy("olga", station) == 6)
        }
        #expect(ReviewServerConfiguration().leaseBatchLimit >= ReviewServerConfiguration().groupSize,
                "group mode asks for groupSize items at once")
    }

    @Test func parallelLeasesOfOneOperatorStayWithinTheBound() async throws {
        let station = try await Station.make(sheets: 8) { $0.leaseBatchLimit = 5; $0.maxHeldItems = 5 }
        try await station.app().test(.router) { client in
            let olga = try await Browser.login(client, "olga")
            let counts = try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<6 { group.addTask { try await olga.lease(client, count: 5).count } }
                return try await group.reduce(0, +)
            }
            #expect(counts >= 5)
            #expect(try await Self.heldBy("olga", station) == 5)
        }
    }

    private static func heldBy(_ name: String, _ station: Station) async throws -> Int {
        var count = 0
        for page in station.report.pageIDs {
            count += try await station.store.reviewItems(pageID: page).filter { $0.state == .open && $0.assignedOperator == name }.count
        }
        return count
    }

    // MARK: Host

    /// Sends `GET path` to the live station with `Host: authority`.
    private static func get(_ path: String, host authority: String, port: Int) async throws -> TestClient.Response {
        // A generous read timeout: on a loaded machine the first answer of a new station is slow.
        try await TestClient.withClient(host: "127.0.0.1", port: port, configuration: .init(timeout: .seconds(90))) { client in
            try await client.execute(TestClient.Request(path, method: .get, authority: authority))
        }
    }

    @Test func requestsForOtherHostsAreRefused() async throws {
        let station = try await Station.make(sheets: 1) { $0.port = 0 }
        try await station.app().test(.live) { client in
            let port = try #require(client.port)
            for host in ["localhost", "localhost:\(port)", "127.0.0.1:\(port)", "[::1]:\(port)", "LOCALHOST"] {
                #expect(try await Self.get("/login", host: host, port: port).status == .ok, "\(host)")
            }
            for host in ["evil.example", "evil.example:\(port)", "127.0.0.1.evil.example", "localhost.evil.example:\(port)"] {
                let response = try await Self.get("/login", host: host, port: port)
                #expect(response.status == .misdirectedRequest, "\(host) answered \(response.status)")
                let body = response.body.map { String(buffer: $0) } ?? ""
                #expect(body.contains("Станция не отвечает по этому адресу") && !body.contains("Войти"), "\(host): \(body)")
                #expect(response.headers[.contentSecurityPolicy] != nil)
            }
        }
    }

    @Test func configuredHostsReplaceTheDefaults() async throws {
        let station = try await Station.make(sheets: 1) { $0.port = 0; $0.allowedHosts = ["review.rcoi.example"] }
        try await station.app().test(.live) { client in
            let port = try #require(client.port)
            #expect(try await Self.get("/login", host: "review.rcoi.example", port: port).status == .ok)
            #expect(try await Self.get("/login", host: "Review.RCOI.example:443", port: port).status == .ok)
            #expect(try await Self.get("/login", host: "localhost:\(port)", port: port).status == .misdirectedRequest)
        }
    }

    // MARK: Participant search

    struct People: Decodable {
        struct Person: Decodable { var id: String; var label: String }
        var people: [Person]
        var more: Bool
        var note: String?
    }

    private static func search(_ browser: Browser, _ client: some TestClientProtocol, _ query: String) async throws -> People {
        let encoded = query.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
        let response = try await browser.get(client, "/api/participants?q=\(encoded)")
        #expect(response.status == .ok)
        return try JSONDecoder().decode(People.self, from: Data(buffer: response.body))
    }

    @Test func theSearchNeedsThreeLettersOfTheSurnameAndListsFewWithoutDocuments() async throws {
        let station = try await Station.make(sheets: 1)
        let people = (1...30).map { i in
            Participant(id: String(format: "K%05d", i), surname: "Кузнецов", name: i.isMultiple(of: 2) ? "Пётр" : "Илья",
                        className: "9Б", documentSeries: "4510", documentNumber: String(format: "77%04d", i),
                        region: "37", msu: "012", oo: "370045", auditorium: "0101", examDate: "2023-02-08")
        } + [Participant(id: "I00001", surname: "Иванова", name: "Анна", className: "9А", documentNumber: "123456",
                         region: "37", msu: "012", oo: "370045", auditorium: "0101", examDate: "2023-02-08")]
        _ = try await station.store.importParticipantList(name: "bigger", sha256: "bigger", participants: people, actor: "test")
        try await station.app().test(.router) { client in
            let olga = try await Browser.login(client, "olga")
            for short in ["", "и", "ив", "К", "9Б", "4510", "123456", "7700", "I00001", "ив ан"] {
                let answer = try await Self.search(olga, client, short)
                #expect(answer.people.isEmpty, "«\(short)» found \(answer.people.map(\.label))")
                #expect(answer.note?.contains("3 букв") == true, "«\(short)»: \(answer.note ?? "no note")")
            }
            #expect(try await Self.search(olga, client, "ива").people.map(\.id) == ["I00001"])
            #expect(try await Self.search(olga, client, "ИВАНОВА ан").people.map(\.id) == ["I00001"])
            let many = try await Self.search(olga, client, "куз")
            #expect(many.people.count == 20 && many.more, "\(many.people.count) listed, more: \(many.more)")
            #expect(many.people.allSatisfy { !$0.label.contains("4510") && !$0.label.contains("77") }, "a document number in a label")
            let narrowed = try await Self.search(olga, client, "Кузнецов Пётр")
            #expect(narrowed.people.count == 15 && !narrowed.more)
        }
    }
}
