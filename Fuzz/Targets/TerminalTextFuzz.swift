// The sanitiser and the width functions on any bytes (invalid UTF-8 included). What leaves the
// sanitiser carries no control character and no bidi control, and sanitising twice changes nothing;
// a clipped or wrapped line never exceeds its width (but for one glyph wider than the whole width). The first byte gives the width (1–64).
import Domain
import Foundation

@_cdecl("LLVMFuzzerTestOneInput")
public func terminalTextFuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 0 else { return 0 }
    let all = bytes(data, size)
    let width = Int(all[0] & 0x3F) + 1
    let text = String(decoding: all.dropFirst(), as: UTF8.self)
    for keepNewlines in [false, true] {
        let safe = TerminalText.sanitize(text, keepNewlines: keepNewlines)
        for s in safe.unicodeScalars {
            switch s.value {
            case 0x0A: require(keepNewlines, "a line feed kept")
            case 0x00...0x1F, 0x7F...0x9F: fatalError("control U+\(String(s.value, radix: 16)) left in")
            case 0x202A...0x202E, 0x2066...0x2069, 0x200E, 0x200F, 0x061C: fatalError("bidi control U+\(String(s.value, radix: 16)) left in")
            default: break
            }
        }
        require(TerminalText.sanitize(safe, keepNewlines: keepNewlines) == safe, "sanitising twice changed the text")
    }
    let line = TerminalText.sanitize(text)
    let clipped = DisplayWidth.clip(line, to: width)
    require(DisplayWidth.of(clipped) <= width, "clipped to \(width) columns, got \(DisplayWidth.of(clipped))")
    for wrapped in TextWrap.lines(TerminalText.sanitize(text, keepNewlines: true), width: width) {
        require(DisplayWidth.of(wrapped) <= width || wrapped.count == 1, "wrapped to \(width) columns, got \(DisplayWidth.of(wrapped))")
    }
    return 0
}
