/// A letters field's boxes as matching keeps them: every box's letters in one flat array,
/// each letter as its index in ``MatchScorer/alphabet`` with its probability.
///
/// A batch's evidence is held whole while it is matched. As `[SheetEvidence.Box]` each box
/// was an array of its own (a header, an allocation and 24 bytes a letter), about 2.9 KB a
/// sheet; packed like this a sheet's ФИО takes about 1.3 KB, 18 MB less at 10,000 sheets
/// (issue 5). Matching reads only the letters' alphabet indices, so nothing it computes changes.
public struct LetterBoxes: Sendable {
    /// One letter of one box; a blank box is a single entry with the letter ``blank``.
    struct Entry: Sendable {
        var probability: Double
        var box: UInt16
        var letter: UInt8
    }

    /// The letter of a blank box's entry (not an alphabet index).
    static let blank = UInt8.max

    /// Box by box, each box's letters in the order given (best first); blank boxes included.
    private(set) var entries: [Entry]
    /// Number of boxes, blank ones included.
    public let count: Int

    public var isEmpty: Bool { count == 0 }

    /// Packs `boxes`; letters outside the alphabet become its "other" index, as
    /// ``MatchScorer/index(_:)`` maps them.
    public init(_ boxes: [SheetEvidence.Box]) {
        var entries: [Entry] = []
        entries.reserveCapacity(boxes.reduce(0) { $0 + max(1, $1.count) })
        for (position, box) in boxes.enumerated() {
            // Only neighbouring boxes are told apart (``forEachBox``), so the index wraps
            // harmlessly on a field of more than 65,535 boxes (a broken template) instead of
            // stopping the batch.
            let index = UInt16(truncatingIfNeeded: position)
            if box.isEmpty {
                entries.append(Entry(probability: 0, box: index, letter: Self.blank))
            }
            for (letter, probability) in box {
                entries.append(Entry(probability: probability, box: index, letter: UInt8(MatchScorer.index(letter))))
            }
        }
        self.entries = entries
        count = boxes.count
    }

    /// Calls `body` with each box's letters in order: `(letter index, probability)` pairs,
    /// best first, none for a blank box.
    func forEachBox(_ body: (ArraySlice<Entry>) -> Void) {
        var start = entries.startIndex
        while start < entries.endIndex {
            var end = start + 1
            while end < entries.endIndex, entries[end].box == entries[start].box { end += 1 }
            body(entries[start].letter == Self.blank ? entries[start..<start] : entries[start..<end])
            start = end
        }
    }
}
