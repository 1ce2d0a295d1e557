import Foundation
import IS03Core

/// Simulates what the handwriting and mark readers return for a participant's sheet: letters
/// box by box with per-character confusions and confidences, digit fields with unsure columns.
/// The error rates are deliberately worse than we expect from the vision layer.
struct NoisyReadings {
    var letterErrorRate = 0.12
    /// Share of wrong top letters whose true letter is still among the alternatives.
    var truthInAlternatives = 0.7
    var skippedLetterRate = 0.01
    var unsureDigitRate = 0.08
    var wrongDigitRate = 0.02
    var blankDocumentRate = 0.05
    /// Share of fields whose last written letter the reader drops (real readers do, often).
    /// Drawn only when above 0, so the older tests' random streams stay as they were.
    var lastLetterDropRate = 0.0
    /// Share of wrong letters read as surely as right ones (0.9–0.999, the truth not among
    /// the alternatives): real readers are overconfident on writers they were not trained on.
    /// Drawn only when above 0.
    var confidentErrorShare = 0.0

    static let letters = Array("АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ")
    static let confusions: [Character: [Character]] = {
        var map: [Character: [Character]] = [:]
        for group in ["ИНП", "ШЩЦ", "ЬЪБ", "ОСЭ", "ЗЭ", "ГТП", "ЛПД", "КЖ", "УЧ", "АД", "ЫЬ", "ЕЁ", "ИЙ", "МИ", "ЯЮ"] {
            for a in group { for b in group where a != b { map[a, default: []].append(b) } }
        }
        return map
    }()

    func letters(_ text: String, fieldID: String, boxes: Int, rng: inout SeededRandom) -> FieldReading {
        var cells: [CellReading] = []
        var chars = Array(text.uppercased())
        if chars.count > 3, Double.random(in: 0..<1, using: &rng) < skippedLetterRate * Double(chars.count) {
            chars.remove(at: Int.random(in: 1..<chars.count, using: &rng))
        }
        if lastLetterDropRate > 0, chars.count > 2, Double.random(in: 0..<1, using: &rng) < lastLetterDropRate {
            chars.removeLast()
        }
        for (index, truth) in chars.prefix(boxes).enumerated() {
            let rect = PixelRect(x: index * 20, y: 0, width: 18, height: 24)
            if Double.random(in: 0..<1, using: &rng) < letterErrorRate, truth != "-" {
                let options = Self.confusions[truth] ?? []
                let wrong = options.isEmpty || Bool.random(using: &rng) && Bool.random(using: &rng)
                    ? Self.letters.randomElement(using: &rng)! : options.randomElement(using: &rng)!
                let confident = confidentErrorShare > 0 && Double.random(in: 0..<1, using: &rng) < confidentErrorShare
                let top = confident ? Double.random(in: 0.9...0.999, using: &rng) : Double.random(in: 0.35...0.75, using: &rng)
                var alternatives: [Alternative] = []
                if !confident, Double.random(in: 0..<1, using: &rng) < truthInAlternatives {
                    alternatives.append(Alternative(value: String(truth), confidence: Double.random(in: 0.05...(1 - top), using: &rng)))
                }
                cells.append(CellReading(key: String(index), rect: rect, fill: 0.3, character: String(wrong),
                                         confidence: top, alternatives: alternatives))
            } else {
                let top = Double.random(in: 0.75...0.99, using: &rng)
                let other = (Self.confusions[truth] ?? Self.letters).randomElement(using: &rng)!
                cells.append(CellReading(key: String(index), rect: rect, fill: 0.3, character: String(truth), confidence: top,
                                         alternatives: [Alternative(value: String(other), confidence: (1 - top) / 2)]))
            }
        }
        for index in chars.count..<max(boxes, chars.count) {
            cells.append(CellReading(key: String(index), rect: PixelRect(x: index * 20, y: 0, width: 18, height: 24), fill: 0))
        }
        let value = cells.map { $0.character ?? " " }.joined()
        let confidence = cells.compactMap(\.confidence).min() ?? 0
        return FieldReading(id: fieldID, status: cells.allSatisfy { $0.character == nil } ? .blank : .ok,
                            value: value, confidence: confidence, cells: cells)
    }

