import Foundation

/// How well a sheet fits a participant, as log-likelihood ratios in nats (see
/// `ReconciliationPolicy`): identity evidence (ФИО, document) and context evidence (class,
/// auditorium, ОО) kept apart, because context alone is shared by a whole auditorium and must
/// never carry a match.
public struct MatchScore: Sendable, Hashable, Codable {
    public var identity: Double
    public var context: Double
    public var total: Double { identity + context }
    public static let zero = MatchScore(identity: 0, context: 0)
}

/// Scores sheets against participants. Letters are compared box by box with the reader's
/// per-box alternatives, aligned by a banded edit distance so a skipped or doubled letter costs
/// one gap rather than shifting the whole name.
struct MatchScorer: Sendable {
    let policy: ReconciliationPolicy

    /// Letters after folding (no Ё, Й) plus hyphen and space; index `alphabet.count` is "other".
    static let alphabet: [Character] = Array("АБВГДЕЖЗИКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ- ")
    static let letterIndex: [Character: Int] = Dictionary(uniqueKeysWithValues: alphabet.enumerated().map { ($1, $0) })
    /// Effective alphabet size for the "random person" hypothesis.
    static let alphabetSize = 32.0

    static func index(_ ch: Character) -> Int { letterIndex[ch] ?? alphabet.count }

    /// Letters as alphabet indices, one byte each (a region's list is held while it is matched).
    static func encode(_ text: String) -> [UInt8] { NameNormalizer.fold(text).map { UInt8(index($0)) } }

    /// A sheet's letter boxes as a flat table: `values[box * stride + letter]` is the
    /// log-likelihood ratio that the box holds that letter.
    struct BoxTable: Sendable {
        var values: [Double]
        var count: Int
        /// The best any name could score on these boxes (to tell unreadable from unmatched).
        var ceiling: Double
        static let stride = MatchScorer.alphabet.count + 1
    }

    func table(_ boxes: [SheetEvidence.Box]) -> BoxTable { table(LetterBoxes(boxes)) }

    /// The table of `boxes`; with `onlyConfident`, boxes whose best letter is below it count
    /// as unknown (every letter 0: no evidence), for judging what the surely read letters say.
    func table(_ boxes: LetterBoxes, onlyConfident: Double? = nil) -> BoxTable {
        let n = Self.alphabet.count + 1
        var ceiling = 0.0
        let floor = policy.unlistedLetterFloor
        let doubt = min(max(policy.letterDoubt, 0), 1)
        var values: [Double] = []
        values.reserveCapacity(boxes.count * n)
        var q = [Double](repeating: 0, count: n)
        boxes.forEachBox { entries in
            if let onlyConfident, (entries.first?.probability ?? 0) < onlyConfident {
                values.append(contentsOf: repeatElement(0, count: n))
                return
            }
            // A blank box reads as a space, fairly sure.
            let box = entries.isEmpty ? [(Self.space, 0.9)] : entries.map { (Int($0.letter), $0.probability) }
            let listed = box.reduce(0) { $0 + $1.1 }
            let unlisted = max(floor, max(0, 1 - listed) / Double(max(1, n - box.count)))
            for i in q.indices { q[i] = unlisted }
            for (i, confusable) in Self.confusable[box[0].0].enumerated() where confusable {
                q[i] = max(q[i], policy.confusableLetterFloor)
            }
            for (letter, p) in box { q[letter] = p }
            var best = -Double.infinity
            for p in q {
                // Believed only in part (``ReconciliationPolicy/letterDoubt``): an unsure box
                // then says little either way, and a sure misreading costs a bounded amount.
                let believed = (1 - doubt) * min(max(p, floor), 0.99) + doubt / Self.alphabetSize
                let value = log(believed * Self.alphabetSize)
                values.append(value)
                best = max(best, value)
            }
            ceiling += best
        }
        return BoxTable(values: values, count: boxes.count, ceiling: ceiling)
    }

    static let space = index(" ")

