import HummingbirdBcrypt
import NIOPosix

/// bcrypt hashing and checking, run on a thread pool of their own: one check costs a quarter
/// of a second of CPU at cost 12 and must not stall the server's event loops, and a login must
/// not queue behind page decodes and crops, which fill NIO's shared blocking pool when many
/// operators page through items at once.
public enum Passwords {
    /// The bcrypt hash of `password` at `cost`.
    public static func hash(_ password: String, cost: UInt8) async throws -> String {
        try await pool.runIfActive { Bcrypt.hash(password, cost: cost) }
    }

    /// True when `password` matches `hash`.
    public static func verify(_ password: String, hash: String) async throws -> Bool {
        try await pool.runIfActive { Bcrypt.verify(password, hash: hash) }
    }

    /// A bcrypt hash of a random secret at `cost`: checked against when a login names an
    /// unknown account, so a wrong name costs what a wrong password does. It must have the
    /// accounts' cost: a cheaper decoy answers sooner and tells which names exist. Made once
    /// per cost and process.
    public static func decoyHash(cost: UInt8) async throws -> String {
        try await decoys.hash(cost: cost)
    }

    /// The cost field of a bcrypt hash (`$2b$12$…` → 12); nil when `hash` is not one.
    public static func cost(of hash: String) -> UInt8? {
        let parts = hash.split(separator: "$", omittingEmptySubsequences: false)
        guard parts.count >= 4, parts[0].isEmpty, parts[1].hasPrefix("2"), parts[2].count == 2 else { return nil }
        return UInt8(parts[2])
    }

    private static let decoys = DecoyHashes()

    /// Two threads, started on first use and kept for the life of the process (as NIO's own
    /// singleton pool is): parallel logins are not serialised, and images never wait for them.
    private static let pool: NIOThreadPool = {
        let pool = NIOThreadPool(numberOfThreads: 2)
        pool.start()
        return pool
    }()
}

/// The decoy hashes made so far, one per cost; parallel first logins wait for the same one.
private actor DecoyHashes {
    private var made: [UInt8: Task<String, any Error>] = [:]

    func hash(cost: UInt8) async throws -> String {
        let task = made[cost] ?? Task { try await Passwords.hash(SecretToken.random(), cost: cost) }
        made[cost] = task
        do {
            return try await task.value
        } catch {
            made[cost] = nil  // the next login tries again
            throw error
        }
    }
}
