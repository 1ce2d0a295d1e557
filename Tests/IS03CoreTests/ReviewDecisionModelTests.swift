import IS03Core
import Testing

/// The answers each kind of review item takes, and the refusals of everything else.
@Suite struct ReviewDecisionModelTests {
    static let template = ReadingFixtures.template
    static func field(_ id: String) -> ReviewSubject {
        guard let field = template.field(id) else { preconditionFailure("no field \(id) in the test template") }
        return .field(field)
    }
    static let onList: Set = ["P-001", "P-002"]

    func check(_ reason: ReviewReason?, _ subject: ReviewSubject, _ value: String, note: String? = nil) throws(ReviewRefusal) -> ReviewDecision {
        try ReviewDecisionModel(reason: reason, subject: subject).check(value: value, note: note, isOnList: Self.onList.contains)
    }

    func refusal(_ reason: ReviewReason?, _ subject: ReviewSubject, _ value: String, note: String? = nil) -> String? {
        do { _ = try check(reason, subject, value, note: note); return nil } catch { return error.message }
    }

    /// Every reason has at least one answer on every subject the pipeline puts it on.
    @Test(arguments: ReviewReason.allCases)
    func everyReasonIsDecidable(reason: ReviewReason) {
        for subject in [Self.field("crit.П1"), Self.field("expertSurname"), .participant, .page, .sheet, .list] {
            #expect(!ReviewDecisionModel(reason: reason, subject: subject).answers.isEmpty, "\(reason) on \(subject)")
        }
    }

    @Test func subjectsOfStoredFieldIDs() {
        #expect(ReviewSubject(fieldID: "@participant", field: nil) == .participant)
        #expect(ReviewSubject(fieldID: "@page", field: nil) == .page)
        #expect(ReviewSubject(fieldID: "@sheet", field: nil) == .sheet)
        #expect(ReviewSubject(fieldID: "@list", field: nil) == .list)
        #expect(ReviewSubject.baseFieldID("crit.П1#cap-р1") == "crit.П1")
        #expect(ReviewSubject(fieldID: "nonsense", field: nil) == .unknownField("nonsense"))
        #expect(ReviewSubject.participant.label == "Участник")
        #expect(ReviewSubject.page.label != "Участник" && ReviewSubject.sheet.label != "Участник")
    }

    @Test func markItemsTakeTheFieldsValuesAndBlankWhereItFits() throws {
        #expect(try check(.lowConfidenceMark, Self.field("crit.П1"), "2").value == "2")
        #expect(refusal(.lowConfidenceMark, Self.field("crit.П1"), "5")?.contains("0, 1, 2") == true)
        #expect(refusal(.multipleMarks, Self.field("crit.П1"), "12") != nil)
        // «пусто» confirms a truly blank «нет отметки» item; it is stored as the empty value.
        let blank = try check(.noMark, Self.field("crit.П1"), "")
        #expect(blank.answer == .blank && blank.value == "")
        #expect(ReviewDecisionModel(reason: .noMark, subject: Self.field("crit.П1")).answers.first == .blank)
        // A mismatch is about what the expert wrote: a blank is no answer to it.
        #expect(refusal(.totalMismatch, Self.field("expertTotal"), "") != nil)
        #expect(try check(.totalMismatch, Self.field("expertTotal"), "17").value == "17")
        #expect(refusal(.totalMismatch, Self.field("expertTotal"), "21") != nil)
        #expect(try check(.lowConfidenceMark, Self.field("notCompleted"), "1").value == "1")
        #expect(refusal(.lowConfidenceMark, Self.field("notCompleted"), "2") != nil)
    }

    @Test func aSignatureIsThereOrBlank() throws {
        #expect(ReviewDecisionModel(reason: .noMark, subject: Self.field("expertSignature")).answers == [.blank, .value])
        #expect(try check(.noMark, Self.field("expertSignature"), "1").value == "1")
        #expect(refusal(.noMark, Self.field("expertSignature"), "подпись") != nil)
    }

    @Test func verdictTakesItsWordsWhateverTheCaseAndЁ() throws {
        #expect(try check(.verdictMismatch, Self.field("expertVerdict"), "незачет").value == "незачёт")
        #expect(try check(.lowConfidenceMark, Self.field("expertVerdict"), "ЗАЧЁТ").value == "зачёт")
        #expect(refusal(.verdictMismatch, Self.field("expertVerdict"), "1") != nil)
    }