    /// `confusable[a][b]`: letters at alphabet indices a and b are a hand-print confusion.
    static let confusable: [[Bool]] = (0...alphabet.count).map { a in
        (0...alphabet.count).map { b in
            a < alphabet.count && b < alphabet.count && HandprintConfusions.confusable(alphabet[a], alphabet[b])
        }
    }

    /// Best alignment score of `name` (encoded) against the boxes; 0 when either is empty. The
    /// name's last letter may go without a box at ``ReconciliationPolicy/droppedLastLetterPenalty``.
    /// - Complexity: O(boxes × band).
    func align(_ table: BoxTable, _ name: [UInt8]) -> Double {
        let n = table.count, m = name.count, stride = BoxTable.stride
        if n == 0 || m == 0 { return 0 }
        // Wide enough that the last cell is always reachable, however different the lengths.
        let band = max(3, abs(n - m) + 1)
        let gap = policy.gapPenalty
        let minusInfinity = -Double.greatestFiniteMagnitude / 4
        return table.values.withUnsafeBufferPointer { values in name.withUnsafeBufferPointer { name in
          withUnsafeTemporaryAllocation(of: Double.self, capacity: 2 * (m + 1)) { buffer in
            var previous = UnsafeMutableBufferPointer(rebasing: buffer[0...m])
            var current = UnsafeMutableBufferPointer(rebasing: buffer[(m + 1)...])
            for j in 0...m { previous[j] = j <= band ? -gap * Double(j) : minusInfinity }
            for i in 1...n {
                for j in 0...m { current[j] = minusInfinity }
                if i <= band { current[0] = -gap * Double(i) }
                let lower = max(1, i - band), upper = min(m, i + band)
                if lower <= upper {
                    let row = (i - 1) * stride
                    for j in lower...upper {
                        let diagonal = previous[j - 1] + values[row + Int(name[j - 1])]
                        current[j] = max(diagonal, previous[j] - gap, current[j - 1] - gap)
                    }
                }
                swap(&previous, &current)
            }
            // The name's last letter without a box of its own costs less than another gap.
            return max(previous[m], previous[m - 1] - policy.droppedLastLetterPenalty)
          }
        } }
    }

    /// Digits with leading zeros and blanks removed, least significant first; `?` becomes
    /// `unsure`. Precomputed so the hot loop compares small integer arrays.
    static func digitKey(_ text: String?) -> [UInt8] {
        guard let text else { return [] }
        let kept = Array(text.filter { $0 != " " }.drop { $0 == "0" })
        return kept.reversed().map { $0 == "?" ? unsure : ($0.wholeNumberValue.map(UInt8.init) ?? unsure) }
    }
    static let unsure: UInt8 = 255

    /// A number as read on the sheet: like `digitKey`, except that a blank column beside
    /// marked ones is a digit the scan lost or the writer left out, so it stays in its place
    /// as `unsure`. Removing it would shift every more significant digit by one column and turn
    /// one faded digit into a row of mismatches against the sheet's true owner.
    static func readKey(_ text: String?) -> [UInt8] {
        guard let text, text.contains(where: \.isNumber) else { return [] }
        return text.drop { $0 == "0" }.reversed().map { $0.wholeNumberValue.map(UInt8.init) ?? unsure }
    }

    /// A digit field as read, ready to compare: its `digitKey` and the log-likelihood ratios
    /// of a matching and a differing column at the field's confidence.
    struct DigitsKey: Sendable {
        var key: [UInt8]
        var match: Double
        var mismatch: Double

        init(_ read: SheetEvidence.DigitsRead?) {
            key = MatchScorer.readKey(read?.text)
            let c = min(max(read?.confidence ?? 0.5, 0.5), 0.98)
            match = log(10 * c); mismatch = log(10 * (1 - c) / 9)
        }

        /// Log-likelihood ratio that the truth is `truth` (a `digitKey`); unsure columns and
        /// an empty side carry no evidence.
        func score(_ truth: [UInt8]) -> Double {
            if key.isEmpty || truth.isEmpty { return 0 }
            var score = 0.0
            for k in 0..<Swift.max(key.count, truth.count) {
                let x = k < key.count ? key[k] : 0
                let y = k < truth.count ? truth[k] : 0
                if x == MatchScorer.unsure { continue }
                score += x == y ? match : mismatch
            }
            return score
        }
    }
}

