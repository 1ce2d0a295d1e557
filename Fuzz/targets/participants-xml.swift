// libFuzzer target: a participant list saved as .xml, through the loader the CLI uses
// (encoding detection, DTD/entity refusal, XMLParser, element tree, row validation).
import Foundation
@testable import IS03Core

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzParticipantsXML(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let url = FuzzInput.file(FuzzInput.data(start, count), ext: "xml")
    do {
        let list = try ParticipantList.load(from: url)
        _ = list.byID()
        _ = list.problems.map(\.description)
    } catch {
        _ = String(describing: error)
    }
    return 0
}