    func digits(_ text: String?, fieldID: String, columns: Int, rng: inout SeededRandom) -> FieldReading {
        guard let text, !text.isEmpty else { return FieldReading(id: fieldID, status: .blank, value: nil, confidence: 0.95) }
        let padded = String(repeating: "0", count: max(0, columns - text.count)) + text
        var out = ""
        for ch in padded {
            let r = Double.random(in: 0..<1, using: &rng)
            if r < unsureDigitRate { out.append("?") }
            else if r < unsureDigitRate + wrongDigitRate { out.append(Character(String(Int.random(in: 0...9, using: &rng)))) }
            else { out.append(ch) }
        }
        return FieldReading(id: fieldID, status: out.contains("?") ? .ambiguous : .ok, value: out,
                            confidence: out.contains("?") ? 0.6 : 0.95)
    }

    /// A reader about as weak as today's on real hand print: about half the letters wrong,
    /// the truth often not among the alternatives, a fifth of the wrong letters read as surely
    /// as right ones, last letters dropped.
    static let weak = NoisyReadings(letterErrorRate: 0.55, truthInAlternatives: 0.5, skippedLetterRate: 0.02,
                                    blankDocumentRate: 0.3, lastLetterDropRate: 0.4, confidentErrorShare: 0.2)

    /// A blank (no QR) sheet for `participant`, read with noise.
    func sheet(for participant: Participant, index: Int, rng: inout SeededRandom, qr: Bool = false) -> SheetReading {
        let document = Double.random(in: 0..<1, using: &rng) < blankDocumentRate ? nil : participant.documentNumber
        let fields = [
            letters(participant.surname, fieldID: "surname", boxes: 28, rng: &rng),
            letters(participant.name, fieldID: "name", boxes: 20, rng: &rng),
            letters(participant.patronymic ?? "", fieldID: "patronymic", boxes: 24, rng: &rng),
            letters(participant.classLetter, fieldID: "classLetter", boxes: 1, rng: &rng),
            digits(participant.classNumber, fieldID: "classNumber", columns: 2, rng: &rng),
            digits(participant.auditorium, fieldID: "auditorium", columns: 4, rng: &rng),
            digits(participant.oo, fieldID: "oo", columns: 6, rng: &rng),
            digits(participant.documentSeries, fieldID: "documentSeries", columns: 4, rng: &rng),
            digits(document, fieldID: "documentNumber", columns: 6, rng: &rng),
        ]
        return SheetReading(source: PageSource(file: "scan-\(index).png", page: 0, sha256: String(repeating: "0", count: 64)),
                            pageClass: .sheet, templateID: "is03-2023",
                            qr: qr ? QRPayload(templateID: "is03-2023", serial: String(index), participantID: participant.id) : nil,
                            fields: fields)
    }

    /// A synthetic region: `schools` × `auditoriums` × `perAuditorium` participants with
    /// realistic names (the render engineer's generator), documents and classes.
    static func region(schools: Int, auditoriums: Int, perAuditorium: Int, seed: UInt64) -> [Participant] {
        var rng = SeededRandom(seed: seed, stream: "region")
        var people: [Participant] = []
        for school in 0..<schools {
            let oo = String(370001 + school * 7)
            for aud in 0..<auditoriums {
                for _ in 0..<perAuditorium {
                    let person = RussianNames.random(using: &rng)
                    let id = String(format: "P%06d", people.count + 1)
                    let letter = ["А", "Б", "В", "Г"].randomElement(using: &rng)!
                    people.append(Participant(
                        id: id, surname: person.surname, name: person.name, patronymic: person.patronymic,
                        className: "9" + letter, documentSeries: String(Int.random(in: 1000...9999, using: &rng)),
                        documentNumber: String(Int.random(in: 100000...999999, using: &rng)),
                        region: "37", msu: "012", oo: oo, auditorium: String(format: "%04d", 101 + aud), examDate: "2023-02-08"))
                }
            }
        }
        return people
    }
}
