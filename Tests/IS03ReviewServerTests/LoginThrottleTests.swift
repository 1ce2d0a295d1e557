import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
@testable import IS03ReviewServer
import IS03Storage
import Testing

/// Logins (issue 17's security findings): unknown names cost what known ones do, and failed
/// logins slow the one who fails, never the room behind the same proxy address.
@Suite struct LoginThrottleTests {
    /// Posts the login form with `headers` added to both requests (e.g. `X-Forwarded-For`).
    static func attempt(_ client: some TestClientProtocol, _ name: String, _ password: String,
                        headers extra: HTTPFields = [:]) async throws -> TestResponse {
        let form = try await client.execute(uri: "/login", method: .get, headers: extra)
        let loginCookie = try #require(form.headers[values: .setCookie].first { $0.hasPrefix("is03_login=") })
        let token = try #require(String(buffer: form.body).firstMatch(of: /name="_csrf" value="([0-9a-f]{64})"/)?.1)
        var headers = extra
        headers[.cookie] = String(loginCookie.split(separator: ";")[0])
        headers[.contentType] = "application/x-www-form-urlencoded"
        let body = "name=\(name)&password=\(password.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)&_csrf=\(token)"
        return try await client.execute(uri: "/login", method: .post, headers: headers, body: ByteBuffer(string: body))
    }

    static func from(_ address: String) -> HTTPFields {
        [ClientAddressHeader.forwardedFor: address]
    }

    @Test func theDecoyForUnknownNamesCostsWhatTheAccountsCost() async throws {
        let station = try await Station.make(sheets: 1) { $0.bcryptCost = 5 }
        let account = try #require(try await station.store.account(named: "olga"))
        try await station.store.saveAccount(name: "olga", role: .operator,
                                            passwordHash: try await Passwords.hash(Station.password, cost: 5), actor: "test")
        let decoy = try await Passwords.decoyHash(cost: station.configuration.bcryptCost)
        let stored = try #require(try await station.store.account(named: "olga")).passwordHash
        #expect(Passwords.cost(of: decoy) == 5 && Passwords.cost(of: stored) == 5, "decoy \(decoy.prefix(7)), account \(stored.prefix(7))")
        #expect(Passwords.cost(of: account.passwordHash) == 4)
        // And the station uses it: an unknown name is refused like a wrong password.
        try await station.app().test(.router) { client in
            let unknown = try await Self.attempt(client, "nobody", "x")
            let wrong = try await Self.attempt(client, "olga", "x")
            let right = try await Self.attempt(client, "olga", Station.password)
            #expect(unknown.status == .unauthorized && wrong.status == .unauthorized && right.status == .seeOther)
        }
        #expect(ReviewServerConfiguration().bcryptCost == ReviewServerConfiguration.defaultBcryptCost)
    }

    @Test func backoffGrowsWithFailuresAndIsCapped() {
        let backoff = LoginBackoff(freeFailures: 3, base: 1, cap: 60)
        #expect((0...2).map(backoff.delay(afterFailures:)) == [0, 0, 0])
        #expect((3...9).map(backoff.delay(afterFailures:)) == [1, 2, 4, 8, 16, 32, 60])
        #expect(backoff.delay(afterFailures: 1_000) == 60)
    }

    @Test func oneOperatorsTyposDoNotKeepTheRoomOut() async throws {
        // A live server: every client here comes from the same loopback address, as a room
        // behind one TLS proxy does.
        let station = try await Station.make(sheets: 1) {
            $0.accountBackoff = LoginBackoff(freeFailures: 3, base: 3600, cap: 3600); $0.loginWindow = 3600; $0.port = 0
        }
        try await station.app().test(.live) { client in
            for _ in 0..<3 { #expect(try await Self.attempt(client, "olga", "typo").status == .unauthorized) }
            let held = try await Self.attempt(client, "olga", "typo")
            #expect(held.status == .tooManyRequests)
            #expect(String(buffer: held.body).contains("Повторите через"))
            // Everyone else at the same address logs in.
            #expect(try await Self.attempt(client, "ivan", Station.password).status == .seeOther)
            #expect(try await Self.attempt(client, "sveta", Station.password).status == .seeOther)
        }
    }

    @Test func aMistypedPasswordWaitsSecondsNotForever() async {
        // On the throttle itself with the clock given, so a slow machine cannot stretch the
        // seconds between attempts past the wait (the live tests above hold the server to it).
        let throttle = LoginThrottle(.init(account: LoginBackoff(freeFailures: 2, base: 1, cap: 2),
                                           address: LoginBackoff(freeFailures: 20, base: 1, cap: 30), window: 900))
        let keys = LoginThrottle.Keys(name: "olga", address: "10.0.0.5")
        let start = Date(timeIntervalSince1970: 1_700_000_000)
        for second in 0..<2 {
            let at = start.addingTimeInterval(Double(second))
            #expect(await throttle.admit(keys, now: at) == 0)
            await throttle.failed(keys, now: at)
        }
        let wait = await throttle.admit(keys, now: start.addingTimeInterval(1.2))
        #expect((1...2).contains(wait), "held \(wait) s")
        // Once the wait has passed the right password is checked, and it starts the name afresh.
        #expect(await throttle.admit(keys, now: start.addingTimeInterval(1.2 + Double(wait) + 0.1)) == 0)
        await throttle.succeeded(keys)
        #expect(await throttle.admit(keys, now: start.addingTimeInterval(1.2 + Double(wait) + 0.2)) == 0)
    }

    @Test func theRightPasswordFromAnotherAddressIsNotHeldBackByThisOnesFailures() async throws {
        // Behind a trusted proxy (loopback here) the client's address is the forwarded one.
        let station = try await Station.make(sheets: 1) {
            $0.accountBackoff = LoginBackoff(freeFailures: 3, base: 3600, cap: 3600); $0.loginWindow = 3600; $0.port = 0
            $0.trustedProxies = ["127.0.0.1", "::1"]
        }
        try await station.app().test(.live) { client in
            for _ in 0..<3 {
                #expect(try await Self.attempt(client, "olga", "guess", headers: Self.from("10.0.0.66")).status == .unauthorized)
            }
            #expect(try await Self.attempt(client, "olga", Station.password, headers: Self.from("10.0.0.66")).status == .tooManyRequests)
            // Naming another client in front of its own address does not get the attacker out.
            let spoofed = try await Self.attempt(client, "olga", "guess", headers: Self.from("10.0.0.7, 10.0.0.66"))
            #expect(spoofed.status == .tooManyRequests)
            // Olga at her own desk gets in at once.
            #expect(try await Self.attempt(client, "olga", Station.password, headers: Self.from("10.0.0.7")).status == .seeOther)
        }
    }

    @Test func parallelGuessesAreHeldBackLikeSerialOnes() async throws {
        let station = try await Station.make(sheets: 1) {
            $0.accountBackoff = LoginBackoff(freeFailures: 3, base: 3600, cap: 3600); $0.loginWindow = 3600
        }
        try await station.app().test(.router) { client in
            let statuses = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for index in 0..<12 { group.addTask { try await Self.attempt(client, "olga", "guess \(index)").status } }
                return try await group.reduce(into: [HTTPResponse.Status]()) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == .unauthorized }.count <= 3, "\(statuses)")
            #expect(statuses.allSatisfy { $0 == .unauthorized || $0 == .tooManyRequests }, "\(statuses)")
        }
    }
}

enum ClientAddressHeader {
    static let forwardedFor = HTTPField.Name("X-Forwarded-For")!
}
