import CCurl
import Foundation

/// An HTTP request as the GetCourse clients need it.
public struct HTTPRequest: Sendable {
    public var method: String
    public var url: URL
    public var headers: [String: String]
    public var body: Data?

    public init(method: String = "GET", url: URL, headers: [String: String] = [:], body: Data? = nil) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
    }
}

public struct HTTPResponse: Sendable {
    public var status: Int
    public var headers: [String: String]
    public var body: Data

    public func header(_ name: String) -> String? { headers[name.lowercased()] }
}

/// A transport failure: the request may or may not have reached the server.
public struct HTTPTransportError: Error, CustomStringConvertible, Sendable {
    public enum Kind: Sendable { case connect, timeout, truncated, tls, redirect, cancelled, other }
    public var kind: Kind
    public var message: String

    public var description: String { message }
}

/// Blocking HTTP over libcurl: timeouts, TLS verification on, gzip, redirects followed only on the
/// same host (so the key in a query string never leaves for another host). One handle per call,
/// so clients may be used from any thread.
public struct HTTPClient: Sendable {
    public var connectTimeout: Double
    public var totalTimeout: Double
    public var maxBodyBytes: Int

    public init(connectTimeout: Double = 10, totalTimeout: Double = 60, maxBodyBytes: Int = 1 << 30) {
        self.connectTimeout = connectTimeout
        self.totalTimeout = totalTimeout
        self.maxBodyBytes = maxBodyBytes
    }

    private static let globalInit: Void = { curl_global_init(Int(CURL_GLOBAL_DEFAULT)) }()

    public func send(_ request: HTTPRequest) throws(HTTPTransportError) -> HTTPResponse {
        var current = request
        for _ in 0..<5 {
            let r = try perform(current)
            guard [301, 302, 303, 307, 308].contains(r.status), let loc = r.header("location"),
                  let next = URL(string: loc, relativeTo: current.url)?.absoluteURL else { return r }
            guard next.host == current.url.host, next.scheme == current.url.scheme, next.port == current.url.port else {
                throw HTTPTransportError(kind: .redirect, message: "redirect to another host (\(next.host ?? "?")) refused")
            }
            current.url = next
            if r.status == 303 { current.method = "GET"; current.body = nil }
        }
        throw HTTPTransportError(kind: .redirect, message: "too many redirects")
    }

    /// Sends a request whose successful (2xx) body is handed to `onData` piece by piece as it
    /// arrives, never collected; an error body is collected into the response as usual. `onData`
    /// returning false, or `isCancelled` turning true (checked several times a second even while the
    /// server is silent), stops the transfer with a `.cancelled` error. `stallSeconds` without a byte
    /// ends it as a timeout. No redirects: a streaming POST has nowhere to be sent again.
    public func stream(_ request: HTTPRequest, stallSeconds: Int = 30, isCancelled: @escaping () -> Bool = { false },
                       onData: @escaping (UnsafeRawBufferPointer) -> Bool) throws(HTTPTransportError) -> HTTPResponse {
        try perform(request, stream: Stream(onData: onData, isCancelled: isCancelled, stallSeconds: stallSeconds))
    }

    private struct Stream {
        var onData: (UnsafeRawBufferPointer) -> Bool
        var isCancelled: () -> Bool
        var stallSeconds: Int
    }

    private final class Sink {
        var body = Data()
        var headers: [String: String] = [:]
        var status = 0
        var limit: Int
        var overflow = false
        var stream: Stream?
        var cancelled = false
        init(limit: Int, stream: Stream?) {
            self.limit = limit
            self.stream = stream
        }
    }

