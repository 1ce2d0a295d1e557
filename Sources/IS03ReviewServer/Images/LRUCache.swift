/// A small least-recently-used cache: at most `capacity` entries, the oldest dropped first.
/// - Complexity: O(capacity) per access, fine for the few hundred pictures it holds.
struct LRUCache<Key: Hashable, Value> {
    private let capacity: Int
    private var values: [Key: Value] = [:]
    private var order: [Key] = []

    init(capacity: Int) { self.capacity = max(1, capacity) }

    subscript(key: Key) -> Value? {
        mutating get {
            guard let value = values[key] else { return nil }
            touch(key)
            return value
        }
        set {
            guard let newValue else { values[key] = nil; order.removeAll { $0 == key }; return }
            values[key] = newValue
            touch(key)
            while order.count > capacity { values[order.removeFirst()] = nil }
        }
    }

    private mutating func touch(_ key: Key) {
        order.removeAll { $0 == key }
        order.append(key)
    }
}
