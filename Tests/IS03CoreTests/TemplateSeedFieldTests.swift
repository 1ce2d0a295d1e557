import Foundation
import IS03Core
import IS03TestSupport
import Testing

/// Each shipped template carries the fields of the form it models, field by field, as the seed
/// documents list them (roles, criteria codes, rules). A field added to or dropped from a
/// template without its form doing the same fails here.
@Suite struct TemplateSeedFieldTests {
    /// Seed 004 (ФЦТ letter 4848/02, 2018), Приложение 3 «Бланк итогового собеседования», top to
    /// bottom. Not fields: «Код вида работы 20 СОБЕСЕД» is printed; the column the seed's text
    /// renders as «Номер Буна» is garbled in the seed and names nothing the results carry.
    static let form2018: [(seed: String, role: FieldRole, count: Int)] = [
        ("Дата проведения (ДД-ММ-ГГ)", .examDate, 1), ("Район", .msu, 1), ("Код СО", .oo, 1), ("Класс", .classNumber, 1),
        ("Номер аудитории", .auditorium, 1), ("Номер варианта", .variant, 1), ("Номер КИМ", .kim, 1),
        ("Фамилия", .surname, 1), ("Имя", .name, 1), ("Отчество (при наличии)", .patronymic, 1),
        ("Документ: Серия", .documentSeries, 1), ("Документ: Номер", .documentNumber, 1),
        ("Баллы (1 / 0) по критериям", .criterion, 19),
        ("ФИО эксперта", .expertSurname, 1), ("ФИО эксперта (инициалы)", .expertInitials, 1),
        ("Подпись эксперта", .expertSignature, 1), ("Зачёт / Незачёт", .expertVerdict, 1),
        ("Общее количество баллов", .expertTotal, 1),
        ("Удален с итогового собеседования", .removed, 1), ("Не допущен к итоговому собеседованию", .notAdmitted, 1),
    ]
    /// Seed 004, Приложение 3, criteria in the order printed (the seed's text spells Иск «Исх» and
    /// РО «Р0»: both are letters misread in the seed's scan).
    static let criteria2018 = ["ИЧ", "ТЧ", "П1", "П2", "П3", "П4", "Г", "О", "Р", "Иск", "М1", "М2", "М3", "Д1", "Д2", "Г", "О", "Р", "РО"]

    /// Seed 003 (Ивановская обл., 2022-2023), Приложение 15 «ИС-03. Протокол эксперта», then the
    /// fields is03's bubble form adds as its own design (docs/domain.md: codes, document, КИМ,
    /// «не приступал», and the 2018 sheet's «удалён» / «не допущен»).
    static let form2023: [(seed: String, role: FieldRole, count: Int)] = [
        ("ФИО участника", .surname, 1), ("ФИО участника", .name, 1), ("ФИО участника", .patronymic, 1),
        ("Класс", .classNumber, 1), ("Класс (буква)", .classLetter, 1), ("Номер аудитории", .auditorium, 1),
        ("Номер варианта", .variant, 1), ("Балл, выставленный участнику", .criterion, 19),
        ("Итоговое собеседование: балл", .expertTotal, 1), ("Результат: Зачет / Незачет", .expertVerdict, 1),
        ("Не завершил итоговое собеседование по объективным причинам", .notCompleted, 1),
        ("ФИО эксперта", .expertSurname, 1), ("ФИО эксперта (инициалы)", .expertInitials, 1), ("Подпись", .expertSignature, 1),
        ("Дата", .examDate, 1),
        // is03's own additions.
        ("регион", .region, 1), ("код МСУ", .msu, 1), ("код ОО", .oo, 1), ("Номер КИМ", .kim, 1),
        ("серия документа", .documentSeries, 1), ("номер документа", .documentNumber, 1),
        ("не приступал к заданиям 2 и 3", .taskNotAttempted, 2), ("удалён", .removed, 1), ("не допущен", .notAdmitted, 1),
    ]
    /// Seed 003, Приложение 15, criteria per table (Задания 1, 2, 1-2 речь, 3, 4, 3-4 речь).
    static let criteria2023 = ["ИЧ", "ТЧ", "П1", "П2", "П3", "П4", "Г", "О", "Р", "Иск", "М1", "М2", "М3", "Д1", "Д2", "Г", "О", "Р", "РО"]

    static func roles(_ list: [(seed: String, role: FieldRole, count: Int)]) -> [String: Int] {
        list.reduce(into: [:]) { $0[$1.role.rawValue, default: 0] += $1.count }
    }

    static func roles(of template: Template) -> [String: Int] {
        template.fields.reduce(into: [:]) { $0[$1.role?.rawValue ?? "none", default: 0] += 1 }
    }

    @Test func the2018TemplateHasTheFieldsOfSeed004Appendix3() throws {
        let template = try Template.load(id: "is03-2018", in: RepositoryPaths.templates)
        #expect(Self.roles(of: template) == Self.roles(Self.form2018))
        #expect(template.scoring.criteria.map(\.code) == Self.criteria2018)
        #expect(template.scoring.criteria.allSatisfy { $0.max == 1 })   // «Баллы (1 / 0)»
        #expect(template.scoring.totalMax == 19)
        // Its own rules only: the «РО only if Р = 1» rule is the 2023 criteria's, and the 2018
        // sheet has no «не приступал» flags for a cap to read.
        #expect(template.scoring.rules.isEmpty)
    }

    @Test func the2023TemplateHasTheFieldsOfSeed003Appendix15AndItsOwnAdditions() throws {
        let template = try Template.load(id: "is03-2023", in: RepositoryPaths.templates)
        #expect(Self.roles(of: template) == Self.roles(Self.form2023))
        #expect(template.scoring.criteria.map(\.code) == Self.criteria2023)
        // Seed 003, Приложение 12: the caps and the РО rule.
        #expect(template.scoring.rules.map(\.id).sorted() == ["Р1-cap", "Р2-cap", "РО-needs-Р"])
    }

    /// A valid 2018 sheet (РО = 1 with Р = 0 is allowed there) is not queued for a rule.
    @Test func aValid2018SheetBreaksNoRule() throws {
        let template = try Template.load(id: "is03-2018", in: RepositoryPaths.templates)
        var fields = template.scoring.criteria.map { FieldReading(id: $0.field, status: .ok, value: "1", confidence: 0.99) }
        fields.removeAll { $0.id == "crit.Р2.Р" }
        fields.append(FieldReading(id: "crit.Р2.Р", status: .ok, value: "0", confidence: 0.99))
        let reading = SheetReading(source: PageSource(file: "a.png", page: 0, sha256: String(repeating: "a", count: 64)),
                                   pageClass: .sheet, templateID: template.id, orientation: 0, fields: fields)
        let score = ScoringEngine(template: template, categories: CategoryTable.standardOnly(for: template)).score(reading, categoryID: nil)
        #expect(score.total == 18 && !score.findings.contains { $0.reason == .ruleViolation })
    }
}
