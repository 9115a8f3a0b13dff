import Foundation

/// A data file that cannot be used, named by file and field.
public struct SchoolDataError: Error, Equatable, CustomStringConvertible, Sendable {
    public var file: String
    public var field: String
    public var problem: String

    public init(file: String, field: String, problem: String) {
        self.file = file
        self.field = field
        self.problem = problem
    }

    public var description: String {
        field.isEmpty ? "\(file): \(problem)" : "\(file): field \(field): \(problem)"
    }
}

/// Decodes and validates the school's files. Pure: takes file names and bytes, so tests can feed
/// broken files directly and the loader stays a thin reader.
public enum SchoolCatalogDecoder {
    public static let schoolFile = "school/school.json"
    public static let productsFile = "school/products.json"
    public static let namesFile = "school/names.json"
    public static let trainingsFolder = "school/trainings/"

    /// `files` maps paths relative to data/ to their bytes. Every file is optional: what is missing
    /// is learned from the account (or, for the name pools, only the mock's simulated school needs it).
    public static func decode(files: [String: Data]) throws(SchoolDataError) -> SchoolCatalog {
        let school: SchoolInfo = files[schoolFile] == nil ? .default : try decode(schoolFile, files)
        let products: [Product] = files[productsFile] == nil ? [] : try decode(productsFile, files)
        let names: NamePools = files[namesFile] == nil ? .empty : try decode(namesFile, files)
        let trainingFiles = files.keys.filter { $0.hasPrefix(trainingsFolder) && $0.hasSuffix(".json") }.sorted()
        var trainings: [(String, CurriculumTraining)] = []
        for f in trainingFiles { trainings.append((f, try decode(f, files))) }
        try validate(school: school, trainings: trainings, products: products, names: names)
        return SchoolCatalog(school: school, trainings: trainings.map(\.1), products: products, names: names)
    }

    private static func decode<T: Decodable>(_ name: String, _ files: [String: Data]) throws(SchoolDataError) -> T {
        guard let data = files[name] else { throw SchoolDataError(file: name, field: "", problem: "file is missing") }
        do {
            return try JSONDecoder().decode(T.self, from: data)
        } catch let DecodingError.keyNotFound(key, ctx) {
            throw SchoolDataError(file: name, field: path(ctx.codingPath + [key]), problem: "is missing")
        } catch let DecodingError.typeMismatch(type, ctx) {
            throw SchoolDataError(file: name, field: path(ctx.codingPath), problem: "expected \(typeName(type))")
        } catch let DecodingError.valueNotFound(type, ctx) {
            throw SchoolDataError(file: name, field: path(ctx.codingPath), problem: "expected \(typeName(type)), found null")
        } catch let DecodingError.dataCorrupted(ctx) {
            let field = path(ctx.codingPath)
            throw SchoolDataError(file: name, field: field, problem: field.isEmpty ? "not valid JSON" : "invalid value")
        } catch {
            throw SchoolDataError(file: name, field: "", problem: "cannot be read")
        }
    }

    private static func path(_ keys: [CodingKey]) -> String {
        keys.map { k in k.intValue.map { "[\($0)]" } ?? ".\(k.stringValue)" }.joined().trimmingCharacters(in: CharacterSet(charactersIn: "."))
    }

    private static func typeName(_ t: Any.Type) -> String {
        switch t {
        case is String.Type: "a string"
        case is Int.Type, is Int64.Type: "an integer"
        case is Bool.Type: "true or false"
        default: t is any Collection.Type ? "a list" : "an object"
        }
    }

