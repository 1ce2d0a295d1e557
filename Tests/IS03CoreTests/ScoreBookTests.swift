import Foundation
@testable import IS03Core
import Testing

/// `ScoreBook.trim` drops memoised scores of a sheet left open (issue 5's matching memory); it
/// must keep exactly the best entries in the report's order, and a dropped score asked for
/// again must come back the same.
@Suite struct ScoreBookTests {
    @Test func trimKeepsTheBestScoresInTheReportsOrderAndDroppedOnesComeBackTheSame() {
        let surnames = ["Иванов", "Иванова", "Ивашов", "Петров", "Сидоров", "Смирнов", "Кузнецов", "Попов",
                        "Васильев", "Соколов", "Михайлов", "Новиков"]
        let people = surnames.enumerated().map { i, surname in
            ReconciliationTests.person("P\(i)", surname, "Пётр", "Сергеевич")
        }
        let policy = ReconciliationPolicy.default
        let scorer = MatchScorer(policy: policy)
        let sheet = SheetEvidence(reading: ReconciliationTests.sheet("ИВАНОВ", "ПЁТР", "СЕРГЕЕВИЧ"),
                                  template: ReadingFixtures.template, packet: "ВДП-1", index: 0)
        var book = ScoreBook(sheets: [PreparedSheet(sheet, scorer: scorer)],
                             people: zip(people, NameCaps.forList(people)).map(PreparedParticipant.init),
                             scorer: scorer, shortlistSize: policy.shortlistSize)
        let all = book.ranked(0, among: Array(people.indices))
        #expect(Set(book.scored(0)) == Set(people.indices))

        book.trim([0], keeping: 5)
        #expect(Set(book.scored(0)) == Set(all.prefix(5).map(\.participant)))
        #expect(all.first?.participant == 0)   // the sheet's own participant leads
        // A dropped score is computed again, the same.
        let dropped = all[7].participant
        #expect(!book.scored(0).contains(dropped))
        #expect(book.score(0, dropped).total == all[7].score.total)
    }
}
