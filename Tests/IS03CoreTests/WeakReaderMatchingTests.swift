import Foundation
import IS03Core
import Testing

/// Matching with a reader as weak as today's on real hand print (see `NoisyReadings.weak`)
/// against lists with three distractors per participant: never a wrong automatic match, and
/// most sheets still matched automatically because every field counts.
@Suite struct WeakReaderMatchingTests {
    /// One letter of `surname` (not the first) replaced by another letter.
    static func oneLetterOff(_ surname: String, rng: inout SeededRandom) -> String {
        var letters = Array(surname)
        let at = Int.random(in: 1..<letters.count, using: &rng)
        let other = Array("АБВГДЕЖЗИКЛМНОПРСТУФХЦЧШЩЫЭЮЯ".lowercased()).filter { $0 != letters[at] }
        letters[at] = other.randomElement(using: &rng)!
        return String(letters)
    }

    /// The sitters of a small region plus three distractors each: the same ФИО in another
    /// school, a one-letter-different surname with the same name and patronymic in the same
    /// auditorium, and someone else in the same auditorium. Distractors sat no exam.
    static func listWithDistractors(_ sitters: [Participant], seed: UInt64) -> [Participant] {
        var rng = SeededRandom(seed: seed, stream: "distractors")
        let schools = Array(Set(sitters.map(\.oo))).sorted()
        var list = sitters
        for p in sitters {
            func distractor(_ tag: String) -> Participant {
                var d = p
                d.id = p.id + tag
                d.documentNumber = String(Int.random(in: 100000...999999, using: &rng))
                d.documentSeries = String(Int.random(in: 1000...9999, using: &rng))
                return d
            }
            var namesake = distractor("a")
            namesake.oo = schools.filter { $0 != p.oo }.randomElement(using: &rng)!
            var nearly = distractor("b")
            nearly.surname = oneLetterOff(p.surname, rng: &rng)
            var other = distractor("c")
            let someone = RussianNames.random(using: &rng)
            other.surname = someone.surname; other.name = someone.name; other.patronymic = someone.patronymic
            list += [namesake, nearly, other]
        }
        return list
    }

    @Test func noWrongAutomaticMatchAmongDistractorsWithAWeakReader() {
        var sheets = 0, accepted = 0, wrong = 0
        for seed in UInt64(1)...4 {
            let sitters = NoisyReadings.region(schools: 3, auditoriums: 2, perAuditorium: 15, seed: 500 + seed)
            var order = SeededRandom(seed: seed, stream: "list order")
            let list = Self.listWithDistractors(sitters, seed: seed).shuffled(using: &order)
            var rng = SeededRandom(seed: seed, stream: "weak reader")
            let input = sitters.enumerated().map { i, p in
                SheetToMatch(reading: NoisyReadings.weak.sheet(for: p, index: i, rng: &rng), packet: "\(p.oo)-\(p.auditorium ?? "")")
            }
            let report = Reconciler(template: ReadingFixtures.template).reconcile(input, participants: list)
            for m in report.matches where m.accepted {
                accepted += 1
                if m.participantID != sitters[m.sheetIndex].id { wrong += 1 }
            }
            sheets += sitters.count
        }
        let rate = Double(accepted - wrong) / Double(sheets)
        print("weak reader, 3× distractors: \(sheets) sheets, \(accepted) accepted (\(String(format: "%.1f", rate * 100)) %), \(wrong) wrong")
        #expect(wrong == 0)
        #expect(rate >= 0.7)
    }
}

/// The expert's ФИО with the weak reader: 43 experts, three per school, one-letter-different
/// surnames in the same school for a third of them.
@Suite struct WeakReaderExpertTests {
    @Test func noWrongExpertAndMostFoundWithAWeakReader() {
        var rng = SeededRandom(seed: 43, stream: "experts")
        var experts: [Expert] = []
        for school in 0..<15 {
            for k in 0..<3 {
                let person = RussianNames.random(using: &rng)
                var surname = person.surname
                if k == 1, school % 3 == 0 {  // a near-namesake of the school's first expert
                    surname = WeakReaderMatchingTests.oneLetterOff(experts[experts.count - 1].surname, rng: &rng)
                }
                experts.append(Expert(id: "E\(school)-\(k)", surname: surname, name: person.name,
                                      patronymic: person.patronymic, oo: String(370001 + school * 7)))
            }
        }
        experts = Array(experts.prefix(43))
        let matcher = ExpertMatcher(experts: experts)
        var accepted = 0, wrong = 0
        let trials = 600
        for i in 0..<trials {
            let expert = experts[i % experts.count]
            let surname = NoisyReadings.weak.letters(expert.surname, fieldID: "expertSurname", boxes: 20, rng: &rng)
            let initials = NoisyReadings.weak.letters(ExpertMatcher.initialsText(of: expert), fieldID: "expertInitials", boxes: 2, rng: &rng)
            guard let found = matcher.match(surname: surname, initials: initials, oo: expert.oo).expert else { continue }
            accepted += 1
            if found != expert { wrong += 1 }
        }
        print("weak reader, experts: \(trials) sheets, \(accepted) accepted, \(wrong) wrong")
        #expect(wrong == 0)
        #expect(Double(accepted - wrong) / Double(trials) >= 0.65)
    }
}
