// libFuzzer target: a form template (JSON) through decoding and validation, as
// `is03 template check` and every command that loads a template do it.
import Foundation
@testable import IS03Core

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTemplate(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let data = FuzzInput.data(start, count)
    do {
        let template = try Template.decode(data, file: "fuzz.json")
        // A template that passed validation is used to lay out every cell; do what the
        // printer and the reader do first.
        for field in template.fields { _ = field.cells(defaults: template.defaults) }
    } catch {
        _ = String(describing: error)  // the message a user would see must build too
    }
    return 0
}
