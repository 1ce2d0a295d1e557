import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import IS03ReviewServer
import IS03Storage
import IS03TestSupport
import Testing

/// Attacks on the review station, tried on purpose (issue 8). `AccessTests` covers the basics
/// (login redirect, cookie flags, throttle per name, CSRF on decisions, roles, crop ids); these
/// go over every route, and add session fixation, traversal, IDOR and password spraying.
@Suite struct SecurityTests {
    /// Every route of the station, with a body a real client would send. A route added to the
    /// sources but not here fails `theRouteTableIsComplete`, so nothing new escapes these tests.
    struct Route: Sendable, CustomStringConvertible {
        var method: HTTPRequest.Method
        var pattern: String
        /// The path with `{id}` filled in.
        var path: String
        var json: String?
        var form: String?
        var description: String { "\(method) \(path)" }
    }

    static func routes(item: Int64, page: Int64) -> [Route] {
        [
            Route(method: .get, pattern: "/", path: "/"),
            Route(method: .get, pattern: "/queue", path: "/queue"),
            Route(method: .post, pattern: "/api/queue/lease", path: "/api/queue/lease", json: "{}"),
            Route(method: .post, pattern: "/api/queue/release", path: "/api/queue/release", json: #"{"ids": [\#(item)]}"#),
            Route(method: .get, pattern: "/api/queue/groups", path: "/api/queue/groups"),
            Route(method: .post, pattern: "/api/items/{id}/decision", path: "/api/items/\(item)/decision", json: #"{"value": "1"}"#),
            Route(method: .post, pattern: "/api/items/{id}/defer", path: "/api/items/\(item)/defer", json: "{}"),
            Route(method: .post, pattern: "/api/items/{id}/undo", path: "/api/items/\(item)/undo", json: "{}"),
            Route(method: .get, pattern: "/api/participants", path: "/api/participants?q=%D0%B8%D0%B2"),
            Route(method: .get, pattern: "/img/items/{id}/crop.png", path: "/img/items/\(item)/crop.png"),
            Route(method: .get, pattern: "/img/items/{id}/sheet.png", path: "/img/items/\(item)/sheet.png"),
            Route(method: .get, pattern: "/sheets", path: "/sheets"),
            Route(method: .get, pattern: "/sheets/{id}", path: "/sheets/\(page)"),
            Route(method: .get, pattern: "/img/pages/{id}/overlay.png", path: "/img/pages/\(page)/overlay.png"),
            Route(method: .post, pattern: "/sheets/{id}/corrections", path: "/sheets/\(page)/corrections",
                  form: "field=crit.%D0%9F1&value=2&reason=x"),
            Route(method: .post, pattern: "/items/{id}/reopen", path: "/items/\(item)/reopen", form: "reason=x"),
            Route(method: .get, pattern: "/export.csv", path: "/export.csv"),
            Route(method: .post, pattern: "/logout", path: "/logout", form: ""),
            // Public on purpose: the login form, the script, the style and the icon hold no data.
            Route(method: .get, pattern: "/login", path: "/login"),
            Route(method: .post, pattern: "/login", path: "/login", form: "name=olga&password=x"),
            Route(method: .get, pattern: "/static/review.js", path: "/static/review.js"),
            Route(method: .get, pattern: "/static/review.css", path: "/static/review.css"),
            Route(method: .get, pattern: "/favicon.ico", path: "/favicon.ico"),
        ]
    }
    static let publicPatterns: Set<String> = ["/login", "/static/review.js", "/static/review.css", "/favicon.ico"]

    /// Sends `route` as `browser` (nil: anonymous), with or without the CSRF token.
    static func send(_ route: Route, _ client: some TestClientProtocol, as browser: Browser?, csrf: String? = nil) async throws -> TestResponse {
        var headers = HTTPFields()
        if let browser { headers[.cookie] = browser.cookie }
        var body = ""
        if let json = route.json {
            headers[.contentType] = "application/json"
            body = json
            if let csrf { headers[CSRFHeader.name] = csrf }
        } else if let form = route.form {
            headers[.contentType] = "application/x-www-form-urlencoded"
            body = form + (csrf.map { (form.isEmpty ? "" : "&") + "_csrf=\($0)" } ?? "")
        }
        return try await client.execute(uri: route.path, method: route.method, headers: headers,
                                        body: body.isEmpty ? nil : ByteBuffer(string: body))
    }

    @Test func theRouteTableIsComplete() throws {
        let folder = RepositoryPaths.root.appendingPathComponent("Sources/IS03ReviewServer/Routes")
        var declared = Set<String>()
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) where name.hasSuffix(".swift") {
            let source = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
            for match in source.matches(of: /router\.(get|post|put|patch|delete|head)\("([^"]+)"/) {
                declared.insert("\(match.1.uppercased()) \(match.2)")
            }
        }
        let tested = Set(Self.routes(item: 1, page: 1).map { "\($0.method) \($0.pattern)" })
        #expect(!declared.isEmpty)
        #expect(declared.subtracting(tested).isEmpty, "routes without security tests: \(declared.subtracting(tested).sorted())")
    }

