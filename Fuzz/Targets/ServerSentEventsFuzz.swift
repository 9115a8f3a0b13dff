// The event-stream parser and the chat accumulator over its events. The first byte picks where the
// stream is cut in two: the events must not depend on how the bytes arrived.
import Domain
import Foundation

@_cdecl("LLVMFuzzerTestOneInput")
public func serverSentEventsFuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 0 else { return 0 }
    let all = bytes(data, size)
    let stream = Array(all.dropFirst())
    let cut = stream.isEmpty ? 0 : Int(all[0]) % (stream.count + 1)

    var whole = ServerSentEventParser(maxLineBytes: 1 << 12)
    var split = ServerSentEventParser(maxLineBytes: 1 << 12)
    let once = try? whole.feed(stream)
    var parts: [ServerSentEvent]? = try? split.feed(stream[..<cut])
    if let first = parts, let rest = try? split.feed(stream[cut...]) { parts = first + rest } else { parts = nil }
    require(once == parts, "events differ when the stream is cut at \(cut)")

    var chat = ChatStreamAccumulator()
    for event in once ?? [] {
        guard (try? chat.apply(event)) != nil else { break }
    }
    _ = try? chat.finish()
    return 0
}
