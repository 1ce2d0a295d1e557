/// What a sheet says about whose it is, taken from its reading by field role: the QR's
/// participant id, the handwritten ФИО box by box, and the digit fields (document, class,
/// auditorium, ОО).
public struct SheetEvidence: Sendable {
    /// One letter box: the letters it may hold (folded, see `NameNormalizer`) with probabilities.
    /// Empty for a blank box.
    public typealias Box = [(letter: Character, probability: Double)]

    /// Index of the sheet in the reconciler's input.
    public var index: Int
    /// The packet (ВДП) the sheet was scanned in; sheets are matched within it first.
    public var packet: String
    public var qrParticipantID: String?
    public var surname: LetterBoxes
    public var name: LetterBoxes
    public var patronymic: LetterBoxes
    /// Digit fields as read: `?` for an unsure column, space for a blank one; with confidence.
    public var documentSeries: DigitsRead?
    public var documentNumber: DigitsRead?
    public var classNumber: DigitsRead?
    public var classLetter: LetterBoxes
    public var auditorium: DigitsRead?
    public var oo: DigitsRead?

    public struct DigitsRead: Sendable, Hashable {
        public var text: String
        public var confidence: Double
    }

    /// Extracts the evidence of `reading` using `template`'s field roles; `policy` says which
    /// trailing boxes are strays (see ``ReconciliationPolicy/strayTailGap``).
    public init(reading: SheetReading, template: Template, packet: String, index: Int,
                policy: ReconciliationPolicy = .default) {
        self.index = index
        self.packet = packet
        qrParticipantID = reading.qr?.participantID
        func field(_ role: FieldRole) -> FieldReading? {
            template.field(role: role).flatMap { reading.field($0.id) }
        }
        func digits(_ role: FieldRole) -> DigitsRead? {
            guard let read = field(role), read.status != .blank, let text = read.value,
                  text.contains(where: \.isNumber) else { return nil }
            return DigitsRead(text: text, confidence: read.confidence)
        }
        surname = LetterBoxes(Self.withoutStrayTail(Self.boxes(field(.surname)), policy: policy))
        name = LetterBoxes(Self.withoutStrayTail(Self.boxes(field(.name)), policy: policy))
        patronymic = LetterBoxes(Self.withoutStrayTail(Self.boxes(field(.patronymic)), policy: policy))
        classLetter = LetterBoxes(Self.boxes(field(.classLetter)))
        documentSeries = digits(.documentSeries)
        documentNumber = digits(.documentNumber)
        classNumber = digits(.classNumber)
        auditorium = digits(.auditorium)
        oo = digits(.oo)
    }

    /// The boxes of a letters field, trailing blanks dropped. Uses each box's character and
    /// alternatives when the reader gave them, else the field's value at the field's confidence.
    static func boxes(_ read: FieldReading?) -> [Box] {
        guard let read, read.status != .blank else { return [] }
        var boxes: [Box]
        let boxCells = read.cells.filter { $0.character != nil || $0.alternatives != nil || $0.confidence != nil }
        if !boxCells.isEmpty {
            // Reading order by box index (the reader's keys), whatever order the cells came in.
            let ordered = read.cells.allSatisfy({ Int($0.key) != nil })
                ? read.cells.sorted { Int($0.key)! < Int($1.key)! } : read.cells
            boxes = ordered.map { cell in
                guard let character = cell.character?.first, character != " " else { return [] }
                var box = merge([(character, cell.confidence ?? read.confidence)]
                                + (cell.alternatives ?? []).compactMap { alt in alt.value.first.map { ($0, alt.confidence) } })
                box.sort { $0.probability > $1.probability }
                return box
            }
        } else {
            boxes = Array(read.value ?? "").map { ch in ch == " " ? [] : [(ch, read.confidence)] }
        }
        while boxes.last?.isEmpty == true { boxes.removeLast() }
        while boxes.first?.isEmpty == true { boxes.removeFirst() }
        return boxes
    }

    /// The boxes up to the first run of `policy.strayTailGap` blank boxes, when nothing after
    /// that run is a letter the reader is sure of: a speck in the last boxes must not turn
    /// «ГАРИПОВ» into «ГАРИПОВ  ТТ» and cost the true participant their match.
    static func withoutStrayTail(_ boxes: [Box], policy: ReconciliationPolicy) -> [Box] {
        let gap = max(1, policy.strayTailGap)
        var blanks = 0
        for (index, box) in boxes.enumerated() {
            blanks = box.isEmpty ? blanks + 1 : 0
            guard blanks == gap else { continue }
            let tail = boxes[(index + 1)...]
            let sure = tail.contains { ($0.first?.probability ?? 0) >= policy.strayTailConfidence }
            if sure { return boxes }
            var kept = Array(boxes[...index])
            while kept.last?.isEmpty == true { kept.removeLast() }
            return kept
        }
        return boxes
    }

    /// Folds letters (Ё→Е, Й→И, case) and adds up the probabilities of letters that fold together.
    private static func merge(_ letters: [(Character, Double)]) -> Box {
        var out: Box = []
        out.reserveCapacity(letters.count)
        for (raw, p) in letters {
            let letter = NameNormalizer.foldLetter(Character(raw.uppercased()))
            if let i = out.firstIndex(where: { $0.letter == letter }) {
                out[i].probability = min(1, out[i].probability + p)
            } else {
                out.append((letter, p))
            }
        }
        return out
    }
}
