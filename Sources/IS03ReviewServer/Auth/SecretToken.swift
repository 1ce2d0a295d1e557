import IS03Vision

/// Random secrets for sessions and CSRF, and the hash under which a session is stored.
enum SecretToken {
    /// 256 random bits as 64 hex digits, from the system's cryptographic generator
    /// (`getrandom` on Linux, `arc4random` on Darwin).
    static func random() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<32).map { _ in hexByte(UInt8.random(in: .min ... .max, using: &generator)) }.joined()
    }

    /// The SHA-256 of a session id: what the database keeps, so a stolen copy of it opens no session.
    static func hash(_ token: String) -> String { SHA256.hex(Array(token.utf8)) }

    /// True when `token` looks like one of ours (64 lower-case hex digits); anything else is
    /// refused before it reaches the database.
    static func isWellFormed(_ token: String) -> Bool {
        token.utf8.count == 64 && token.utf8.allSatisfy { (48...57).contains($0) || (97...102).contains($0) }
    }

    /// Compares two secrets in time independent of where they first differ.
    static func equal(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        var difference: UInt8 = 0
        for index in x.indices { difference |= x[index] ^ y[index] }
        return difference == 0
    }

    private static func hexByte(_ byte: UInt8) -> String {
        let digits = Array("0123456789abcdef")
        return String([digits[Int(byte >> 4)], digits[Int(byte & 15)]])
    }
}
