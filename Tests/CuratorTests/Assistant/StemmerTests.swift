import Domain
import Foundation
import Testing

/// The Swift ports against the reference Snowball output (Tests/Fixtures/stemming, see generate.py).
@Suite struct StemmerTests {
    static func golden(_ name: String) throws -> [(word: String, stem: String)] {
        let path = TestSupport.repoRoot.appendingPathComponent("Tests/Fixtures/stemming/\(name).tsv").path
        let text = try String(contentsOfFile: path, encoding: .utf8)
        return text.split(separator: "\n").map { line in
            let parts = line.split(separator: "\t", omittingEmptySubsequences: false)
            return (String(parts[0]), String(parts[1]))
        }
    }

    @Test(arguments: ["russian", "english"])
    func portMatchesTheReferenceWordForWord(language: String) throws {
        let pairs = try Self.golden(language)
        #expect(pairs.count > 5000)
        func stem(_ w: String) -> String { language == "russian" ? RussianStemmer.stem(w) : EnglishStemmer.stem(w) }
        var wrong: [String] = []
        for (word, reference) in pairs {
            let ours = stem(word)
            if ours != reference { wrong.append("\(word) → \(ours) (reference \(reference))") }
        }
        #expect(wrong.isEmpty, "\(wrong.count) differ, e.g. \(wrong.prefix(12))")
    }

    @Test func knownStems() {
        #expect(RussianStemmer.stem("занятиями") == "занят")
        #expect(RussianStemmer.stem("ёлка") == "елк")
        #expect(RussianStemmer.stem("продлевается") == "продлева")
        #expect(EnglishStemmer.stem("generously") == "generous")
        #expect(EnglishStemmer.stem("dying") == "die")
        #expect(EnglishStemmer.stem("skies") == "sky")
    }
}
