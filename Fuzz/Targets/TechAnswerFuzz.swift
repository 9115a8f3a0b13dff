// A Tech API v1 answer and every record mapper over its list.
import Domain
import Foundation

@_cdecl("LLVMFuzzerTestOneInput")
public func techAnswerFuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard case .records(let records) = TechAnswer.read(Data(bytes(data, size))) else { return 0 }
    let mapper = TechRecordMapper()
    for r in records {
        _ = mapper.training(r)
        _ = mapper.lessonAnswer(r)
        _ = mapper.dialog(r, userId: 1)
        _ = mapper.message(r, dialogId: 1, studentId: 1)
    }
    return 0
}
