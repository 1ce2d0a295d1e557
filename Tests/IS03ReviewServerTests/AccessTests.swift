import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import IS03ReviewServer
import IS03Storage
import Testing

/// Login, roles, cookies, CSRF and headers: nothing of a participant leaves without a login.
@Suite struct AccessTests {
    @Test func everyPageAndImageNeedsLogin() async throws {
        let station = try await Station.make()
        try await station.app().test(.router) { client in
            let page = try await client.execute(uri: "/queue", method: .get)
            #expect(page.status == .seeOther)
            #expect(page.headers[.location] == "/login")
            for uri in ["/api/queue/groups", "/img/items/1/crop.png", "/img/items/1/sheet.png", "/img/pages/1/overlay.png",
                        "/api/participants?q=%D0%B8%D0%B2"] {
                let response = try await client.execute(uri: uri, method: .get)
                #expect(response.status == .unauthorized, "\(uri) answered \(response.status)")
                #expect(!String(buffer: response.body).contains("Иванов"))
            }
            for uri in ["/sheets/1", "/export.csv", "/sheets"] {
                let response = try await client.execute(uri: uri, method: .get)
                #expect(response.status == .seeOther, "\(uri) answered \(response.status)")
                #expect(response.body.readableBytes == 0)
            }
            let lease = try await client.execute(uri: "/api/queue/lease", method: .post, headers: [.contentType: "application/json"],
                                                 body: ByteBuffer(string: "{}"))
            #expect(lease.status == .unauthorized)
            // A forged cookie opens nothing either.
            let forged = try await client.execute(uri: "/api/queue/groups", method: .get,
                                                  headers: [.cookie: "is03_session=" + String(repeating: "a", count: 64)])
            #expect(forged.status == .unauthorized)
        }
    }

    @Test func sessionCookieIsHttpOnlyStrictAndStoredHashed() async throws {
        let station = try await Station.make(sheets: 1)
        try await station.app().test(.router) { client in
            let (status, cookies, _) = try await Browser.attemptLogin(client, "olga", password: Station.password)
            #expect(status == .seeOther)
            let session = try #require(cookies.first { $0.hasPrefix("is03_session=") })
            #expect(session.contains("HttpOnly"))
            #expect(session.contains("SameSite=Strict"))
            #expect(session.contains("Path=/"))
            let token = String(session.split(separator: ";")[0].dropFirst("is03_session=".count))
            #expect(token.count == 64)
            // The database knows the session only by the token's hash.
            #expect(try await station.store.session(tokenHash: token) == nil)
            let browser = try await Browser.login(client, "olga")
            #expect(browser.csrf.count == 64)
            let logout = try await client.execute(uri: "/logout", method: .post,
                                                  headers: [.cookie: browser.cookie, .contentType: "application/x-www-form-urlencoded"],
                                                  body: ByteBuffer(string: "_csrf=\(browser.csrf)"))
            #expect(logout.status == .seeOther)
            #expect(try await browser.get(client, "/api/queue/groups").status == .unauthorized)
        }
    }

    @Test func securityHeadersOnPagesAndErrors() async throws {
        let station = try await Station.make(sheets: 1)
        try await station.app().test(.router) { client in
            let browser = try await Browser.login(client, "olga")
            for response in [try await browser.get(client, "/queue"), try await client.execute(uri: "/api/queue/groups", method: .get),
                             try await client.execute(uri: "/login", method: .get)] {
                let csp = try #require(response.headers[.contentSecurityPolicy])
                #expect(csp.contains("frame-ancestors 'none'"))
                #expect(csp.contains("script-src 'self'"))
                #expect(!csp.contains("unsafe-inline"))
                #expect(response.headers[.xContentTypeOptions] == "nosniff")
                #expect(response.headers[.cacheControl] == "no-store")
            }
            // The page carries no inline script: behaviour comes from the script file.
            let html = String(buffer: try await browser.get(client, "/queue").body)
            #expect(!html.contains("<script>"))
            #expect(html.contains(#"<script src="/static/review.js" defer></script>"#))
            let script = try await client.execute(uri: "/static/review.js", method: .get)
            #expect(script.status == .ok)
            #expect(String(buffer: script.body).contains("X-CSRF-Token"))
        }
    }

