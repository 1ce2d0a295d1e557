import Foundation
import IS03Core

/// The real handwritten letters (`../shared/data/handwritten-letters`: one folder per letter,
/// 128×128 PNGs, CC BY-SA 4.0, QazaqMNIST from CoMNIST) and their fixed split, the same rule as
/// `training/real_letters.py`: the first 8 hex digits of SHA-256("<letter>/<file name>") modulo
/// 10 give 0–1 test (held back, only measured on), 2 calibration (temperature and accept
/// threshold), 3–9 train. The recogniser and the realistic benchmark therefore never share letters.
public struct RealLetterSet: Sendable {
    public enum Part: String, Sendable, CaseIterable {
        case train, calibration, test
    }

    /// One image of the set.
    public struct Item: Sendable, Hashable {
        public var character: Character
        public var url: URL
    }

    /// The folder names, in the order `training/real_letters.py` lists them.
    public static let letters = Array("АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ")

    public let root: URL

    public init(root: URL) { self.root = root }

    /// The part of the split an image belongs to.
    public static func part(letter: Character, fileName: String) -> Part {
        let digest = SHA256.hex(Array("\(letter)/\(fileName)".utf8))
        let bucket = (UInt64(digest.prefix(8), radix: 16) ?? 0) % 10
        switch bucket {
        case 0, 1: return .test
        case 2: return .calibration
        default: return .train
        }
    }

    /// Every image of `part`, letter by letter and by file name within a letter (a stable
    /// order). Throws when the folder holds no letter folders at all.
    public func items(_ part: Part) throws -> [Item] {
        var found: [Item] = []
        var folders = 0
        for letter in Self.letters {
            let folder = root.appendingPathComponent(String(letter), isDirectory: true)
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { continue }
            folders += 1
            for name in names.sorted() where name.hasSuffix(".png") && Self.part(letter: letter, fileName: name) == part {
                found.append(Item(character: letter, url: folder.appendingPathComponent(name)))
            }
        }
        guard folders > 0 else {
            throw HandwritingError("\(root.path) holds no letter folders (А…Я): point it at the handwritten-letters data set")
        }
        return found
    }

    /// The pixels of one image, decoded to grey.
    public static func image(_ item: Item) throws -> GrayImage {
        try ScanFile(url: item.url).decode(page: 0)
    }
}
