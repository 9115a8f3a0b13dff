// A homework answer split into items. The first byte gives the item count (0–15) and whether the
// last item is an essay; every item number found must be one the homework has.
import Domain
import Foundation

@_cdecl("LLVMFuzzerTestOneInput")
public func answerParserFuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 0 else { return 0 }
    let all = bytes(data, size)
    let itemCount = Int(all[0] & 0x0F), lastIsEssay = all[0] & 0x10 != 0
    let text = String(decoding: all.dropFirst(), as: UTF8.self)
    let parsed = AnswerParser.parse(text, itemCount: itemCount, lastIsEssay: lastIsEssay)
    require(parsed.items.keys.allSatisfy { (1...max(itemCount, 1)).contains($0) }, "item numbers \(parsed.items.keys.sorted()) for \(itemCount) items")
    require(parsed.ambiguity == nil || parsed.items.isEmpty, "an ambiguous answer still gave items")
    return 0
}
