#if canImport(Glibc)
import Glibc
#endif

/// Hands memory freed by a finished phase back to the system. glibc keeps freed memory in
/// per-thread arenas for reuse; after a phase that decoded thousands of readings or built the
/// matching tables, that is a hundred megabytes or more the next phase never reuses, and the
/// batch's resident memory would grow with its size although nothing is held (issue 5).
enum FreedMemory {
    #if canImport(Glibc)
    /// glibc's `malloc_trim` (declared in <malloc.h>, which Swift's Glibc module leaves out);
    /// nil on a C library without it.
    private static let trim: (@convention(c) (Int) -> Int32)? = {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "malloc_trim") else { return nil }
        return unsafeBitCast(symbol, to: (@convention(c) (Int) -> Int32).self)
    }()
    #endif

    static func release() {
        #if canImport(Glibc)
        _ = trim?(0)
        #endif
    }
}