/// A participant prepared once for many comparisons (a class, so the hot loops pass one
/// reference instead of copying a dozen arrays).
final class PreparedParticipant: Sendable {
    let participant: Participant
    let surname: [UInt8]
    let name: [UInt8]
    let patronymic: [UInt8]
    let classLetter: [UInt8]
    /// The most a matching surname, name or patronymic can count for: log(list size / number
    /// of people on the list with that value). Matching a common name («Анна», «Иванович») is
    /// a draw from a few dozen, not a dozen independent letters; mismatches are not capped.
    let caps: NameCaps
    let document: [UInt8], series: [UInt8], oo: [UInt8], auditorium: [UInt8], classNumber: [UInt8]

    init(_ participant: Participant, caps: NameCaps) {
        self.caps = caps
        document = MatchScorer.digitKey(participant.documentNumber)
        series = MatchScorer.digitKey(participant.documentSeries)
        oo = MatchScorer.digitKey(participant.oo)
        auditorium = MatchScorer.digitKey(participant.auditorium)
        classNumber = MatchScorer.digitKey(participant.classNumber)
        self.participant = participant
        surname = MatchScorer.encode(participant.surname)
        name = MatchScorer.encode(participant.name)
        patronymic = MatchScorer.encode(participant.patronymic ?? "")
        classLetter = MatchScorer.encode(participant.classLetter)
    }
}

/// Caps on the positive evidence of each name part (see `PreparedParticipant.caps`).
struct NameCaps: Sendable {
    var surname: Double
    var name: Double
    var patronymic: Double

    /// Caps for everyone on `participants`, from how often each folded value occurs there.
    static func forList(_ participants: [Participant]) -> [NameCaps] {
        let n = Double(max(participants.count, 1))
        func counts(_ key: (Participant) -> String) -> [String: Int] {
            participants.reduce(into: [:]) { $0[NameNormalizer.fold(key($1)), default: 0] += 1 }
        }
        let surnames = counts(\.surname), names = counts(\.name), patronymics = counts { $0.patronymic ?? "" }
        // Floors from the population, for small lists where every name is "unique": the
        // commonest Russian surname is about 1 in 200 people, a first name or patronymic 1 in 30.
        func cap(_ count: Int?, floor: Double) -> Double { max(log(floor), log(n / Double(max(count ?? 1, 1)))) }
        return participants.map { p in
            NameCaps(surname: cap(surnames[NameNormalizer.fold(p.surname)], floor: 200),
                     name: cap(names[NameNormalizer.fold(p.name)], floor: 30),
                     patronymic: cap(patronymics[NameNormalizer.fold(p.patronymic ?? "")], floor: 30))
        }
    }
}

/// A sheet prepared once: its evidence, digit keys and the best score it could ever reach. Its
/// letter tables (``SheetTables``, several kilobytes) are built by the ``ScoreBook`` only while
/// the sheet is being matched, so a batch of 10,000 sheets never holds them all at once.
final class PreparedSheet: Sendable {
    let evidence: SheetEvidence
    let document, series, oo, auditorium, classNumber: MatchScorer.DigitsKey
    /// The most identity evidence these readings could ever give (name ceiling plus a fully
    /// matching document): below the acceptance score, no participant can be accepted.
    let identityCeiling: Double

    init(_ evidence: SheetEvidence, scorer: MatchScorer) {
        document = .init(evidence.documentNumber); series = .init(evidence.documentSeries)
        oo = .init(evidence.oo); auditorium = .init(evidence.auditorium); classNumber = .init(evidence.classNumber)
        self.evidence = evidence
        let tables = SheetTables(evidence, scorer: scorer)
        identityCeiling = tables.surname.ceiling + tables.name.ceiling + tables.patronymic.ceiling + document.score(document.key)
    }
}

