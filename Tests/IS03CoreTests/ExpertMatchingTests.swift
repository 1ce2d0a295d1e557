import Foundation
import IS03Core
import IS03TestSupport
import Testing

/// The expert's ФИО is a field of the result (seed 000): with an experts list it must come out
/// in the list's spelling whenever one expert clearly fits, and be queued — never guessed —
/// when none does; without a list an unsure reading is queued.
@Suite struct ExpertMatchingTests {
    static let petrova = Expert(id: "E1", surname: "Петрова", name: "Анна", patronymic: "Викторовна", oo: "370045")
    static let petrovaOlga = Expert(id: "E2", surname: "Петрова", name: "Ольга", patronymic: "Ивановна", oo: "370045")
    static let sidorov = Expert(id: "E3", surname: "Сидоров", name: "Павел", patronymic: "Ильич", oo: "370045")
    static let petrovaElsewhere = Expert(id: "E4", surname: "Петрова", name: "Анна", patronymic: "Викторовна", oo: "370099")

    /// A letters field read box by box: each box's letter at `confidence`, plus alternatives.
    static func boxes(_ id: String, _ text: String, confidence: Double = 0.8,
                      alternatives: [Int: [(String, Double)]] = [:], status: FieldReading.Status = .ambiguous) -> FieldReading {
        let cells = Array(text).enumerated().map { index, ch in
            CellReading(key: String(index), rect: PixelRect(x: index * 20, y: 0, width: 18, height: 24), fill: 0.3,
                        character: String(ch), confidence: confidence,
                        alternatives: (alternatives[index] ?? []).map { Alternative(value: $0.0, confidence: $0.1) })
        }
        return FieldReading(id: id, status: text.isEmpty ? .blank : status, value: text.isEmpty ? nil : text,
                            confidence: confidence, cells: cells)
    }

    @Test func aMisreadLetterStillFindsTheExpert() {
        // «ПЕТРОБА»: В read as Б (a hand-print confusion), with В as the second choice.
        let matcher = ExpertMatcher(experts: [Self.petrova, Self.sidorov])
        let outcome = matcher.match(surname: Self.boxes("expertSurname", "ПЕТРОБА", alternatives: [5: [("В", 0.15)]]),
                                    initials: Self.boxes("expertInitials", "АВ"), oo: "370045")
        #expect(outcome.expert == Self.petrova)
        #expect(outcome.candidates.first?.expert == Self.petrova)
    }

