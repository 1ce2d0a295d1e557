import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Caps how many malloc arenas glibc gives the process's threads.
///
/// glibc gives each thread that meets a locked arena a new one, up to eight per core, and
/// each arena keeps what was freed in it. A batch runs reading, registering, the database and
/// the crops on many threads in turn, so freed memory was held in up to 16 arenas on a 2-core
/// machine: a 10,000-sheet rerun peaked at 346-355 MB with 35-67 MB in use. With one arena
/// per core it peaked at 180-192 MB, and reading is as fast (`is03 bench`: 31.0-31.6 pages/s
/// either way; issue 5, docs/operations.md).
public enum MallocArenas {
    #if canImport(Glibc)
    /// glibc's `mallopt` (declared in <malloc.h>, which Swift's Glibc module leaves out).
    private static let mallopt: (@convention(c) (Int32, Int32) -> Int32)? = {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") else { return nil }
        return unsafeBitCast(symbol, to: (@convention(c) (Int32, Int32) -> Int32).self)
    }()
    /// `M_ARENA_MAX` in <malloc.h>.
    private static let arenaMax: Int32 = -8
    #endif

    /// Allows at most `count` arenas (at least 2; default one per core). Call before the
    /// process starts its threads: arenas already made are kept. `MALLOC_ARENA_MAX` or
    /// `GLIBC_TUNABLES=glibc.malloc.arena_max=N` in the environment win, for experiments.
    public static func limit(to count: Int = ProcessInfo.processInfo.activeProcessorCount) {
        #if canImport(Glibc)
        let environment = ProcessInfo.processInfo.environment
        guard environment["MALLOC_ARENA_MAX"] == nil, environment["GLIBC_TUNABLES"]?.contains("arena_max") != true else { return }
        _ = mallopt?(arenaMax, Int32(clamping: max(2, count)))
        #endif
    }
}
