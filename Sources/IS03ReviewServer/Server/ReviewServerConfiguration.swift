import Foundation

/// Everything about the review station that is policy rather than code: where it listens, how
/// long leases and sessions last, how hard logins are throttled and how images are cut.
public struct ReviewServerConfiguration: Sendable {
    /// Address to listen on. Keep it on loopback (or behind a TLS proxy): the station serves
    /// personal data.
    public var host: String = "127.0.0.1"
    public var port: Int = 8080
    /// Host names the station answers to (the browser's `Host` header, any port); others get
    /// 421, so a page of another site whose name points at this machine reads nothing.
    /// Empty: the listen address, `localhost`, `127.0.0.1` and `::1`. Behind a proxy, add the
    /// name the operators type.
    public var allowedHosts: [String] = []
    /// Addresses of TLS proxies in front of the station: for a connection from one of them the
    /// client's address is taken from `X-Forwarded-For` (for login throttling), so a room
    /// behind one proxy is not one address.
    public var trustedProxies: [String] = []
    /// Folder of template JSON files, for field labels, value lists and the name fields of
    /// participant items. Without it the station still works, with less help on screen.
    public var templatesDirectory: URL?
    /// Only crop files (written by the pipeline) inside this folder are served; nil: crops are
    /// always cut from the scan.
    public var cropsDirectory: URL?

    /// How long an item handed to an operator stays theirs without a decision.
    public var leaseSeconds: Int = 300
    /// How many items the page holds ahead (the next item shows without a round trip).
    public var prefetchCount: Int = 3
    /// How many items one group-mode screen shows.
    public var groupSize: Int = 24
    /// At most this many items per lease request (keep it at least `groupSize`).
    public var leaseBatchLimit: Int = 30
    /// At most this many items leased to one operator at a time, all tabs together: a client
    /// cannot hold the queue away from the others.
    public var maxHeldItems: Int = 60
    /// Items decided by one operator need a second operator's agreement; disagreements go to
    /// a supervisor. Off by default.
    public var doubleVerification: Bool = false

    /// How long a login lasts.
    public var sessionLifetime: TimeInterval = 10 * 3600
    /// The bcrypt cost of the accounts' passwords (2^cost rounds); `is03 user add` uses the
    /// same default. An unknown name is checked against a decoy hash of this cost, so it takes
    /// as long as a known name with a wrong password (times measured by `scripts/bench-login`, in
    /// docs/review.md); tests use a lower cost to stay quick.
    public var bcryptCost: UInt8 = ReviewServerConfiguration.defaultBcryptCost
    public static let defaultBcryptCost: UInt8 = 12
    /// Backoff for one account name from one client address: a few typos are free, then each
    /// attempt waits longer, up to a cap. Never a lockout: the right password gets in once the
    /// wait is over, and from another address at once.
    public var accountBackoff = LoginBackoff(freeFailures: 3, base: 1, cap: 60)
    /// Backoff for one client address, whatever the names: slows password spraying. Generous
    /// before it starts, since a room behind one proxy shares an address.
    public var addressBackoff = LoginBackoff(freeFailures: 20, base: 1, cap: 30)
    /// Failures older than this are forgotten.
    public var loginWindow: TimeInterval = 15 * 60
    /// Mark cookies `Secure` (set when the station is served over HTTPS by a proxy).
    public var secureCookies: Bool = false

    /// Margin around a field's cells in its crop, as a share of the field's height.
    public var cropMargin: Double = 0.6
    /// Crops are scaled down to at most this width in pixels.
    public var cropMaxWidth: Int = 1200
    /// Width of the small whole-sheet picture beside the crop.
    public var thumbnailWidth: Int = 480
    /// Width of the sheet picture in the supervisor's sheet view.
    public var overlayWidth: Int = 900
    /// Images being cut at once (decoding is CPU-heavy; keep it at or below the core count).
    public var imageWorkers: Int = 2
    /// Rendered PNGs kept in memory.
    public var imageCacheEntries: Int = 512
    /// Decoded pages kept in memory (a crop and its sheet picture share one decode).
    public var decodedPageCacheEntries: Int = 4

    /// Called after every decision with the page id, so the caller can re-score that page at
    /// once (e.g. the pipeline's re-scoring function). Nil: the decision is recorded and the
    /// page is re-scored by the next `is03 reprocess`, which lists it (reason `decisions`).
    public var onDecision: (@Sendable (_ pageID: Int64) async -> Void)?

    public init() {}
}