    @Test func wrongPasswordsAreThrottled() async throws {
        // An hour's wait: on a loaded machine a shorter one could be over before the next attempt.
        let station = try await Station.make(sheets: 1) {
            $0.accountBackoff = LoginBackoff(freeFailures: 3, base: 3600, cap: 3600); $0.loginWindow = 3600
        }
        try await station.app().test(.router) { client in
            for _ in 0..<3 {
                let (status, cookies, body) = try await Browser.attemptLogin(client, "olga", password: "wrong password")
                #expect(status == .unauthorized)
                #expect(!cookies.contains { $0.hasPrefix("is03_session=") })
                #expect(body.contains("Неверное имя или пароль"))
            }
            // Now even the right password waits.
            let (status, _, _) = try await Browser.attemptLogin(client, "olga", password: Station.password)
            #expect(status == .tooManyRequests)
            // An unknown name is refused the same way as a wrong password.
            let (unknown, _, _) = try await Browser.attemptLogin(client, "nobody", password: Station.password)
            #expect(unknown == .unauthorized)
        }
    }

    @Test func postsWithoutTheCSRFTokenAreRefused() async throws {
        let station = try await Station.make(sheets: 1)
        try await station.app().test(.router) { client in
            let browser = try await Browser.login(client, "olga")
            let item = try #require(try await browser.lease(client, count: 1).first)
            var noToken = browser.headers
            noToken[HTTPField.Name("X-CSRF-Token")!] = nil
            let missing = try await client.execute(uri: "/api/items/\(item.id)/decision", method: .post, headers: noToken,
                                                   body: ByteBuffer(string: #"{"value": "1"}"#))
            #expect(missing.status == .forbidden)
            var wrong = browser.headers
            wrong[HTTPField.Name("X-CSRF-Token")!] = String(repeating: "0", count: 64)
            let forged = try await client.execute(uri: "/api/items/\(item.id)/decision", method: .post, headers: wrong,
                                                  body: ByteBuffer(string: #"{"value": "1"}"#))
            #expect(forged.status == .forbidden)
            #expect(try await station.store.decisions(pageID: item.pageID).isEmpty)
            // The login form's own token: a cross-site login post is refused.
            let login = try await client.execute(uri: "/login", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                                                 body: ByteBuffer(string: "name=olga&password=x&_csrf=abc"))
            #expect(login.status == .forbidden)
        }
    }

    @Test func operatorsSeeOnlyTheQueue() async throws {
        let station = try await Station.make(sheets: 1)
        let pageID = try #require(station.report.pageIDs.first)
        try await station.app().test(.router) { client in
            let olga = try await Browser.login(client, "olga")
            for uri in ["/sheets", "/sheets/\(pageID)", "/export.csv", "/img/pages/\(pageID)/overlay.png"] {
                #expect(try await olga.get(client, uri).status == .forbidden, "operator reached \(uri)")
            }
            let correction = try await client.execute(
                uri: "/sheets/\(pageID)/corrections", method: .post,
                headers: [.cookie: olga.cookie, .contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: "_csrf=\(olga.csrf)&field=crit.%D0%9F1&value=2&reason=x"))
            #expect(correction.status == .forbidden)
            let sveta = try await Browser.login(client, "sveta")
            let overlay = try await sveta.get(client, "/img/pages/\(pageID)/overlay.png")
            #expect(overlay.status == .ok)
            #expect(Array(overlay.body.readableBytesView.prefix(4)) == [0x89, 0x50, 0x4E, 0x47])
            #expect(try await sveta.get(client, "/sheets/\(pageID)").status == .ok)
        }
    }

    @Test func imageURLsTakeIdsNotPathsAndOnlyYourItems() async throws {
        let station = try await Station.make(sheets: 2)
        try await station.app().test(.router) { client in
            let olga = try await Browser.login(client, "olga")
            let ivan = try await Browser.login(client, "ivan")
            for uri in ["/img/items/..%2F..%2F..%2Fetc%2Fpasswd/crop.png", "/img/items/%2Fetc%2Fpasswd/sheet.png",
                        "/img/items/1%20OR%201=1/crop.png", "/img/items/../../etc/passwd"] {
                let response = try await olga.get(client, uri)
                #expect([.badRequest, .notFound].contains(response.status), "\(uri) answered \(response.status)")
                #expect(!String(buffer: response.body).contains("root:"))
            }
            let mine = try #require(try await olga.lease(client, count: 1).first)
            #expect(try await olga.get(client, mine.cropURL).status == .ok)
            // Ivan knows the id but does not hold the item: same answer as for no item at all.
            #expect(try await ivan.get(client, mine.cropURL).status == .notFound)
            #expect(try await ivan.get(client, mine.sheetURL).status == .notFound)
            let notLeased = try #require(try await station.store.reviewItems(pageID: station.report.pageIDs[1]).first)
            #expect(try await olga.get(client, "/img/items/\(notLeased.id)/crop.png").status == .notFound)
        }
    }
}
