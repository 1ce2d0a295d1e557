/// Why a scan file or one of its pages could not be used. The message names the file (and the
/// page) and says what to do about it; the process never crashes on a bad file.
public struct ScanInputError: Error, CustomStringConvertible, Sendable, Hashable {
    /// What kind of problem it is, for code that reacts differently (a struct over a private
    /// enum so new kinds can be added without breaking callers).
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Value: String, Sendable { case unreadableFile, empty, notAnImage, truncated, tooLarge, undecodable, noSuchPage, noScannedImage }
        private let value: Value
        private init(_ value: Value) { self.value = value }
        /// The file could not be opened or read.
        public static let unreadableFile = Code(.unreadableFile)
        /// The file has no bytes.
        public static let empty = Code(.empty)
        /// The bytes are not PNG, JPEG, TIFF or PDF.
        public static let notAnImage = Code(.notAnImage)
        /// The file ends before its image data does.
        public static let truncated = Code(.truncated)
        /// The header declares dimensions beyond `ImageLimits` (a decompression bomb or a wrong file).
        public static let tooLarge = Code(.tooLarge)
        /// The decoder rejected the image data.
        public static let undecodable = Code(.undecodable)
        /// The page index is past the last page.
        public static let noSuchPage = Code(.noSuchPage)
        /// A PDF page holds no single scanned image (text, a drawing, or several images).
        public static let noScannedImage = Code(.noScannedImage)
        public var description: String { value.rawValue }
    }

    public var code: Code
    public var file: String
    /// Zero-based page, when the problem concerns one page of the file.
    public var page: Int?
    public var message: String

    public init(code: Code, file: String, page: Int? = nil, message: String) {
        self.code = code; self.file = file; self.page = page; self.message = message
    }

    public var description: String {
        let place = page.map { "\(file), page \($0 + 1)" } ?? file
        return "\(place): \(message)"
    }
}
