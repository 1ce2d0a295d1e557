import Foundation

/// Where a run's time and memory go, phase by phase, printed on standard error when the
/// environment has `IS03_PHASES=1` (for benchmarks and profiling; off by default, and then it
/// costs nothing). Each line: the phase, seconds since the previous mark, resident and peak
/// memory (Linux `/proc/self/status`).
public struct PhaseLog: Sendable {
    public static let enabled = ProcessInfo.processInfo.environment["IS03_PHASES"] == "1"
    private var last = Date()

    public init() {}

    public mutating func mark(_ phase: String) {
        guard Self.enabled else { return }
        let now = Date()
        let (rss, peak) = Self.memory()
        FileHandle.standardError.write(Data(String(format: "phase %@: %.2f s, rss %.0f MB, peak %.0f MB\n",
                                                   phase, now.timeIntervalSince(last), rss, peak).utf8))
        last = now
    }

    /// Resident and peak resident memory in MB (0 where /proc is not there).
    static func memory() -> (Double, Double) {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return (0, 0) }
        func value(_ key: String) -> Double {
            guard let line = status.split(separator: "\n").first(where: { $0.hasPrefix(key) }),
                  let kb = line.split(separator: " ").compactMap({ Double($0) }).first else { return 0 }
            return kb / 1024
        }
        return (value("VmRSS:"), value("VmHWM:"))
    }
}
