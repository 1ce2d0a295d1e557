import Crypto

/// SHA-256 of scanned pages, participant lists and templates: the provenance hash that keys
/// every page in the database of record.
///
/// A thin wrapper over swift-crypto (BoringSSL on Linux, already in the build through
/// hummingbird-auth), which hashes at memory speed; the earlier plain-Swift version was 14% of
/// a whole `is03 process` run. Tested against the FIPS 180-4 vectors in `InputTests`.
public struct SHA256: Sendable {
    private var hasher = Crypto.SHA256()

    public init() {}

    /// The hex digest of `bytes` in one call.
    public static func hex<C: Collection>(_ bytes: C) -> String where C.Element == UInt8 {
        var hasher = SHA256()
        hasher.update(bytes)
        return hasher.finalizeHex()
    }

    /// Feeds more bytes. - Complexity: O(n).
    public mutating func update<C: Collection>(_ bytes: C) where C.Element == UInt8 {
        if let done = bytes.withContiguousStorageIfAvailable({ hasher.update(bufferPointer: UnsafeRawBufferPointer($0)) }) {
            return done
        }
        let copy = Array(bytes)
        copy.withUnsafeBytes { hasher.update(bufferPointer: $0) }
    }

    /// The 32-byte digest; the hasher is spent afterwards.
    public mutating func finalize() -> [UInt8] { Array(hasher.finalize()) }

    /// The digest as 64 lower-case hex digits.
    public mutating func finalizeHex() -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(64)
        for byte in finalize() {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
