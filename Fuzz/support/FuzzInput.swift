import Foundation

/// The bytes libFuzzer hands a target, and a way to give them to loaders that only take a file.
///
/// The loaders under test (participant lists, scan files) choose their parser by extension and
/// read through the file system, so the harnesses drive them through a real file: that is the
/// path a user's file takes. The file lives in memory-backed `/dev/shm` when there is one and
/// is reused for every input of the run.
enum FuzzInput {
    /// Copies libFuzzer's buffer (valid only during the call) into `Data`.
    static func data(_ start: UnsafePointer<UInt8>?, _ count: Int) -> Data {
        guard let start, count > 0 else { return Data() }
        return Data(bytes: start, count: count)
    }

    /// Writes `data` to this process's scratch file with extension `ext` and returns its URL.
    static func file(_ data: Data, ext: String) -> URL {
        let folder = FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory()
        let url = URL(fileURLWithPath: folder).appendingPathComponent("is03-fuzz-\(getpid()).\(ext)")
        do { try data.write(to: url) } catch {
            // Not a finding: the harness itself cannot work, so stop the run loudly.
            FileHandle.standardError.write(Data("is03 fuzz: cannot write \(url.path): \(error)\n".utf8))
            exit(2)
        }
        return url
    }
}
