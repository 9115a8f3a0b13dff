import Foundation

/// A ready legacy export: column titles and rows. Cells are strings, except the tag columns,
/// which are arrays. Every read goes by column title, never by position.
public struct ExportTable: Sendable, Equatable {
    public enum Cell: Sendable, Equatable {
        case text(String)
        case list([String])

        public var text: String {
            switch self {
            case .text(let s): s
            case .list(let a): a.joined(separator: ", ")
            }
        }

        /// The cell as a list: tag columns arrive as arrays, or in some accounts as text.
        public var list: [String] {
            switch self {
            case .list(let a): a
            case .text(let s): LooseJSON.stringArray(s)
            }
        }
    }

    /// Rows either given as cells, or kept as the JSON they arrived in and read one at a time.
    private enum Storage: Sendable {
        case cells([[Cell]])
        case json(Data, itemsOffset: Int?)
    }

    public let fields: [String]
    public let rowCount: Int
    private let storage: Storage
    private let index: [String: Int]

    public init(fields: [String], rows: [[Cell]]) {
        self.init(fields: fields, storage: .cells(rows), rowCount: rows.count)
    }

    private init(fields: [String], storage: Storage, rowCount: Int) {
        self.fields = fields
        self.storage = storage
        self.rowCount = rowCount
        var index: [String: Int] = [:]
        // A title that appears twice (utm_source in deals) resolves to its first occurrence.
        for (i, f) in fields.enumerated() where index[f] == nil { index[f] = i }
        self.index = index
    }

    public static func == (a: ExportTable, b: ExportTable) -> Bool { a.fields == b.fields && a.rows == b.rows }

    /// The rows in order. JSON-backed rows are read one at a time as the sequence is walked, so a
    /// large export is never held as cells, only as its bytes.
    public var rowSequence: Rows { Rows(table: self) }

    /// One row. A JSON-backed row knows where each cell starts and decodes a cell only when it is
    /// read: a deals export has ~50 columns, and a sync reads a dozen of them.
    public struct Row: Sendable {
        private enum Source: Sendable {
            case cells([Cell])
            case json(Data, starts: [Int])
        }

        private let source: Source

        init(cells: [Cell]) { source = .cells(cells) }
        init(data: Data, starts: [Int]) { source = .json(data, starts: starts) }

        public var count: Int {
            switch source {
            case .cells(let c): c.count
            case .json(_, let starts): starts.count
            }
        }

