import Foundation

/// A minimal forward JSON reader over bytes, for export payloads too large for a DOM: a 200k-row
/// deals export is ~70 MB of JSON and 12M cells, which Foundation would materialise all at once.
/// It reads strings, scalars-as-text and string arrays, and skips anything else.
struct JSONCursor {
    struct Failure: Error { var offset: Int; var reason: String }

    let bytes: UnsafeRawBufferPointer
    var i: Int

    init(_ bytes: UnsafeRawBufferPointer, at offset: Int = 0) {
        self.bytes = bytes
        i = offset
    }

    @inline(__always) mutating func skipSpace() {
        while i < bytes.count {
            let c = bytes[i]
            if c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 { i += 1 } else { return }
        }
    }

    @inline(__always) mutating func peek() -> UInt8? {
        skipSpace()
        return i < bytes.count ? bytes[i] : nil
    }

    mutating func expect(_ c: UInt8) throws(Failure) {
        guard peek() == c else { throw Failure(offset: i, reason: "expected '\(Character(Unicode.Scalar(c)))'") }
        i += 1
    }

    /// After a value inside a container: true if a `,` followed (another element), false at `close`.
    mutating func next(close: UInt8) throws(Failure) -> Bool {
        switch peek() {
        case UInt8(ascii: ","): i += 1; return true
        case close: i += 1; return false
        default: throw Failure(offset: i, reason: "expected ',' or '\(Character(Unicode.Scalar(close)))'")
        }
    }

    /// Iterates the keys of an object; `body` must consume the value.
    mutating func object(_ body: (inout JSONCursor, String) throws(Failure) -> Void) throws(Failure) {
        try members { (c: inout JSONCursor) throws(Failure) in
            let key = try c.string()
            try c.expect(UInt8(ascii: ":"))
            try body(&c, key)
        }
    }

    /// Iterates the members of an object; `member` must consume the key, the colon and the value.
    private mutating func members(_ member: (inout JSONCursor) throws(Failure) -> Void) throws(Failure) {
        try expect(UInt8(ascii: "{"))
        if peek() == UInt8(ascii: "}") { i += 1; return }
        repeat { try member(&self) } while try next(close: UInt8(ascii: "}"))
    }

    /// Iterates the elements of an array; `body` must consume each element.
    mutating func array(_ body: (inout JSONCursor) throws(Failure) -> Void) throws(Failure) {
        try expect(UInt8(ascii: "["))
        if peek() == UInt8(ascii: "]") { i += 1; return }
        repeat { try body(&self) } while try next(close: UInt8(ascii: "]"))
    }

    /// Bytes as text through the standard library's fast UTF-8 path (typed buffer, not raw).
    @inline(__always) private func utf8(_ from: Int, _ to: Int) -> String {
        String(decoding: UnsafeBufferPointer(start: bytes.baseAddress!.assumingMemoryBound(to: UInt8.self) + from, count: to - from), as: UTF8.self)
    }

    mutating func string() throws(Failure) -> String {
        try expect(UInt8(ascii: "\""))
        let start = i
        // Fast path: no escapes, the bytes are the UTF-8 of the string.
        while i < bytes.count {
            let c = bytes[i]
            if c == UInt8(ascii: "\"") {
                let s = utf8(start, i)
                i += 1
                return s
            }
            if c == UInt8(ascii: "\\") { break }
            i += 1
        }
        var out = [UInt8](UnsafeRawBufferPointer(rebasing: bytes[start..<i]))
        while i < bytes.count {
            let c = bytes[i]
            i += 1
            if c == UInt8(ascii: "\"") { return String(decoding: out, as: UTF8.self) }
            guard c == UInt8(ascii: "\\") else { out.append(c); continue }
            guard i < bytes.count else { break }
            let e = bytes[i]
            i += 1
            switch e {
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "u"):
                var scalar = try hex4()
                if (0xD800..<0xDC00).contains(scalar), i + 1 < bytes.count, bytes[i] == UInt8(ascii: "\\"), bytes[i + 1] == UInt8(ascii: "u") {
                    i += 2
                    let low = try hex4()
                    scalar = (0xDC00..<0xE000).contains(low) ? 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00) : 0xFFFD
                }
                out.append(contentsOf: Array(String(Unicode.Scalar(scalar) ?? "\u{FFFD}").utf8))
            default: out.append(e) // \" \\ \/
            }
        }
        throw Failure(offset: i, reason: "unterminated string")
    }

    private mutating func hex4() throws(Failure) -> UInt32 {
        guard i + 4 <= bytes.count else { throw Failure(offset: i, reason: "short \\u escape") }
        var v: UInt32 = 0
        for _ in 0..<4 {
            let c = bytes[i]
            i += 1
            let d: UInt8
            switch c {
            case 0x30...0x39: d = c - 0x30
            case 0x41...0x46: d = c - 0x37
            case 0x61...0x66: d = c - 0x57
            default: throw Failure(offset: i, reason: "bad \\u escape")
            }
            v = v << 4 | UInt32(d)
        }
        return v
    }

    /// A number, true, false or null, as its text ("" for null).
    mutating func scalarText() throws(Failure) -> String {
        let start = try skipScalar()
        let text = utf8(start, i)
        return text == "null" ? "" : text
    }

    /// Moves past a number, true, false or null; returns where it started.
    private mutating func skipScalar() throws(Failure) -> Int {
        skipSpace()
        let start = i
        while i < bytes.count {
            let c = bytes[i]
            if c == UInt8(ascii: ",") || c == UInt8(ascii: "]") || c == UInt8(ascii: "}") || c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 { break }
            i += 1
        }
        guard i > start else { throw Failure(offset: i, reason: "expected a value") }
        return start
    }

    /// Any value as text: strings as themselves, scalars as their literal, containers skipped.
    mutating func text() throws(Failure) -> String {
        switch peek() {
        case UInt8(ascii: "\""): return try string()
        case UInt8(ascii: "["), UInt8(ascii: "{"): try skip(); return ""
        default: return try scalarText()
        }
    }

    /// Moves past a string without building it: validating and counting an export touches every
    /// cell, and most of them are never read.
    mutating func skipString() throws(Failure) {
        try expect(UInt8(ascii: "\""))
        while i < bytes.count {
            let c = bytes[i]
            i += 1
            if c == UInt8(ascii: "\"") { return }
            guard c == UInt8(ascii: "\\") else { continue }
            guard i < bytes.count else { break }
            if bytes[i] == UInt8(ascii: "u") {
                i += 1
                _ = try hex4()
            } else {
                i += 1
            }
        }
        throw Failure(offset: i, reason: "unterminated string")
    }

    mutating func skip() throws(Failure) {
        switch peek() {
        case UInt8(ascii: "\""): try skipString()
        case UInt8(ascii: "["): try array { (c: inout JSONCursor) throws(Failure) in try c.skip() }
        case UInt8(ascii: "{"):
            try members { (c: inout JSONCursor) throws(Failure) in
                try c.skipString()
                try c.expect(UInt8(ascii: ":"))
                try c.skip()
            }
        default: _ = try skipScalar()
        }
    }
}
