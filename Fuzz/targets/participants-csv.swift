// libFuzzer target: a participant list saved as .csv, through the loader the CLI uses
// (encoding detection, delimiter choice, quoting, row validation, duplicate checks).
import Foundation
@testable import IS03Core

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzParticipantsCSV(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let url = FuzzInput.file(FuzzInput.data(start, count), ext: "csv")
    do {
        let list = try ParticipantList.load(from: url)
        _ = list.byID()
        _ = list.problems.map(\.description)
    } catch {
        _ = String(describing: error)
    }
    return 0
}