        public subscript(i: Int) -> Cell {
            switch source {
            case .cells(let c): return c[i]
            case .json(let data, let starts):
                return data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) -> Cell in
                    var c = JSONCursor(raw, at: starts[i])
                    // `read(exportAnswer:)` validated these bytes, so decoding cannot fail here.
                    do {
                        guard c.peek() == UInt8(ascii: "[") else { return .text(try c.text()) }
                        var list: [String] = []
                        try c.array { (c: inout JSONCursor) throws(JSONCursor.Failure) in list.append(try c.text()) }
                        return .list(list)
                    } catch {
                        return .text("")
                    }
                }
            }
        }

        public var cells: [Cell] { (0..<count).map { self[$0] } }
    }

    public struct Rows: Sequence {
        let table: ExportTable

        public func makeIterator() -> Iterator {
            switch table.storage {
            case .cells(let rows): Iterator(cells: rows, data: nil, offset: nil, width: table.fields.count)
            case .json(let data, let offset): Iterator(cells: nil, data: data, offset: offset, width: table.fields.count)
            }
        }

        public struct Iterator: IteratorProtocol {
            var cells: [[Cell]]?
            let data: Data?
            var offset: Int?
            let width: Int
            var index = 0
            var started = false

            public mutating func next() -> Row? {
                if let cells {
                    defer { index += 1 }
                    return index < cells.count ? Row(cells: cells[index]) : nil
                }
                guard let data, let at = offset else { return nil }
                var starts: [Int]?
                var nextOffset: Int?
                let first = !started
                started = true
                let width = width
                data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
                    var c = JSONCursor(raw, at: at)
                    do {
                        if first {
                            try c.expect(UInt8(ascii: "["))
                            if c.peek() == UInt8(ascii: "]") { return }
                        } else if try !c.next(close: UInt8(ascii: "]")) {
                            return
                        }
                        starts = try Self.cellStarts(&c, width: width)
                        nextOffset = c.i
                    } catch {}
                }
                offset = nextOffset
                return starts.map { Row(data: data, starts: $0) }
            }

            /// Where each cell of the row at the cursor starts; moves past the row.
            static func cellStarts(_ c: inout JSONCursor, width: Int) throws(JSONCursor.Failure) -> [Int] {
                guard c.peek() == UInt8(ascii: "[") else { try c.skip(); return [] }
                var starts: [Int] = []
                starts.reserveCapacity(width)
                try c.array { (c: inout JSONCursor) throws(JSONCursor.Failure) in
                    c.skipSpace()
                    starts.append(c.i)
                    try c.skip()
                }
                return starts
            }
        }
    }

    public func forEachRow(_ body: (Row) -> Void) {
        for r in rowSequence { body(r) }
    }

    /// All rows as cells (for small tables and tests).
    public var rows: [[Cell]] { rowSequence.map(\.cells) }

    public func column(_ title: String) -> Int? { index[title] }

    public func text(_ row: [Cell], _ title: String) -> String {
        guard let i = index[title], i < row.count else { return "" }
        return row[i].text
    }

    public func list(_ row: [Cell], _ title: String) -> [String] {
        guard let i = index[title], i < row.count else { return [] }
        return row[i].list
    }

    /// Reads a legacy export answer without building it all in memory: the envelope, the column
    /// titles, and a row count (which also validates the JSON); rows are parsed when iterated.
    public static func read(exportAnswer data: Data) -> ExportAnswer {
        data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) -> ExportAnswer in
            var c = JSONCursor(raw)
            var success: Bool?
            var code: Int?
            var message = ""
            var infoOffset: Int?
            do {
                try c.object { (c: inout JSONCursor, key: String) throws(JSONCursor.Failure) in
                    switch key {
                    case "success": success = LooseJSON.bool(text: try c.text())
                    case "error_code": code = Int(try c.text())
                    case "error_message": message = try c.text()
                    case "info":
                        if c.peek() == UInt8(ascii: "{") { infoOffset = c.i }
                        try c.skip()
                    default: try c.skip()
                    }
                }
                c.skipSpace()
                guard c.i == raw.count else { return .malformed("trailing data after JSON") }
                guard success == true else { return .failure(code: code, message: message) }
                guard let infoOffset else { return .malformed("no info object") }
                var fields: [String] = []
                var itemsOffset: Int?
                var count = 0
                var ic = JSONCursor(raw, at: infoOffset)
                try ic.object { (c: inout JSONCursor, key: String) throws(JSONCursor.Failure) in
                    switch key {
                    case "fields":
                        fields = []
                        try c.array { (c: inout JSONCursor) throws(JSONCursor.Failure) in fields.append(try c.text()) }
                    case "items":
                        // A repeated key: the last one wins, for the count as for the rows.
                        count = 0
                        itemsOffset = nil
                        if c.peek() == UInt8(ascii: "[") {
                            itemsOffset = c.i
                            try c.array { (c: inout JSONCursor) throws(JSONCursor.Failure) in try c.skip(); count += 1 }
                        } else {
                            try c.skip()
                        }
                    default: try c.skip()
                    }
                }
                return .table(ExportTable(fields: fields, storage: .json(data, itemsOffset: itemsOffset), rowCount: count))
            } catch let error as JSONCursor.Failure {
                return .malformed("\(error.reason) at byte \(error.offset)")
            } catch {
                return .malformed("\(error)")
            }
        }
    }
}

/// A legacy export answer: a ready table, an API error, or a body that is not valid JSON.
public enum ExportAnswer: Sendable {
    case table(ExportTable)
    case failure(code: Int?, message: String)
    case malformed(String)
}

