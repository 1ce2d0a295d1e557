// libFuzzer target: a stored sheet reading (JSON, as the database keeps it) and the QR payload
// text a scan carries; both arrive from outside the process.
import Foundation
@testable import IS03Core

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSheetReading(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let data = FuzzInput.data(start, count)
    if let reading = try? JSONDecoder().decode(SheetReading.self, from: data) {
        _ = try? JSONEncoder().encode(reading)
    }
    _ = QRPayload(decoding: String(decoding: data, as: UTF8.self))
    return 0
}
