import Foundation
import IS03Core
import Testing

/// ИС-01 lists are typed in schools: «Н» (did not sit) comes in every usual spelling, and
/// anything else in the auditorium column is reported with its line, never guessed.
@Suite struct AbsenceMarkTests {
    static func list(_ auditoriums: [String]) throws -> ParticipantList {
        let rows = auditoriums.enumerated().map { index, auditorium in
            "P\(index);Фамилия\(index);Имя;;9А;;;37;012;370045;\(auditorium);standard;2023-02-08"
        }
        return try ParticipantList.parseCSV(([ParticipantImportTests.header] + rows).joined(separator: "\n") + "\n", file: "ic01.csv")
    }

    @Test(arguments: ["Н", "н", "Н.", "н.", "0101 Н", "0101 н.", "H", "h", "H.", "0101 H", " Н ", "0101\u{00A0}Н"])
    func everyUsualSpellingMarksTheParticipantAbsent(mark: String) throws {
        let list = try Self.list([mark])
        #expect(list.problems.isEmpty, "\(list.problems)")
        let participant = try #require(list.participants.first)
        #expect(participant.absent && participant.auditorium == nil, "«\(mark)»")
        #expect(list.present.isEmpty)
    }

    @Test(arguments: ["0101", "12А", "2-14", "7"])
    func anAuditoriumNumberMeansPresent(number: String) throws {
        let list = try Self.list([number])
        #expect(list.problems.isEmpty)
        #expect(list.participants.first?.absent == false && list.participants.first?.auditorium == number)
    }

    @Test func anythingElseIsReportedWithItsLineAndKeptAsPresent() throws {
        let list = try Self.list(["0101", "отс", "НН", "-", "Н 0101"])
        #expect(list.participants.count == 5 && list.present.count == 5)
        let problems = list.problems
        #expect(problems.map(\.kind) == Array(repeating: .unclearAuditorium, count: 4))
        // The header is line 1: the second participant is on line 3.
        #expect(problems.map(\.line) == [3, 4, 5, 6])
        #expect(problems[0].description.hasPrefix("ic01.csv:3:") && problems[0].message.contains("«отс»"))
    }
}
