import Foundation

/// What the auditorium column of a participant list (ИС-01) says: an auditorium, «Н» (the
/// pupil did not sit), or something a person must look at.
///
/// Lists are typed by hand in schools, so «Н» comes in every usual spelling: capital or small,
/// with a full stop, after the auditorium it was planned for («0101 Н»), or typed with the
/// Latin letter that looks the same (H, h).
enum AuditoriumColumn: Equatable {
    case auditorium(String)
    case absent
    /// Neither: kept as written and reported with its line.
    case unclear(String)

    /// Cyrillic Н and the Latin letter that looks like it, in both cases.
    static let absentLetters: Set<Character> = ["Н", "н", "H", "h"]

    init(_ text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        let words = trimmed.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\u{00A0}" })
        if let last = words.last, Self.isAbsenceMark(last),
           words.dropLast().allSatisfy({ Self.isAuditoriumNumber($0) }) {
            self = .absent
        } else if Self.isAuditoriumNumber(Substring(trimmed)) {
            self = .auditorium(trimmed)
        } else {
            self = .unclear(trimmed)
        }
    }

    /// The auditorium to record: nil when absent.
    var auditorium: String? {
        switch self {
        case .auditorium(let number), .unclear(let number): number
        case .absent: nil
        }
    }

    /// «Н», «н», «Н.», «H», «h.» (one letter, an optional full stop).
    static func isAbsenceMark(_ word: Substring) -> Bool {
        let letter = word.hasSuffix(".") ? word.dropLast() : word
        return letter.count == 1 && letter.first.map(absentLetters.contains) == true
    }

    /// An auditorium as lists write it: digits, perhaps with a letter or a dash of a building
    /// («0101», «12А», «2-14»); at least one digit.
    static func isAuditoriumNumber(_ word: Substring) -> Bool {
        !word.isEmpty && word.count <= 12 && word.contains(where: \.isNumber)
            && word.allSatisfy { $0.isNumber || $0.isLetter || $0 == "-" || $0 == "/" }
    }
}
