import Foundation
@testable import IS03Core
import Testing

/// `LetterBoxes` packs a letters field's boxes for matching (issue 5's memory); matching must
/// see exactly the boxes it was given.
@Suite struct LetterBoxesTests {
    let boxes: [SheetEvidence.Box] = [
        [("К", 0.8), ("Х", 0.15)],
        [],                                   // a blank box between letters
        [("О", 0.6), ("Q", 0.3), ("С", 0.05)],  // a letter outside the alphabet
        [("В", 0.99)],
    ]

    @Test func keepsEveryBoxItsLettersInOrderAndItsBlanks() {
        let packed = LetterBoxes(boxes)
        #expect(packed.count == 4)
        var seen: [[(Int, Double)]] = []
        packed.forEachBox { entries in seen.append(entries.map { (Int($0.letter), $0.probability) }) }
        let expected = boxes.map { $0.map { (MatchScorer.index($0.letter), $0.probability) } }
        #expect(seen.count == expected.count)
        for (got, want) in zip(seen, expected) {
            #expect(got.map(\.0) == want.map(\.0))
            #expect(got.map(\.1) == want.map(\.1))
        }
        #expect(seen[2][1].0 == MatchScorer.alphabet.count)   // "other"
        #expect(LetterBoxes([]).isEmpty)
    }

    /// A field of more boxes than the box index counts (only a broken template has one) is
    /// packed without stopping the batch, every box still its own.
    @Test func aFieldLongerThanTheBoxIndexKeepsEveryBox() {
        let many: [SheetEvidence.Box] = (0..<70_000).map { $0 % 3 == 0 ? [] : [("А", 0.9)] }
        let packed = LetterBoxes(many)
        var boxes = 0
        var blanks = 0
        packed.forEachBox { entries in boxes += 1; if entries.isEmpty { blanks += 1 } }
        #expect(packed.count == 70_000 && boxes == 70_000)
        #expect(blanks == many.filter(\.isEmpty).count)
    }

    /// The table matching aligns names against, compared with the formula computed directly
    /// on the unpacked boxes (as matching computed it before the boxes were packed).
    @Test func tableIsTheFormulaOnTheUnpackedBoxes() {
        let policy = ReconciliationPolicy.default
        let table = MatchScorer(policy: policy).table(LetterBoxes(boxes))
        let n = MatchScorer.alphabet.count + 1
        var values: [Double] = []
        var ceiling = 0.0
        for raw in boxes {
            let box: SheetEvidence.Box = raw.isEmpty ? [(" ", 0.9)] : raw
            let listed = box.reduce(0) { $0 + $1.probability }
            var q = [Double](repeating: max(policy.unlistedLetterFloor, max(0, 1 - listed) / Double(n - box.count)), count: n)
            for (i, confusable) in MatchScorer.confusable[MatchScorer.index(box[0].letter)].enumerated() where confusable {
                q[i] = max(q[i], policy.confusableLetterFloor)
            }
            for (letter, p) in box { q[MatchScorer.index(letter)] = p }
            let row = q.map { p in
                let believed = (1 - policy.letterDoubt) * min(max(p, policy.unlistedLetterFloor), 0.99)
                    + policy.letterDoubt / MatchScorer.alphabetSize
                return log(believed * MatchScorer.alphabetSize)
            }
            values += row
            ceiling += row.max()!
        }
        #expect(table.count == boxes.count)
        #expect(table.values == values)
        #expect(table.ceiling == ceiling)
    }
}