    @Test func noRouteButThePublicOnesAnswersWithoutLogin() async throws {
        let station = try await Station.make(sheets: 1)
        let item = try #require(try await station.store.reviewItems(pageID: station.report.pageIDs[0]).first)
        try await station.app().test(.router) { client in
            for route in Self.routes(item: item.id, page: item.pageID) where !Self.publicPatterns.contains(route.pattern) {
                let response = try await Self.send(route, client, as: nil)
                #expect([.seeOther, .unauthorized, .forbidden].contains(response.status), "\(route) answered \(response.status)")
                if response.status == .seeOther { #expect(response.headers[.location] == "/login", "\(route)") }
                let body = String(buffer: response.body)
                #expect(!body.contains("Иванов") && !body.contains("P00000"), "\(route) leaked personal data")
                #expect(!body.hasPrefix("\u{89}PNG"), "\(route) sent an image")
            }
            #expect(try await station.store.decisions(pageID: item.pageID).isEmpty, "an anonymous request changed something")
        }
    }

    @Test func everyStateChangingRouteRefusesAMissingOrForeignCSRFToken() async throws {
        let station = try await Station.make(sheets: 1)
        let item = try #require(try await station.store.reviewItems(pageID: station.report.pageIDs[0]).first)
        try await station.app().test(.router) { client in
            let sveta = try await Browser.login(client, "sveta")
            let olga = try await Browser.login(client, "olga")
            _ = try await sveta.lease(client, count: 1)
            for route in Self.routes(item: item.id, page: item.pageID) where route.method == .post && route.pattern != "/login" {
                for token in [nil, olga.csrf, String(repeating: "0", count: 64), ""] {
                    let response = try await Self.send(route, client, as: sveta, csrf: token)
                    #expect(response.status == .forbidden, "\(route) with token \(token ?? "none") answered \(response.status)")
                }
            }
            // Still logged in (logout was refused) and nothing was decided, deferred or corrected.
            #expect(try await sveta.get(client, "/api/queue/groups").status == .ok)
            #expect(try await station.store.decisions(pageID: item.pageID).isEmpty)
            #expect(try await station.store.reviewItems(pageID: item.pageID).allSatisfy { $0.state == .open })
        }
    }

    @Test func aPresetSessionCookieIsNotHonouredAndLoginIssuesAFreshOne() async throws {
        let station = try await Station.make(sheets: 1)
        try await station.app().test(.router) { client in
            // An attacker plants a well-formed session id in the victim's browser.
            let planted = String(repeating: "ab", count: 32)
            let form = try await client.execute(uri: "/login", method: .get, headers: [.cookie: "is03_session=\(planted)"])
            #expect(form.status == .ok)
            let loginCookie = try #require(form.headers[values: .setCookie].first { $0.hasPrefix("is03_login=") })
            let token = try #require(String(buffer: form.body).firstMatch(of: /name="_csrf" value="([0-9a-f]{64})"/)?.1)
            let response = try await client.execute(
                uri: "/login", method: .post,
                headers: [.cookie: "is03_session=\(planted); " + String(loginCookie.split(separator: ";")[0]),
                          .contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: "name=olga&password=correct%20horse&_csrf=\(token)"))
            #expect(response.status == .seeOther)
            let issued = try #require(response.headers[values: .setCookie].first { $0.hasPrefix("is03_session=") })
            let value = String(issued.split(separator: ";")[0].dropFirst("is03_session=".count))
            #expect(value != planted && value.count == 64)
            // The planted id opens nothing after the victim logged in.
            let attacker = try await client.execute(uri: "/api/queue/groups", method: .get, headers: [.cookie: "is03_session=\(planted)"])
            #expect(attacker.status == .unauthorized)
        }
    }

    @Test func loggingInAgainEndsTheSessionTheBrowserHeld() async throws {
        let station = try await Station.make(sheets: 1)
        try await station.app().test(.router) { client in
            let first = try await Browser.login(client, "olga")
            // The same browser logs in as someone else (or again): its old session must not live on.
            let form = try await client.execute(uri: "/login", method: .get)
            let loginCookie = try #require(form.headers[values: .setCookie].first { $0.hasPrefix("is03_login=") })
            let token = try #require(String(buffer: form.body).firstMatch(of: /name="_csrf" value="([0-9a-f]{64})"/)?.1)
            let second = try await client.execute(
                uri: "/login", method: .post,
                headers: [.cookie: first.cookie + "; " + String(loginCookie.split(separator: ";")[0]),
                          .contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: "name=ivan&password=correct%20horse&_csrf=\(token)"))
            #expect(second.status == .seeOther)
            #expect(try await first.get(client, "/api/queue/groups").status == .unauthorized, "the old session still works")
        }
    }

    @Test func traversalAndOddIdsReachNoFile() async throws {
        let station = try await Station.make(sheets: 1)
        let pageID = try #require(station.report.pageIDs.first)
        try await station.app().test(.router) { client in
            let sveta = try await Browser.login(client, "sveta")
            let attacks = [
                "/img/pages/..%2F..%2Fetc%2Fpasswd/overlay.png", "/img/pages/%2e%2e%2f%2e%2e%2fetc%2fpasswd/overlay.png",
                "/img/pages/%2Fetc%2Fpasswd/overlay.png", "/img/pages/-1/overlay.png", "/img/pages/99999999999999999999/overlay.png",
                "/img/pages/\(pageID).png/overlay.png", "/sheets/..%2F..%2Fetc%2Fpasswd", "/sheets/%00", "/sheets/1e3",
                "/static/..%2F..%2F..%2Fetc%2Fpasswd", "/static/../../etc/passwd", "/static/%2e%2e/%2e%2e/etc/passwd",
                "//etc/passwd", "/img/items/0x1/crop.png", "/img/items/%2e%2e/crop.png",
            ]
            for uri in attacks {
                let response = try await sveta.get(client, uri)
                #expect([.badRequest, .notFound].contains(response.status), "\(uri) answered \(response.status)")
                let body = String(buffer: response.body)
                #expect(!body.contains("root:") && !body.contains("/work/") && !body.contains(FileManager.default.temporaryDirectory.path),
                        "\(uri) leaked a path or a file")
                #expect(response.headers[.cacheControl] == "no-store" || uri.hasPrefix("/static/"), "\(uri)")
            }
        }
    }