    @Test func digitsAndLettersKeepToTheirAlphabet() throws {
        #expect(try check(.unreadableField, Self.field("variant"), "14").value == "14")
        #expect(try check(.unreadableField, Self.field("documentNumber"), "12 456").value == "12 456")
        #expect(refusal(.unreadableField, Self.field("variant"), "1a") != nil)
        #expect(refusal(.unreadableField, Self.field("variant"), "123456789") != nil)
        #expect(try check(.unreadableName, Self.field("expertSurname"), "седых д.д.").value == "СЕДЫХ Д.Д.")
        #expect(refusal(.unreadableName, Self.field("expertSurname"), "SEDYKH") != nil)
        #expect(refusal(.unreadableName, Self.field("expertSurname"), "") != nil)
    }

    @Test func participantItemsTakeOnlyIdsOnTheList() throws {
        for reason in [ReviewReason.unreadableName, .ambiguousMatch, .noParticipant, .duplicateSheet, .absentWithSheet] {
            #expect(ReviewDecisionModel(reason: reason, subject: .participant).answers == [.participant])
            #expect(try check(reason, .participant, "P-002").value == "P-002")
        }
        // The machine's reading of an unreadable name is no participant id.
        let message = refusal(.unreadableName, .participant, "БЮМЩЮМЮЮЮЮ ВШБ МРПЁМЮВМ")
        #expect(message?.contains("нет в списке участников") == true)
        #expect(refusal(.noParticipant, .participant, "") != nil)
        #expect(refusal(.noParticipant, .participant, "rescan") != nil)
    }

    @Test func pageAndSheetItemsTakeTheirActions() throws {
        #expect(ReviewDecisionModel(reason: .foreignPage, subject: .page).actions == [.notASheet, .rescan])
        #expect(ReviewDecisionModel(reason: .unreadablePage, subject: .page).actions == [.rescan, .notASheet])
        #expect(try check(.foreignPage, .page, "not-a-sheet").value == "not-a-sheet")
        #expect(refusal(.foreignPage, .page, "P-001") != nil)
        #expect(refusal(.foreignPage, .page, "") != nil)
        // The rule's text is not a value, and accepting a rule finding needs a reason.
        #expect(refusal(.ruleViolation, .sheet, "Р1 = 4 while task 2 not attempted") != nil)
        #expect(refusal(.ruleViolation, .sheet, "accept-as-is")?.contains("пояснение") == true)
        #expect(refusal(.ruleViolation, .sheet, "accept-as-is", note: "   ") != nil)
        let accepted = try check(.ruleViolation, .sheet, "accept-as-is", note: "задание 2 выполнено, отметка ошибочна")
        #expect(accepted.answer == .action(.acceptAsIs) && accepted.note == "задание 2 выполнено, отметка ошибочна")
        #expect(try check(.missingSheet, .list, "no-sheet").value == "no-sheet")
        #expect(refusal(.missingSheet, .list, "accept-as-is", note: "x") != nil)
        for reason in [ReviewReason.unknownCategory, .totalMismatch, .verdictMismatch] {
            #expect(ReviewDecisionModel(reason: reason, subject: .sheet).actions == [.acceptAsIs])
        }
    }

    @Test func reasonsOutsideThePipelinesTakeTheSubjectsOwnAnswers() throws {
        let correction = ReviewDecisionModel(reasonCode: "supervisor-correction", fieldID: "crit.П1", field: Self.template.field("crit.П1"))
        #expect(correction.reason == nil && correction.answers == [.value, .blank])
        #expect(throws: ReviewRefusal.self) { try correction.check(value: "5", note: nil, isOnList: { _ in true }) }
        #expect(ReviewDecisionModel(reasonCode: "readingChanged", fieldID: "@participant", field: nil).answers == [.participant])
    }

    @Test func invisibleCharactersAreRefusedEverywhere() {
        #expect(refusal(.lowConfidenceMark, Self.field("crit.П1"), "1\u{0}") != nil)
        #expect(refusal(.noParticipant, .participant, "P-001\u{202E}") != nil)
        #expect(refusal(.unknownCategory, .sheet, "accept-as-is", note: "ок\u{202E}") != nil)
        #expect(refusal(.lowConfidenceMark, .unknownField("x"), String(repeating: "1", count: 201)) != nil)
    }
}
