/// One server-sent event: its type ("message" unless named) and its data lines joined by "\n".
public struct ServerSentEvent: Sendable, Equatable {
    public var type: String
    public var data: String

    public init(type: String = "message", data: String) {
        self.type = type
        self.data = data
    }
}

/// The text/event-stream format (WHATWG HTML, "Server-sent events") parsed from raw bytes as they
/// arrive. Lines end in LF, CRLF or CR; a line is decoded only once it is complete, so a chunk
/// boundary inside a multi-byte character (Cyrillic, emoji) or between CR and LF changes nothing.
public struct ServerSentEventParser: Sendable {
    public struct LineTooLong: Error, Equatable { public init() {} }

    /// A line longer than this is not an event anyone sends: stop instead of growing without end.
    public var maxLineBytes: Int
    private var line: [UInt8] = []
    private var afterCR = false
    private var atStart = true
    private var type = ""
    private var data = ""
    private var hasData = false

    public init(maxLineBytes: Int = 4 << 20) { self.maxLineBytes = maxLineBytes }

    /// Feeds the next bytes; returns the events they complete.
    public mutating func feed(_ bytes: some Sequence<UInt8>) throws(LineTooLong) -> [ServerSentEvent] {
        var events: [ServerSentEvent] = []
        for byte in bytes {
            if afterCR {
                afterCR = false
                if byte == 0x0A { continue }
            }
            switch byte {
            case 0x0A, 0x0D:
                afterCR = byte == 0x0D
                if let e = endLine() { events.append(e) }
            default:
                guard line.count < maxLineBytes else { throw LineTooLong() }
                line.append(byte)
            }
        }
        return events
    }

    /// The stream ended: an event without its closing blank line is dropped, as the format says.
    public mutating func finish() {
        line.removeAll()
        type = ""
        data = ""
        hasData = false
    }

    private mutating func endLine() -> ServerSentEvent? {
        defer { line.removeAll(keepingCapacity: true) }
        if atStart {
            atStart = false
            if line.starts(with: [0xEF, 0xBB, 0xBF]) { line.removeFirst(3) }
        }
        if line.isEmpty {
            defer { type = ""; data = ""; hasData = false }
            return hasData ? ServerSentEvent(type: type.isEmpty ? "message" : type, data: data) : nil
        }
        if line[0] == UInt8(ascii: ":") { return nil }
        let colon = line.firstIndex(of: UInt8(ascii: ":")) ?? line.endIndex
        let field = String(decoding: line[..<colon], as: UTF8.self)
        var start = colon < line.endIndex ? colon + 1 : colon
        if start < line.endIndex && line[start] == UInt8(ascii: " ") { start += 1 }
        let value = String(decoding: line[start...], as: UTF8.self)
        switch field {
        case "data":
            data += hasData ? "\n" + value : value
            hasData = true
        case "event": type = value
        default: break // id and retry: the client does not reconnect a chat stream
        }
        return nil
    }
}