/// A sheet's letter tables: per box, the log-odds of every letter.
struct SheetTables: Sendable {
    let surname: MatchScorer.BoxTable
    let name: MatchScorer.BoxTable
    let patronymic: MatchScorer.BoxTable
    let classLetter: MatchScorer.BoxTable

    init(_ evidence: SheetEvidence, scorer: MatchScorer) {
        surname = scorer.table(evidence.surname)
        name = scorer.table(evidence.name)
        patronymic = scorer.table(evidence.patronymic)
        classLetter = scorer.table(evidence.classLetter)
    }
}

extension MatchScorer {
    func score(_ sheet: PreparedSheet, _ tables: SheetTables, _ p: PreparedParticipant) -> MatchScore {
        let identity = nameScore(tables, p).total + sheet.document.score(p.document) + sheet.series.score(p.series)
        return MatchScore(identity: identity, context: context(sheet, tables, p))
    }

    /// What the surely read letters of the ФИО (best letter at `ReconciliationPolicy.confidentLetter`
    /// or more) say about `p`; a part with no such letter says nothing. Negative when they
    /// contradict `p`'s name — a test that an unreadable ФИО, however long, never fails.
    func confidentNameScore(_ evidence: SheetEvidence, _ p: PreparedParticipant) -> Double {
        var score = 0.0
        for (boxes, letters) in [(evidence.surname, p.surname), (evidence.name, p.name), (evidence.patronymic, p.patronymic)] {
            let table = table(boxes, onlyConfident: policy.confidentLetter)
            let stride = BoxTable.stride
            guard !letters.isEmpty, let last = (0..<table.count).last(where: { box in
                table.values[(box * stride)..<((box + 1) * stride)].contains { $0 != 0 }
            }) else { continue }
            // Unsure boxes after the last sure one (a speck, a letter the reader could not make
            // out) may be left unaligned for free: only the sure letters are being judged.
            score += (last + 1...table.count).map { kept in
                align(BoxTable(values: Array(table.values.prefix(kept * stride)), count: kept, ceiling: 0), letters)
            }.max() ?? 0
        }
        return score
    }

    /// The written ФИО's evidence for `p`, part by part, each part's positive evidence capped
    /// (see ``PreparedParticipant/caps``).
    func nameScore(_ tables: SheetTables, _ p: PreparedParticipant) -> (surname: Double, name: Double, patronymic: Double, total: Double) {
        let surname = min(align(tables.surname, p.surname), p.caps.surname)
        let name = min(align(tables.name, p.name), p.caps.name)
        // A missing patronymic on either side is common and says nothing.
        let patronymic = p.patronymic.isEmpty ? 0 : min(align(tables.patronymic, p.patronymic), p.caps.patronymic)
        return (surname, name, patronymic, surname + name + patronymic)
    }

    /// Class, auditorium and ОО evidence.
    func context(_ sheet: PreparedSheet, _ tables: SheetTables, _ p: PreparedParticipant) -> Double {
        sheet.oo.score(p.oo) + sheet.auditorium.score(p.auditorium) + sheet.classNumber.score(p.classNumber)
            + align(tables.classLetter, p.classLetter)
    }

    /// A cheap positional score (no alignment) over the first letters of surname and name and
    /// the document, used only to shortlist candidates from the whole list.
    /// - Complexity: O(1) (at most 8 + 4 letters and the document's digits).
    func quickScore(_ sheet: PreparedSheet, _ tables: SheetTables, _ p: PreparedParticipant) -> Double {
        var score = 0.0
        let stride = BoxTable.stride
        tables.surname.values.withUnsafeBufferPointer { surname in
            p.surname.withUnsafeBufferPointer { letters in
                for k in 0..<min(tables.surname.count, letters.count, 8) { score += surname[k * stride + Int(letters[k])] }
            }
        }
        tables.name.values.withUnsafeBufferPointer { name in
            p.name.withUnsafeBufferPointer { letters in
                for k in 0..<min(tables.name.count, letters.count, 4) { score += name[k * stride + Int(letters[k])] }
            }
        }
        return score + sheet.document.score(p.document)
    }
}
