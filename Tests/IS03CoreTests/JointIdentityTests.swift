import Foundation
import IS03Core
import Testing

/// Identity is the joint evidence of every field: a certain document identifies a sheet whose
/// name a weak reader cannot make out, a confidently written name that contradicts it is
/// queued with a message saying so, «nobody fits» is said only when the readings exclude the
/// candidates, and missing sheets are judged only in auditoriums whose packets have arrived.
@Suite struct JointIdentityTests {
    let reconciler = Reconciler(template: ReadingFixtures.template)

    /// A letters field read box by box at `confidence`, each box with `alternative` as its
    /// second choice (a weak reader's garble when the letters are not the name's).
    static func letters(_ id: String, _ text: String, confidence: Double, alternative: String = "Ж") -> FieldReading {
        let cells = Array(text).enumerated().map { i, ch in
            CellReading(key: String(i), rect: PixelRect(x: i * 20, y: 0, width: 18, height: 24), fill: 0.3,
                        character: String(ch), confidence: confidence,
                        alternatives: [Alternative(value: alternative, confidence: (1 - confidence) / 2)])
        }
        return FieldReading(id: id, status: .ambiguous, value: text, confidence: confidence, cells: cells)
    }

    /// ReconciliationTests' sheet with its ФИО fields replaced by `surname`, `name`, `patronymic`.
    static func sheet(_ surname: FieldReading, _ name: FieldReading, _ patronymic: FieldReading,
                      document: String?, n: Int = 1) -> SheetReading {
        var sheet = ReconciliationTests.sheet("", "", "", document: document, n: n)
        sheet.fields.removeAll { ["surname", "name", "patronymic"].contains($0.id) }
        sheet.fields += [surname, name, patronymic]
        return sheet
    }

    func match(_ sheets: [SheetReading], people: [Participant] = ReconciliationTests.people) -> ReconciliationReport {
        reconciler.reconcile(sheets.map { SheetToMatch(reading: $0, packet: "ВДП-1") }, participants: people)
    }

    @Test func anUnreadableNameWithACertainDocumentIsMatched() {
        // The reader makes nothing of the ФИО (garbled letters at a third of a chance each);
        // the bubbled document, ОО and auditorium are certain and name exactly P4.
        let garbled = Self.sheet(Self.letters("surname", "ЖШБДЮЛ", confidence: 0.35),
                                 Self.letters("name", "ЦЬЩ", confidence: 0.3),
                                 Self.letters("patronymic", "ФЪЭЖЖЫ", confidence: 0.3), document: "123456")
        let m = match([garbled]).matches[0]
        #expect(m.accepted && m.participantID == "P4" && m.method == .document)
    }

    @Test func aConfidentNameContradictingTheDocumentIsQueuedSayingSo() {
        // «Смирнова Мария Олеговна» written clearly, with P4 Иванов's document number.
        let contradicting = Self.sheet(Self.letters("surname", "СМИРНОВА", confidence: 0.97),
                                       Self.letters("name", "МАРИЯ", confidence: 0.97),
                                       Self.letters("patronymic", "ОЛЕГОВНА", confidence: 0.97), document: "123456")
        let m = match([contradicting]).matches[0]
        #expect(!m.accepted && m.reason == .ambiguousMatch && m.participantID == "P4")
        #expect(m.detail?.contains("серия и номер документа указывают на Иванов Иван Иванович") == true)
        #expect(m.detail?.contains("противоречит") == true || m.detail?.contains("противоречат") == true)
        #expect(m.candidates.contains { $0.participantID == "P6" })
    }

    @Test func nobodyFitsIsNotSaidWhileTheBestCandidateIsLikely() {
        // СМИРНОВА read weakly, its last letter dropped and two letters confused; no document.
        let weak = Self.sheet(Self.letters("surname", "СМИПНОВ", confidence: 0.45, alternative: "Р"),
                              Self.letters("name", "МАРИ", confidence: 0.4),
                              Self.letters("patronymic", "", confidence: 0.4), document: nil)
        let m = match([weak]).matches[0]
        #expect(m.reason != .noParticipant)
        #expect(m.candidates.first?.participantID == "P6")
        // …while a clearly written name of someone not on the list is still «nobody fits».
        let stranger = ReconciliationTests.sheet("ЖУКОВСКИЙ", "ВАСИЛИЙ", "АНДРЕЕВИЧ")
        let s = match([stranger]).matches[0]
        #expect(s.reason == .noParticipant && s.detail?.contains("бланку не подходит никто из списка") == true)
    }

    @Test func missingSheetsOnlyInAuditoriumsWhosePacketsArrived() {
        // The same school's auditorium 0102 sent no packet yet: its people are not missing.
        let people = ReconciliationTests.people + [
            ReconciliationTests.person("Q1", "Кузнецов", "Олег", "Иванович", auditorium: "0102"),
            ReconciliationTests.person("Q2", "Орлова", "Вера", "Павловна", auditorium: "0102"),
        ]
        let report = match([ReconciliationTests.sheet("СМИРНОВА", "МАРИЯ", "ОЛЕГОВНА")], people: people)
        #expect(report.matches[0].accepted && report.matches[0].participantID == "P6")
        #expect(Set(report.missingSheets) == ["P1", "P2", "P3", "P4", "P5", "P8"])
        #expect(report.countCheck.participantsWhoSat == 7 && report.countCheck.acceptedResults == 1)
    }
}
