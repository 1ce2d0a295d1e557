import HummingbirdBcrypt
import NIOPosix

/// bcrypt hashing and checking, run on NIO's blocking thread pool: one check costs a quarter
/// of a second of CPU at cost 12 and must not stall the server's event loops.
public enum Passwords {
    /// The bcrypt hash of `password` at `cost`.
    public static func hash(_ password: String, cost: UInt8) async throws -> String {
        try await NIOThreadPool.singleton.runIfActive { Bcrypt.hash(password, cost: cost) }
    }

    /// True when `password` matches `hash`.
    public static func verify(_ password: String, hash: String) async throws -> Bool {
        try await NIOThreadPool.singleton.runIfActive { Bcrypt.verify(password, hash: hash) }
    }

    /// A bcrypt hash of a random secret: checked against when a login names an unknown
    /// account, so a wrong name takes as long as a wrong password.
    static let decoyHash = Bcrypt.hash(SecretToken.random(), cost: 10)
}
