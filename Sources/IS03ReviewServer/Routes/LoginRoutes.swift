import Foundation
import Hummingbird
import IS03Storage

/// Logging in and out. The login form is protected by a double-submit token (cookie + hidden
/// field) since there is no session yet; failures are slowed per account name and address
/// (``LoginThrottle``).
struct LoginRoutes {
    let accounts: any AccountStore
    let configuration: ReviewServerConfiguration
    let throttle: LoginThrottle

    func add(to router: Router<ReviewRequestContext>) {
        router.get("/login") { request, context in
            if context.session != nil { return Response.redirect(to: "/queue", type: .normal) }
            return loginPage(message: nil, status: .ok, reusing: request.cookies[CookieName.loginCSRF]?.value)
        }
        router.post("/login") { request, context in try await login(request, context) }
        router.post("/logout") { request, _ in
            if let token = request.cookies[CookieName.session]?.value, SecretToken.isWellFormed(token) {
                try await accounts.deleteSession(tokenHash: SecretToken.hash(token))
            }
            var response = Response.redirect(to: "/login", type: .normal)
            response.setCookie(cookie(CookieName.session, "", maxAge: 0))
            return response
        }
        router.get("/") { _, _ in Response.redirect(to: "/queue", type: .normal) }
    }

    private func login(_ request: Request, _ context: ReviewRequestContext) async throws -> Response {
        var request = request
        let form = FormFields(String(buffer: try await request.collectBody(upTo: context.maxUploadSize)))
        guard let cookieToken = request.cookies[CookieName.loginCSRF]?.value, let fieldToken = form["_csrf"],
              SecretToken.equal(cookieToken, fieldToken) else {
            return loginPage(message: "Форма устарела, войдите ещё раз.", status: .forbidden)
        }
        let name = (form["name"] ?? "").trimmingCharacters(in: .whitespaces)
        let password = form["password"] ?? ""
        let address = ClientAddress.of(request, peer: context.clientAddress, trustedProxies: Set(configuration.trustedProxies))
        let keys = LoginThrottle.Keys(name: name, address: address)
        let wait = await throttle.admit(keys)
        guard wait == 0 else {
            var response = loginPage(message: "Слишком много неудачных попыток. Повторите через \(wait) с.", status: .tooManyRequests)
            response.headers[.retryAfter] = String(wait)
            return response
        }
        let account = try await accounts.account(named: name)
        // An unknown name is checked against a decoy of the accounts' cost, so it takes as long.
        var hash = account?.passwordHash ?? ""
        if account == nil { hash = try await Passwords.decoyHash(cost: configuration.bcryptCost) }
        let matches = try await Passwords.verify(password, hash: hash)
        guard let account, matches, !account.disabled else {
            await throttle.failed(keys)
            return loginPage(message: "Неверное имя или пароль.", status: .unauthorized)
        }
        await throttle.succeeded(keys)
        // A session the browser already held (another user's, or one planted in it) ends here:
        // a login always starts a new session with a new id and a new CSRF token.
        if let old = request.cookies[CookieName.session]?.value, SecretToken.isWellFormed(old) {
            try await accounts.deleteSession(tokenHash: SecretToken.hash(old))
        }
        let token = SecretToken.random()
        try await accounts.createSession(tokenHash: SecretToken.hash(token), accountID: account.id,
                                         csrfToken: SecretToken.random(),
                                         expiresAt: Date().addingTimeInterval(configuration.sessionLifetime))
        var response = Response.redirect(to: "/queue", type: .normal)
        response.setCookie(cookie(CookieName.session, token, maxAge: Int(configuration.sessionLifetime)))
        response.setCookie(cookie(CookieName.loginCSRF, "", maxAge: 0))
        return response
    }

    /// The login form. A login token the browser already holds is reused, so a second tab or
    /// a background request that lands on /login does not invalidate the form on screen.
    private func loginPage(message: String?, status: HTTPResponse.Status, reusing existing: String? = nil) -> Response {
        let token = existing.flatMap { SecretToken.isWellFormed($0) ? $0 : nil } ?? SecretToken.random()
        let note = message.map { #"<p class="error" role="alert">\#(HTML.escape($0))</p>"# } ?? ""
        var response = HTML.page(title: "Вход — is03", session: nil, bodyClass: "login", body: """
            <h1>Проверка бланков ИС-03</h1>\(note)
            <form method="post" action="/login" class="login-form">
            <input type="hidden" name="_csrf" value="\(token)">
            <label>Имя <input name="name" id="name" autocomplete="username" required autofocus></label>
            <label>Пароль <input name="password" id="password" type="password" autocomplete="current-password" required></label>
            <button type="submit" id="login">Войти</button></form>
            """)
        response.status = status
        response.setCookie(cookie(CookieName.loginCSRF, token, maxAge: 900))
        return response
    }

    /// Every cookie of the station: HttpOnly, SameSite=Strict, path /, Secure behind TLS.
    private func cookie(_ name: String, _ value: String, maxAge: Int) -> Cookie {
        Cookie(name: name, value: value, maxAge: maxAge, path: "/", secure: configuration.secureCookies,
               httpOnly: true, sameSite: .strict)
    }
}
