import Domain
import Foundation

/// Reads a school's files from data/ and hands the bytes to the pure decoder. A missing file or
/// folder is no error: data/school holds only the overrides a school chooses to write.
public enum SchoolDataFiles {
    /// The school's own overrides over what Curator learns from its account.
    public static let overrides = "school"
    /// The demo's simulated school, "Skyline English", in full (the mock serves it; never a real account's).
    public static let demo = "demo-school"

    public static func load(directory: String, folder: String = overrides) throws(SchoolDataError) -> SchoolCatalog {
        let fm = FileManager.default
        let root = directory + "/" + folder + "/"
        // The decoder names files as under school/; they are read from `folder`.
        func onDisk(_ name: String) -> String { root + name.dropFirst("school/".count) }
        var files: [String: Data] = [:]
        for rel in [SchoolCatalogDecoder.schoolFile, SchoolCatalogDecoder.productsFile, SchoolCatalogDecoder.namesFile] {
            if let d = fm.contents(atPath: onDisk(rel)) { files[rel] = d }
        }
        let trainings = onDisk(SchoolCatalogDecoder.trainingsFolder)
        for name in (try? fm.contentsOfDirectory(atPath: trainings)) ?? [] where name.hasSuffix(".json") {
            if let d = fm.contents(atPath: trainings + name) { files[SchoolCatalogDecoder.trainingsFolder + name] = d }
        }
        do {
            return try SchoolCatalogDecoder.decode(files: files)
        } catch {
            throw SchoolDataError(file: onDisk(error.file), field: error.field, problem: error.problem)
        }
    }

    /// `CURATOR_DATA`, else the `data/` folder beside the executable or any of its parents
    /// (a build tree inside the checkout), else the checkout this was compiled from.
    public static func locate(environment: [String: String] = ProcessInfo.processInfo.environment, executable: String = CommandLine.arguments.first ?? "") -> String {
        if let d = environment["CURATOR_DATA"], !d.isEmpty { return d }
        let fm = FileManager.default
        var dir = URL(fileURLWithPath: executable).resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<8 {
            if fm.fileExists(atPath: dir.appendingPathComponent("data/knowledge-base").path) { return dir.appendingPathComponent("data").path }
            dir.deleteLastPathComponent()
        }
        let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return source.appendingPathComponent("data").path
    }
}