    @Test func initialsTellApartTwoExpertsWithOneSurname() {
        let matcher = ExpertMatcher(experts: [Self.petrova, Self.petrovaOlga])
        #expect(matcher.match(surname: Self.boxes("expertSurname", "ПЕТРОВА"), initials: Self.boxes("expertInitials", "ОИ"),
                              oo: "370045").expert == Self.petrovaOlga)
        // Without initials the two cannot be told apart: nobody is accepted, both are offered.
        let unsure = matcher.match(surname: Self.boxes("expertSurname", "ПЕТРОВА"), initials: nil, oo: "370045")
        #expect(unsure.expert == nil)
        #expect(Set(unsure.candidates.map(\.expert.id)) == ["E1", "E2"])
    }

    @Test func anExpertOfTheParticipantsSchoolIsPreferred() {
        let matcher = ExpertMatcher(experts: [Self.petrovaElsewhere, Self.petrova])
        #expect(matcher.match(surname: Self.boxes("expertSurname", "ПЕТРОВА"), initials: Self.boxes("expertInitials", "АВ"),
                              oo: "370045").expert?.id == "E1")
    }

    @Test func aNameOnNobodysListIsNotAccepted() {
        let matcher = ExpertMatcher(experts: [Self.petrova, Self.sidorov])
        let outcome = matcher.match(surname: Self.boxes("expertSurname", "КУЗНЕЦОВА"), initials: Self.boxes("expertInitials", "ЕМ"),
                                    oo: "370045")
        #expect(outcome.expert == nil)
        #expect(matcher.match(surname: Self.boxes("expertSurname", ""), initials: nil, oo: "370045").expert == nil)
    }

    /// The school's three experts, and 40 others elsewhere (one of them a Петрова А.В. too).
    static let school = [petrova, sidorov, Expert(id: "E5", surname: "Кузнецова", name: "Елена", patronymic: "Максимовна", oo: "370045")]
    static let region = school + [petrovaElsewhere] + (0..<39).map { i in
        Expert(id: "R\(i)", surname: ["Волков", "Лебедева", "Морозов", "Новикова", "Соколов"][i % 5] + String(repeating: "а", count: i / 5 % 2),
               name: "Ирина", patronymic: "Олеговна", oo: String(370100 + i))
    }

    @Test func weakLettersFindTheExpertAmongTheSchoolsThree() {
        // «ПЕТРОВА А.В.» read by a weak reader: half the letters wrong (the truth a distant
        // second or absent), the last letter dropped, one initial read.
        let surname = Self.boxes("expertSurname", "ПИТРОБ", confidence: 0.4,
                                 alternatives: [1: [("Е", 0.2)], 3: [("Р", 0.5)], 5: [("В", 0.2)]])
        let outcome = ExpertMatcher(experts: Self.region).match(surname: surname, initials: Self.boxes("expertInitials", "А", confidence: 0.4),
                                                                oo: "370045")
        #expect(outcome.expert == Self.petrova)
    }

    @Test func aOneLetterDifferentExpertWithWeakEvidenceIsQueuedNotGuessed() {
        // Петрова and Ветрова, same initials, one school: the first box is a toss-up.
        let vetrova = Expert(id: "E6", surname: "Ветрова", name: "Анна", patronymic: "Викторовна", oo: "370045")
        let matcher = ExpertMatcher(experts: Self.region + [vetrova])
        let surname = Self.boxes("expertSurname", "БЕТРОВА", confidence: 0.4, alternatives: [0: [("В", 0.3), ("П", 0.25)]])
        let outcome = matcher.match(surname: surname, initials: Self.boxes("expertInitials", "АВ"), oo: "370045")
        #expect(outcome.expert == nil)
        #expect(Set(outcome.candidates.prefix(2).map(\.expert.id)) == ["E1", "E6"])
        #expect(outcome.why?.contains("почти так же") == true)
    }

    // MARK: - In the results

    /// One matched sheet whose expert fields read `surname` / `initials`.
    static func assemble(surname: FieldReading, initials: FieldReading, experts: [Expert]) -> ResultAssembler.Output {
        var extra = ResultsTests.names("ИВАНОВ", "ПЕТР", "СЕРГЕЕВИЧ").filter { !$0.id.hasPrefix("expert") }
        extra += [surname, initials]
        let sheet = ReadingFixtures.sheet(scores: ResultsTests.full, expertTotal: 16, expertVerdict: "зачёт", extra: extra, n: 1)
        return ResultAssembler(template: ReadingFixtures.template, categories: ReadingFixtures.categories, experts: experts)
            .assemble([SheetToMatch(reading: sheet, packet: "vdp-1")], participants: [ResultsTests.people[0]])
    }

    static func expertItems(_ out: ResultAssembler.Output) -> [ReviewQueueItem] {
        out.review.items.filter { $0.fieldID == "expertSurname" }
    }

    @Test func withAListTheResultCarriesTheListsSpellingAndNoItem() {
        let out = Self.assemble(surname: Self.boxes("expertSurname", "ПЕТРОБА", alternatives: [5: [("В", 0.15)]]),
                                initials: Self.boxes("expertInitials", "АВ"), experts: [Self.petrova, Self.sidorov])
        #expect(out.results.first?.expert == "Петрова А.В.")
        #expect(Self.expertItems(out).isEmpty)
        #expect(out.results.first?.provenance.reviewStatus == .auto)
    }

    @Test func withAListAnUnknownNameIsQueuedWithTheBestExperts() throws {
        let out = Self.assemble(surname: Self.boxes("expertSurname", "КУЗНЕЦОВА"), initials: Self.boxes("expertInitials", "ЕМ"),
                                experts: [Self.petrova, Self.sidorov])
        let item = try #require(Self.expertItems(out).first)
        #expect(item.reason == .unreadableName && item.machineValue == "КУЗНЕЦОВА Е.М.")
        #expect(Set(item.candidates.map(\.value)) == ["ПЕТРОВА А.В.", "СИДОРОВ П.И."])
        #expect(out.results.first?.expert == "КУЗНЕЦОВА Е.М." && out.results.first?.provenance.reviewStatus == .pending)
    }

    @Test func withoutAListAnUnsureNameIsQueuedAndASureOneIsNot() {
        let unsure = Self.assemble(surname: Self.boxes("expertSurname", "ПЕТРОВА", status: .ambiguous),
                                   initials: Self.boxes("expertInitials", "АВ", status: .ok), experts: [])
        #expect(Self.expertItems(unsure).map(\.reason) == [.unreadableName])
        #expect(unsure.results.first?.expert == "ПЕТРОВА А.В.")
        let sure = Self.assemble(surname: Self.boxes("expertSurname", "ПЕТРОВА", confidence: 0.999, status: .ok),
                                 initials: Self.boxes("expertInitials", "АВ", confidence: 0.999, status: .ok), experts: [])
        #expect(Self.expertItems(sure).isEmpty)
    }

    @Test func anOperatorsAnswerWithInitialsSettlesTwoExpertsOfOneSurname() {
        // The operator chose the candidate «ПЕТРОВА О.И.»: the initials boxes' misreading no
        // longer matters, and the list's spelling comes out.
        let decided = FieldReading(id: "expertSurname", status: .ok, value: "ПЕТРОВА О.И.", confidence: 1)
        let out = Self.assemble(surname: decided, initials: Self.boxes("expertInitials", "АВ"),
                                experts: [Self.petrova, Self.petrovaOlga])
        #expect(out.results.first?.expert == "Петрова О.И.")
        #expect(Self.expertItems(out).isEmpty)
    }

    @Test func aBlankExpertNameIsQueued() {
        let out = Self.assemble(surname: Self.boxes("expertSurname", ""), initials: Self.boxes("expertInitials", ""),
                                experts: [Self.petrova])
        #expect(Self.expertItems(out).map(\.message) == ["ФИО эксперта не заполнено"])
        #expect(out.results.first?.expert == nil)
    }

    // MARK: - The list itself

    @Test func xmlListLoadsAndValidatesAgainstItsSchema() throws {
        let xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <experts>
              <expert><id>E1</id><surname>Петрова</surname><name>Анна</name><patronymic>Викторовна</patronymic><oo>370045</oo></expert>
              <expert><id>E2</id><surname>Сидоров</surname><name>Павел</name><oo>370045</oo></expert>
              <expert><id>E1</id><surname>Повтор</surname><name>Иван</name><oo>370045</oo></expert>
            </experts>
            """
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("is03-experts-\(UUID().uuidString).xml")
        defer { try? FileManager.default.removeItem(at: url) }
        try Data(xml.utf8).write(to: url)
        let list = try ExpertList.load(from: url)
        #expect(list.experts.map(\.id) == ["E1", "E2"] && list.experts[1].patronymic == nil)
        #expect(list.problems.map(\.line) == [5] && list.problems.first?.kind == .duplicateID)
        // The schema accepts the same shape (the duplicate is the importer's business).
        let schema = RepositoryPaths.root.appendingPathComponent("schemas/experts.xsd")
        #expect(try XMLLint.validate(url, schema: schema).ok)
    }

    @Test func csvRoundTripsThroughTheWriterSynthUses() throws {
        let experts = [Self.petrova, Expert(id: "E;2", surname: "Сидоров", name: "Павел", patronymic: nil, oo: "370045")]
        let list = try ExpertList.parseCSV(ExpertList.encodeCSV(experts), file: "experts.csv")
        #expect(list.experts == experts && list.problems.isEmpty)
    }

    @Test func anXMLListWithADTDIsRefusedNamingTheFile() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("is03-experts-\(UUID().uuidString).xml")
        defer { try? FileManager.default.removeItem(at: url) }
        try Data("<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY a \"b\">]><experts/>".utf8).write(to: url)
        #expect { try ExpertList.load(from: url) } throws: { error in
            "\(error)".contains(url.path)
        }
    }
}
