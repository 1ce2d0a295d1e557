/// A small least-recently-used cache: at most `capacity` entries. When full, the least recently
/// used quarter is dropped at once, so each access costs O(1) amortised.
struct LRUCache<Key: Hashable, Value> {
    private let capacity: Int
    private var values: [Key: (value: Value, used: UInt64)] = [:]
    private var clock: UInt64 = 0

    init(capacity: Int) { self.capacity = max(1, capacity) }

    subscript(key: Key) -> Value? {
        mutating get {
            guard let entry = values[key] else { return nil }
            clock += 1
            values[key] = (entry.value, clock)
            return entry.value
        }
        set {
            guard let newValue else { values[key] = nil; return }
            clock += 1
            values[key] = (newValue, clock)
            if values.count > capacity { evict() }
        }
    }

    private mutating func evict() {
        let keep = max(1, capacity * 3 / 4)
        let cutoff = values.values.map(\.used).sorted(by: >)[keep - 1]
        values = values.filter { $0.value.used >= cutoff }
    }
}