    @Test func anOperatorCannotActOnAnItemLeasedToSomeoneElse() async throws {
        let station = try await Station.make(sheets: 2)
        try await station.app().test(.router) { client in
            let olga = try await Browser.login(client, "olga")
            let ivan = try await Browser.login(client, "ivan")
            let hers = try #require(try await olga.lease(client, count: 1).first)
            // Ivan knows the id: he can neither decide, defer nor release it, nor see its pictures.
            let decide = try await ivan.decide(client, hers.id, "2")
            #expect([.forbidden, .notFound, .conflict].contains(decide.status), "decide answered \(decide.status)")
            let deferred = try await ivan.post(client, "/api/items/\(hers.id)/defer", json: "{}")
            #expect([.forbidden, .notFound, .conflict].contains(deferred.status), "defer answered \(deferred.status)")
            _ = try await ivan.post(client, "/api/queue/release", json: #"{"ids": [\#(hers.id)]}"#)
            #expect(try await ivan.get(client, hers.sheetURL).status == .notFound)
            #expect(try await station.store.decisions(pageID: hers.pageID).isEmpty)
            let after = try #require(try await station.store.reviewItems(pageID: hers.pageID).first { $0.id == hers.id })
            #expect(after.state == .open && after.assignedOperator == "olga", "Ivan took or changed Olga's item: \(after)")
            // Olga still decides it.
            #expect(try await olga.decide(client, hers.id, "1").status == .ok)
            // Once decided, the item is out of the queue: its pictures are gone even for her.
            #expect(try await olga.get(client, hers.cropURL).status == .notFound)
        }
    }

    @Test func personalDataAnswersAreNeverCachedAndCannotBeFramedOrSniffed() async throws {
        let station = try await Station.make(sheets: 1)
        let pageID = try #require(station.report.pageIDs.first)
        try await station.app().test(.router) { client in
            let sveta = try await Browser.login(client, "sveta")
            let item = try #require(try await sveta.lease(client, count: 1).first)
            for uri in ["/queue", "/sheets", "/sheets/\(pageID)", "/export.csv", "/api/queue/groups", "/api/participants?q=%D0%B8",
                        item.cropURL, item.sheetURL, "/img/pages/\(pageID)/overlay.png", "/no/such/page"] {
                let response = try await sveta.get(client, uri)
                #expect(response.headers[.cacheControl] == "no-store", "\(uri): \(response.headers[.cacheControl] ?? "no Cache-Control")")
                #expect(response.headers[.xContentTypeOptions] == "nosniff", "\(uri)")
                #expect(response.headers[HTTPField.Name("X-Frame-Options")!] == "DENY", "\(uri)")
                #expect(response.headers[.contentSecurityPolicy]?.contains("frame-ancestors 'none'") == true, "\(uri)")
                #expect(response.headers[HTTPField.Name("Referrer-Policy")!] == "no-referrer", "\(uri)")
                if response.status == .ok, let type = response.headers[.contentType] {
                    #expect(!type.hasPrefix("text/html") || type.contains("charset=utf-8"), "\(uri): \(type)")
                }
            }
        }
    }

    @Test func passwordSprayingFromOneAddressIsThrottled() async throws {
        // A live server on loopback, so the station sees the client's address.
        let station = try await Station.make(sheets: 1) {
            $0.addressBackoff = LoginBackoff(freeFailures: 3, base: 3600, cap: 3600); $0.loginWindow = 3600; $0.port = 0
        }
        try await station.app().test(.live) { client in
            for name in ["olga", "ivan", "sveta"] {
                let (status, _, _) = try await Browser.attemptLogin(client, name, password: "wrong password")
                #expect(status == .unauthorized)
            }
            // Three names, one wrong password each: the address is now held back, even for a new name.
            let (status, _, _) = try await Browser.attemptLogin(client, "anna", password: "wrong password")
            #expect(status == .tooManyRequests)
        }
    }
}

enum CSRFHeader {
    static let name = HTTPField.Name("X-CSRF-Token")!
}