    private static func validate(school: SchoolInfo, trainings: [(String, CurriculumTraining)],
                                 products: [Product], names: NamePools) throws(SchoolDataError) {
        func fail(_ file: String, _ field: String, _ problem: String) -> SchoolDataError {
            SchoolDataError(file: file, field: field, problem: problem)
        }
        if school.name.isEmpty && !school.staff.isEmpty { throw fail(schoolFile, "name", "is empty") }
        if !(-12...14).contains(school.utcOffsetHours) { throw fail(schoolFile, "utc_offset_hours", "must be between -12 and 14") }
        var ids = Set<Int64>(), slugs = Set<String>(), groupIds = Set<Int64>()
        for (f, t) in trainings {
            if !ids.insert(t.id).inserted { throw fail(f, "id", "duplicates another training's id \(t.id)") }
            if !slugs.insert(t.slug).inserted { throw fail(f, "slug", "duplicates another training's slug \(t.slug)") }
            if t.title.isEmpty { throw fail(f, "title", "is empty") }
            for (i, s) in t.streams.enumerated() where !groupIds.insert(s.groupId).inserted {
                throw fail(f, "streams[\(i)].group_id", "duplicates group id \(s.groupId)")
            }
            // The school may state only some lessons (those with homework keys, say), in order.
            for (i, l) in t.lessons.enumerated() {
                let at = "lessons[\(i)]"
                if l.number < 1 { throw fail(f, "\(at).number", "must be at least 1") }
                if i > 0 && l.number <= t.lessons[i - 1].number {
                    throw fail(f, "\(at).number", "is \(l.number), after lesson \(t.lessons[i - 1].number) (lessons are listed in order)")
                }
                if !ids.insert(l.id).inserted { throw fail(f, "\(at).id", "duplicates id \(l.id)") }
                if let g = l.viewGroupId, !groupIds.insert(g).inserted { throw fail(f, "\(at).view_group_id", "duplicates group id \(g)") }
                if let opens = l.opensAfterDays, let earlier = t.lessons[..<i].compactMap(\.opensAfterDays).last, opens < earlier {
                    throw fail(f, "\(at).opens_after_days", "opens before the previous lesson")
                }
                if let d = l.deadlineDays, d < 1 { throw fail(f, "\(at).deadline_days", "must be at least 1") }
                for (j, e) in l.homework.enumerated() {
                    let ef = "\(at).homework[\(j)]"
                    if e.prompt.isEmpty { throw fail(f, "\(ef).prompt", "is empty") }
                    switch e.kind {
                    case .essay:
                        if (e.minWords ?? 0) < 1 { throw fail(f, "\(ef).min_words", "an essay needs min_words") }
                    case .multipleChoice:
                        guard let opts = e.options, opts.count >= 2 else { throw fail(f, "\(ef).options", "needs at least two options") }
                        if e.answers.count != 1 { throw fail(f, "\(ef).answers", "multiple choice needs exactly one answer") }
                        let letters = opts.map { String($0.prefix(1)).lowercased() }
                        if !letters.contains(e.answers[0].lowercased()) { throw fail(f, "\(ef).answers", "\"\(e.answers[0])\" is not an option letter") }
                    default:
                        if e.answers.isEmpty || e.answers.contains(where: { $0.trimmingCharacters(in: .whitespaces).isEmpty }) {
                            throw fail(f, "\(ef).answers", "needs at least one non-empty answer")
                        }
                    }
                    if e.kind != .essay && e.rule.isEmpty { throw fail(f, "\(ef).rule", "is empty") }
                }
            }
        }
        for (i, p) in products.enumerated() {
            if p.priceRub <= 0 { throw fail(productsFile, "[\(i)].price_rub", "must be positive") }
            if p.durationDays <= 0 { throw fail(productsFile, "[\(i)].duration_days", "must be positive") }
            for s in p.trainingSlugs where !slugs.contains(s) {
                throw fail(productsFile, "[\(i)].training_slugs", "names unknown training \"\(s)\"")
            }
        }
        if names != .empty {
            if names.femaleFirst.isEmpty { throw fail(namesFile, "female_first", "is empty") }
            if names.maleFirst.isEmpty { throw fail(namesFile, "male_first", "is empty") }
            if names.surnames.isEmpty { throw fail(namesFile, "surnames", "is empty") }
        }
    }
}
