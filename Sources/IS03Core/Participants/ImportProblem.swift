/// A row or element of an imported list that was skipped or looks wrong, with where it is.
/// Import never stops at the first bad row: every problem is collected so the operator can fix
/// the file in one pass.
public struct ImportProblem: Sendable, Hashable, CustomStringConvertible {
    public enum Kind: String, Sendable, Hashable, Codable {
        /// The row could not be used (missing or malformed column); it was skipped.
        case invalidRow
        /// Another row already used this id; the later row was skipped.
        case duplicateID
        /// Same ФИО and identity document as an earlier row (kept, but reported).
        case duplicatePerson
        /// The file itself could not be read (encoding, header, XML structure).
        case invalidFile
        /// The auditorium column holds neither a number nor an absence mark («Н»): the row is
        /// kept as present, so a missing sheet shows up in review rather than a pupil vanishing.
        case unclearAuditorium
    }

    public var kind: Kind
    /// The file, as given to the loader.
    public var file: String
    /// One-based line number (CSV) or the XML parser's line; 0 when the whole file is meant.
    public var line: Int
    public var message: String

    public init(kind: Kind, file: String, line: Int, message: String) {
        self.kind = kind; self.file = file; self.line = line; self.message = message
    }

    public var description: String { "\(file):\(line): \(message)" }
}

/// A list that could not be imported at all (unreadable file, missing header, unsafe XML).
public struct ImportError: Error, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var message: String
    public init(file: String, line: Int = 0, message: String) {
        self.file = file; self.line = line; self.message = message
    }
    public var description: String { "\(file):\(line): \(message)" }
}
