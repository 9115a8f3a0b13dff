import Domain
import Foundation
import Storage
import Testing

struct SchoolCatalogTests {
    @Test func theShippedSchoolLoadsAndIsComplete() {
        let c = TestSupport.catalog
        #expect(c.school.name == "Skyline English")
        let titles = Set(c.trainings.map(\.title))
        for t in ["General English A2", "General English B1", "General English B2", "IELTS Preparation", "Speaking Club"] {
            #expect(titles.contains(t))
        }
        for t in c.trainings {
            #expect(t.lessons.count >= 12)
            let kinds = Set(t.lessons.flatMap { $0.homework.map(\.kind) })
            #expect(kinds == [.multipleChoice, .gapFill, .wordOrder, .translation, .essay], "\(t.title)")
        }
        #expect(c.products.allSatisfy { $0.priceRub > 0 && $0.durationDays > 0 })
        #expect(!c.names.hostile.isEmpty)
        let kb = (try? FileManager.default.contentsOfDirectory(atPath: TestSupport.dataDir + "/knowledge-base")) ?? []
        #expect(kb.filter { $0.hasSuffix(".md") }.count >= 90)
    }

    private func files(editing name: String, _ edit: (inout Any) -> Void) throws -> [String: Data] {
        var files: [String: Data] = [:]
        let base = TestSupport.dataDir + "/demo-school/"
        for rel in ["school.json", "products.json", "names.json"] { files["school/" + rel] = FileManager.default.contents(atPath: base + rel) }
        for f in try FileManager.default.contentsOfDirectory(atPath: base + "trainings") {
            files["school/trainings/" + f] = FileManager.default.contents(atPath: base + "trainings/" + f)
        }
        var obj = try JSONSerialization.jsonObject(with: files[name]!)
        edit(&obj)
        files[name] = try JSONSerialization.data(withJSONObject: obj)
        return files
    }

    private func error(_ files: [String: Data]) -> SchoolDataError? {
        do { _ = try SchoolCatalogDecoder.decode(files: files); return nil } catch { return error }
    }

    @Test func aMissingFieldIsNamedWithItsFileAndPath() throws {
        let files = try files(editing: "school/trainings/ge-b1.json") { o in
            var t = o as! [String: Any]
            var lessons = t["lessons"] as! [[String: Any]]
            lessons[3]["id"] = nil
            t["lessons"] = lessons
            o = t
        }
        let e = try #require(error(files))
        #expect(e.file == "school/trainings/ge-b1.json")
        #expect(e.field == "lessons[3].id")
        #expect(e.description.contains("ge-b1.json") && e.description.contains("lessons[3].id"))
    }

    @Test func aWrongTypeIsNamed() throws {
        let files = try files(editing: "school/products.json") { o in
            var p = o as! [[String: Any]]
            p[1]["price_rub"] = "дорого"
            o = p
        }
        let e = try #require(error(files))
        #expect(e.file == "school/products.json")
        #expect(e.field == "[1].price_rub")
    }

    @Test func semanticErrorsAreNamed() throws {
        let wrongAnswer = try files(editing: "school/trainings/ielts.json") { o in
            var t = o as! [String: Any]
            var lessons = t["lessons"] as! [[String: Any]]
            var hw = lessons[0]["homework"] as! [[String: Any]]
            hw[0]["answers"] = ["z"]
            lessons[0]["homework"] = hw
            t["lessons"] = lessons
            o = t
        }
        #expect(error(wrongAnswer)?.field == "lessons[0].homework[0].answers")
        let unknownTraining = try files(editing: "school/products.json") { o in
            var p = o as! [[String: Any]]
            p[0]["training_slugs"] = ["ge-c3"]
            o = p
        }
        #expect(error(unknownTraining)?.problem.contains("ge-c3") == true)
    }

    @Test func brokenJSONAndMissingFilesAreNamed() throws {
        var files = try files(editing: "school/names.json") { _ in }
        files["school/names.json"] = Data("{ not json".utf8)
        #expect(error(files) == SchoolDataError(file: "school/names.json", field: "", problem: "not valid JSON"))
    }

    /// data/school holds overrides only: no files at all is a school Curator learns wholly from the
    /// account, and a training file may state just what the account cannot say.
    @Test func everyFileIsOptionalAndATrainingNeedsOnlyItsIdAndTitle() throws {
        #expect(try SchoolCatalogDecoder.decode(files: [:]) == .empty)
        let partial = try SchoolCatalogDecoder.decode(files: ["school/trainings/x.json": Data(#"{"id": 7, "title": "Grammar", "lessons": [{"id": 70, "number": 3}]}"#.utf8)])
        #expect(partial.trainings.map(\.title) == ["Grammar"] && partial.trainings[0].homeworkRequired)
        #expect(partial.allLessons.map(\.number) == [3] && partial.allLessons[0].opensAfterDays == nil && partial.allLessons[0].viewGroupId == nil)
        #expect(partial.school.utcOffsetHours == 3 && partial.products.isEmpty)
    }
}