    private func perform(_ request: HTTPRequest, stream: Stream? = nil) throws(HTTPTransportError) -> HTTPResponse {
        _ = Self.globalInit
        guard let h = curl_easy_init() else { throw HTTPTransportError(kind: .other, message: "libcurl could not start") }
        defer { curl_easy_cleanup(h) }
        let sink = Sink(limit: maxBodyBytes, stream: stream)
        let box = Unmanaged.passRetained(sink)
        defer { box.release() }

        _ = curator_setopt_string(h, CURLOPT_URL, request.url.absoluteString)
        _ = curator_setopt_long(h, CURLOPT_NOSIGNAL, 1)
        _ = curator_setopt_string(h, CURLOPT_PROTOCOLS_STR, "http,https")
        _ = curator_setopt_long(h, CURLOPT_FOLLOWLOCATION, 0)
        _ = curator_setopt_long(h, CURLOPT_SSL_VERIFYPEER, 1)
        _ = curator_setopt_long(h, CURLOPT_SSL_VERIFYHOST, 2)
        _ = curator_setopt_long(h, CURLOPT_CONNECTTIMEOUT_MS, Int(connectTimeout * 1000))
        _ = curator_setopt_long(h, CURLOPT_TIMEOUT_MS, Int(totalTimeout * 1000))
        _ = curator_setopt_string(h, CURLOPT_ACCEPT_ENCODING, "")
        _ = curator_setopt_string(h, CURLOPT_USERAGENT, "Curator/1.0 (+libcurl)")
        if let stream {
            _ = curator_setopt_long(h, CURLOPT_LOW_SPEED_LIMIT, 1)
            _ = curator_setopt_long(h, CURLOPT_LOW_SPEED_TIME, stream.stallSeconds)
            _ = curator_setopt_long(h, CURLOPT_NOPROGRESS, 0)
            _ = curator_setopt_pointer(h, CURLOPT_XFERINFODATA, box.toOpaque())
            _ = curator_setopt_xferinfo(h) { ctx, _, _, _, _ in
                let sink = Unmanaged<Sink>.fromOpaque(ctx!).takeUnretainedValue()
                if sink.stream?.isCancelled() == true { sink.cancelled = true; return 1 }
                return 0
            }
        }

        var list: UnsafeMutablePointer<curl_slist>? = nil
        for (k, v) in request.headers { list = curl_slist_append(list, "\(k): \(v)") }
        // libcurl adds "Expect: 100-continue" to larger POSTs; GetCourse does not need the round trip.
        list = curl_slist_append(list, "Expect:")
        defer { curl_slist_free_all(list) }
        _ = curator_setopt_slist(h, CURLOPT_HTTPHEADER, list)

        let bodyCopy = request.body ?? Data()
        let result: CURLcode = bodyCopy.withUnsafeBytes { raw -> CURLcode in
            if request.method == "POST" {
                _ = curator_setopt_long(h, CURLOPT_POST, 1)
                _ = curator_setopt_off(h, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(bodyCopy.count))
                _ = curator_setopt_pointer(h, CURLOPT_POSTFIELDS, UnsafeMutableRawPointer(mutating: raw.baseAddress ?? UnsafeRawPointer(bitPattern: 1)!))
            } else if request.method != "GET" {
                _ = curator_setopt_string(h, CURLOPT_CUSTOMREQUEST, request.method)
            }
            _ = curator_setopt_pointer(h, CURLOPT_WRITEDATA, box.toOpaque())
            _ = curator_setopt_write_function(h, CURLOPT_WRITEFUNCTION) { ptr, size, n, ctx in
                let sink = Unmanaged<Sink>.fromOpaque(ctx!).takeUnretainedValue()
                let count = size * n
                if let stream = sink.stream, (200..<300).contains(sink.status) {
                    if stream.isCancelled() || !stream.onData(UnsafeRawBufferPointer(start: ptr, count: count)) { sink.cancelled = true; return 0 }
                    return count
                }
                if sink.body.count + count > sink.limit { sink.overflow = true; return 0 }
                if let ptr { sink.body.append(UnsafeRawPointer(ptr).assumingMemoryBound(to: UInt8.self), count: count) }
                return count
            }
            _ = curator_setopt_pointer(h, CURLOPT_HEADERDATA, box.toOpaque())
            _ = curator_setopt_write_function(h, CURLOPT_HEADERFUNCTION) { ptr, size, n, ctx in
                let sink = Unmanaged<Sink>.fromOpaque(ctx!).takeUnretainedValue()
                let count = size * n
                guard let ptr else { return count }
                let line = String(decoding: UnsafeRawBufferPointer(start: ptr, count: count), as: UTF8.self)
                if line.hasPrefix("HTTP/") { // a new response (after 100-continue or a redirect)
                    sink.headers = [:]
                    sink.status = line.split(separator: " ").dropFirst().first.flatMap { Int($0) } ?? 0
                }
                if let colon = line.firstIndex(of: ":") {
                    let name = line[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
                    sink.headers[name] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespacesAndNewlines)
                }
                return count
            }
            return curl_easy_perform(h)
        }
        guard result == CURLE_OK else {
            if sink.cancelled { throw HTTPTransportError(kind: .cancelled, message: "request to \(request.url.host ?? "?") cancelled") }
            if sink.overflow { throw HTTPTransportError(kind: .other, message: "response larger than \(maxBodyBytes) bytes") }
            throw Self.transportError(result, url: request.url)
        }
        var status = 0
        _ = curator_getinfo_long(h, CURLINFO_RESPONSE_CODE, &status)
        return HTTPResponse(status: status, headers: sink.headers, body: sink.body)
    }

    /// Names the failure in plain words, with the host but never the query string (it may hold a key).
    static func transportError(_ code: CURLcode, url: URL) -> HTTPTransportError {
        let host = url.host ?? "?"
        switch code {
        case CURLE_COULDNT_RESOLVE_HOST: return .init(kind: .connect, message: "cannot resolve host \(host)")
        case CURLE_COULDNT_CONNECT: return .init(kind: .connect, message: "cannot connect to \(host)")
        case CURLE_OPERATION_TIMEDOUT: return .init(kind: .timeout, message: "\(host) did not answer in time")
        case CURLE_PARTIAL_FILE, CURLE_RECV_ERROR, CURLE_GOT_NOTHING:
            return .init(kind: .truncated, message: "connection to \(host) closed before the reply was complete")
        case CURLE_SSL_CONNECT_ERROR, CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CACERT_BADFILE:
            return .init(kind: .tls, message: "TLS with \(host) failed (\(String(cString: curl_easy_strerror(code))))")
        default: return .init(kind: .other, message: "request to \(host) failed: \(String(cString: curl_easy_strerror(code)))")
        }
    }
}
