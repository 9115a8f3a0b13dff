import Domain
import Foundation

/// The students' folded search texts in one byte buffer, so that a filter keystroke over 100k
/// students is one `memchr`-driven scan per word rather than 100k string searches. The texts are folded
/// (NFC, lowercase, ё→е) like the words, so matching bytes is matching text.
struct StudentSearch: Sendable {
    private var bytes: [UInt8] = []
    /// Where each student's text starts; each ends with a newline, which no word contains.
    private var starts: [Int] = []

    init() {}

    init(_ texts: [String]) {
        for t in texts {
            starts.append(bytes.count)
            bytes.append(contentsOf: t.utf8.map { $0 == 0x0A ? 0x20 : $0 })
            bytes.append(0x0A)
        }
    }

    /// Recent results by their words, newest last: a backspace returns to one of them, and a word
    /// typed further only narrows the last one.
    private var recent: [(words: [String], matches: [Bool])] = []
    private static let recentLimit = 16

    /// For each student, whether their text holds every one of `words` (folded, without whitespace).
    mutating func matches(_ words: [String]) -> [Bool] {
        let words = words.filter { !$0.isEmpty }
        if let i = recent.lastIndex(where: { $0.words == words }) {
            let hit = recent.remove(at: i)
            recent.append(hit)
            return hit.matches
        }
        // Every earlier word still inside the word typed over it: only its matches can match now.
        let narrower = recent.last { old in
            old.words.count <= words.count && zip(old.words, words).allSatisfy { $1.contains($0) }
        }
        var all = narrower?.matches ?? [Bool](repeating: true, count: starts.count)
        for word in words where !(narrower?.words.contains(word) ?? false) {
            let needle = Array(word.utf8)
            // Few candidates left: look inside each one's text rather than scan the whole buffer.
            if narrower != nil && all.lazy.filter({ $0 }).count < starts.count / 4 {
                bytes.withUnsafeBytes { hay in
                    guard let base = hay.baseAddress else { return }
                    for i in all.indices where all[i] {
                        let end = i + 1 < starts.count ? starts[i + 1] : hay.count
                        all[i] = Self.find(needle, in: base, from: starts[i], count: end) != nil
                    }
                }
                continue
            }
            let hit = scan(needle)
            for i in all.indices where all[i] && !hit[i] { all[i] = false }
        }
        recent.append((words, all))
        if recent.count > Self.recentLimit { recent.removeFirst() }
        return all
    }

    /// Which students' texts hold `needle`, by one pass over the whole buffer.
    private func scan(_ needle: [UInt8]) -> [Bool] {
        var hit = [Bool](repeating: false, count: starts.count)
        bytes.withUnsafeBytes { hay in
            guard let base = hay.baseAddress else { return }
            var offset = 0, student = 0
            while let at = Self.find(needle, in: base, from: offset, count: hay.count) {
                // Occurrences come in order: walk the students along with them.
                while student + 1 < starts.count && starts[student + 1] <= at { student += 1 }
                hit[student] = true
                // One hit is enough: go on from the next student's text.
                guard student + 1 < starts.count else { break }
                offset = starts[student + 1]
            }
        }
        return hit
    }

    /// The first occurrence of `needle` at or after `from`. It looks for the needle's last byte with
    /// `memchr` (the first byte of Cyrillic text is nearly always D0 or D1; the last varies by letter),
    /// then compares the rest.
    private static func find(_ needle: [UInt8], in base: UnsafeRawPointer, from: Int, count: Int) -> Int? {
        let n = needle.count, last = Int32(needle[n - 1])
        var i = from + n - 1
        while i < count {
            guard let p = memchr(base + i, last, count - i) else { return nil }
            let end = base.distance(to: UnsafeRawPointer(p))
            let start = end - n + 1
            if needle.withUnsafeBytes({ memcmp(base + start, $0.baseAddress!, n) }) == 0 { return start }
            i = end + 1
        }
        return nil
    }
}

/// The filtered, sorted students as positions in the loaded list: a keystroke builds an array of
/// integers, not a copy of every matching student.
public struct StudentRows: RandomAccessCollection, Sendable {
    private let all: [StudentSummary]
    private let rows: [Int]

    init(all: [StudentSummary] = [], rows: [Int] = []) {
        self.all = all
        self.rows = rows
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { rows.count }
    public subscript(i: Int) -> StudentSummary { all[rows[i]] }

    /// The row of a student, reading ids in place (a search through the collection copies every summary it passes).
    public func position(of id: Int64) -> Int? { rows.firstIndex { all[$0].id == id } }
}
