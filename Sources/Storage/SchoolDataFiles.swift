import Domain
import Foundation

/// Reads data/ from disk and hands the bytes to the pure decoder. A missing file or folder is no
/// error: data/school holds only the overrides a school chooses to write.
public enum SchoolDataFiles {
    public static func load(directory: String) throws(SchoolDataError) -> SchoolCatalog {
        let fm = FileManager.default
        var files: [String: Data] = [:]
        for rel in [SchoolCatalogDecoder.schoolFile, SchoolCatalogDecoder.productsFile, SchoolCatalogDecoder.namesFile] {
            if let d = fm.contents(atPath: directory + "/" + rel) { files[rel] = d }
        }
        let folder = directory + "/" + SchoolCatalogDecoder.trainingsFolder
        for name in (try? fm.contentsOfDirectory(atPath: folder)) ?? [] where name.hasSuffix(".json") {
            if let d = fm.contents(atPath: folder + name) { files[SchoolCatalogDecoder.trainingsFolder + name] = d }
        }
        do {
            return try SchoolCatalogDecoder.decode(files: files)
        } catch {
            throw SchoolDataError(file: directory + "/" + error.file, field: error.field, problem: error.problem)
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
