import Foundation

/// Structure-aware mutation of a JSON document: the fuzzer's bytes are read as a list of edits
/// to a real, valid document (set a number, set a string, copy or drop an array element), and
/// the edited document is serialised back to JSON.
///
/// Byte-level mutation of a 20 KB template almost always breaks the JSON syntax, so plain
/// fuzzing spends its time in the JSON scanner; edits keep the document well-formed and reach
/// what comes after decoding (validation, cell layout, score sums). Found that way and not by
/// plain mutation: see Fuzz/README.md.
///
/// Each edit takes 11 bytes: an operation, a 16-bit place (an index into the document's leaves
/// or arrays) and a 64-bit value.
struct JSONEditScript {
    private enum Step { case key(String), index(Int) }

    private let base: Any
    private let leaves: [[Step]]
    private let arrays: [[Step]]
    /// Every string in the document: edits pick ids from here so cross-references stay
    /// plausible (a criterion pointing at another real field).
    private let strings: [String]

    /// Parses `document`; nil when it is not JSON.
    init?(document: Data) {
        guard let root = try? JSONSerialization.jsonObject(with: document) else { return nil }
        var leaves: [[Step]] = [], arrays: [[Step]] = [], strings: [String] = []
        func walk(_ node: Any, _ path: [Step]) {
            if let object = node as? [String: Any] {
                for key in object.keys.sorted() { walk(object[key]!, path + [.key(key)]) }
            } else if let array = node as? [Any] {
                arrays.append(path)
                for (i, element) in array.enumerated() { walk(element, path + [.index(i)]) }
            } else {
                leaves.append(path)
                if let text = node as? String { strings.append(text) }
            }
        }
        walk(root, [])
        base = root
        self.leaves = leaves; self.arrays = arrays; self.strings = strings
    }

    /// Numbers an edit may write, besides raw 64-bit integers: edges of Int, Double and sizes.
    private static var interestingNumbers: [Any] { [
        0, -1, 1, 9, 10, 255, 65_536, Int.max, Int.min, Int(Int32.max), 1e308, -1e308, 1e-308, 0.5, -0.5, 1e15, 9e15,
    ] }

    /// The document with the edits of `script` applied, as JSON.
    func apply(_ script: Data) -> Data? {
        var root = base
        let bytes = [UInt8](script)
        var at = 0
        while at + 11 <= bytes.count {
            let op = bytes[at]
            let place = Int(bytes[at + 1]) << 8 | Int(bytes[at + 2])
            let raw = bytes[(at + 3)..<(at + 11)].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
            at += 11
            switch op % 5 {
            case 0 where !leaves.isEmpty:  // a raw integer
                root = Self.set(root, leaves[place % leaves.count][...], Int64(bitPattern: raw))
            case 1 where !leaves.isEmpty:  // an edge-case number
                root = Self.set(root, leaves[place % leaves.count][...], Self.interestingNumbers[Int(raw % UInt64(Self.interestingNumbers.count))])
            case 2 where !leaves.isEmpty && !strings.isEmpty:  // another string of the document
                root = Self.set(root, leaves[place % leaves.count][...], strings[Int(raw % UInt64(strings.count))])
            case 3 where !arrays.isEmpty:  // copy an element to the end, up to 8 times over
                root = Self.update(root, arrays[place % arrays.count][...]) { node in
                    guard var array = node as? [Any], !array.isEmpty else { return node }
                    let element = array[Int(raw % UInt64(array.count))]
                    for _ in 0...(raw >> 32) % 8 { array.append(element) }
                    return array
                }
            case 4 where !arrays.isEmpty:  // drop an element
                root = Self.update(root, arrays[place % arrays.count][...]) { node in
                    guard var array = node as? [Any], !array.isEmpty else { return node }
                    array.remove(at: Int(raw % UInt64(array.count)))
                    return array
                }
            default: break
            }
        }
        return try? JSONSerialization.data(withJSONObject: root)
    }

    private static func set(_ node: Any, _ path: ArraySlice<Step>, _ value: Any) -> Any {
        update(node, path) { _ in value }
    }

    /// `node` with the value at `path` replaced by `change(value)`; unchanged when an earlier
    /// edit removed the path.
    private static func update(_ node: Any, _ path: ArraySlice<Step>, _ change: (Any) -> Any) -> Any {
        guard let step = path.first else { return change(node) }
        switch step {
        case .key(let key):
            guard var object = node as? [String: Any], let child = object[key] else { return node }
            object[key] = update(child, path.dropFirst(), change)
            return object
        case .index(let i):
            guard var array = node as? [Any], i < array.count else { return node }
            array[i] = update(array[i], path.dropFirst(), change)
            return array
        }
    }
}
