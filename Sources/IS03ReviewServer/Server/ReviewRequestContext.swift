import Hummingbird
import IS03Storage

/// The request context of the review station: the usual Hummingbird storage plus the logged-in
/// session (set by ``SessionMiddleware``) and the client's address (for login throttling).
public struct ReviewRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The session of the logged-in user; nil for anonymous requests.
    public var session: AccountSession?
    /// The client's IP address when the connection has one.
    public let clientAddress: String?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        clientAddress = source.channel.remoteAddress?.ipAddress
        session = nil
    }

    /// Review requests are small JSON or form bodies.
    public var maxUploadSize: Int { 64 * 1024 }

    /// The logged-in account, or a 401 for anonymous requests.
    public func requireAccount() throws -> Account {
        guard let session else { throw HTTPError(.unauthorized, message: "Сначала войдите в систему.") }
        return session.account
    }

    /// The logged-in supervisor, or 401/403.
    public func requireSupervisor() throws -> Account {
        let account = try requireAccount()
        guard account.role == .supervisor else {
            throw HTTPError(.forbidden, message: "Это может только супервизор.")
        }
        return account
    }
}
