/// What assembling does with memory between its steps and between chunks of stored readings.
/// The steps hold nothing they do not need; this policy decides whether the memory they let go
/// is handed back to the system (a long batch, whose resident size would otherwise grow with
/// its size) or left to the allocator (a short run or a test, where handing it back costs time).
public struct AssemblyMemory: Sendable {
    private let hand: @Sendable () -> Void

    public init(handBack: @escaping @Sendable () -> Void) { hand = handBack }

    /// Freed memory handed back to the system (``FreedMemory``).
    public static let handBack = AssemblyMemory { FreedMemory.release() }
    /// Left to the allocator.
    public static let keep = AssemblyMemory {}

    /// After a step: its tables and the readings it decoded are gone.
    func stepFinished() { hand() }

    /// Before the next chunk of pages, when the last chunk's readings were decoded from the
    /// database: their freed JSON and readings would otherwise scatter through the heap the
    /// identities grow into.
    func chunkDecoded() { hand() }
}
