import Foundation
import Hummingbird
import Integrations
import Testing

struct HTTPClientTests {
    private func serve(_ router: Router<BasicRequestContext>) async throws -> (Int, Task<Void, any Error>) {
        let (stream, cont) = AsyncStream<Int>.makeStream()
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
                              onServerRunning: { cont.yield($0.localAddress?.port ?? 0); cont.finish() })
        let task = Task { try await app.run() }
        var port = 0
        for await p in stream { port = p }
        return (port, task)
    }

    private func send(_ url: String) async throws -> Integrations.HTTPResponse {
        try await withCheckedThrowingContinuation { c in
            DispatchQueue.global().async {
                c.resume(with: Result { () throws(HTTPTransportError) in try HTTPClient(totalTimeout: 30).send(Integrations.HTTPRequest(url: URL(string: url)!)) })
            }
        }
    }

    /// The legacy key travels in the query string: a redirect may keep it only on the same host.
    @Test func redirectsAreFollowedOnlyOnTheSameHost() async throws {
        let router = Router()
        router.get("/old") { _, _ in Response(status: .found, headers: [.location: "/new?x=1"]) }
        router.get("/new") { _, _ in "Привет, ё" }
        router.get("/away") { _, _ in Response(status: .found, headers: [.location: "http://127.0.0.2:1/steal"]) }
        let (port, task) = try await serve(router)
        defer { task.cancel() }
        let followed = try await send("http://127.0.0.1:\(port)/old")
        #expect(followed.status == 200)
        #expect(String(decoding: followed.body, as: UTF8.self) == "Привет, ё")
        do {
            _ = try await send("http://127.0.0.1:\(port)/away?key=secret")
            Issue.record("a redirect to another host must be refused")
        } catch let e as HTTPTransportError {
            #expect(e.kind == .redirect)
            #expect(!e.description.contains("secret"))
        }
    }

    @Test func gzipBodiesAreDecoded() async throws {
        let router = Router()
        let text = String(repeating: "Домашнее задание проверено. ", count: 200)
        let gz = try await CuratorProcess.offPool { try Self.gzip(Data(text.utf8)) }
        router.get("/gz") { req, _ -> Response in
            // Only answer compressed when the client asked for it.
            guard (req.headers[.acceptEncoding] ?? "").contains("gzip") else { return Response(status: .notAcceptable) }
            return Response(status: .ok, headers: [.contentEncoding: "gzip"], body: .init(byteBuffer: ByteBuffer(bytes: gz)))
        }
        let (port, task) = try await serve(router)
        defer { task.cancel() }
        let r = try await send("http://127.0.0.1:\(port)/gz")
        #expect(r.status == 200)
        #expect(String(decoding: r.body, as: UTF8.self) == text)
    }

    static func gzip(_ data: Data) throws -> Data {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/gzip")
        p.arguments = ["-c"]
        let input = Pipe(), output = Pipe()
        p.standardInput = input
        p.standardOutput = output
        try p.run()
        input.fileHandleForWriting.write(data)
        try input.fileHandleForWriting.close()
        let out = output.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return out
    }
}
