import Glibc
import LineEditing
import PartsMap

/// One operation repeated, to look at under perf or callgrind.
func profile(_ what: String, map: String, times: Int) {
    let start = now()
    switch what {
    case "load":
        var opening = 0.0
        for _ in 0..<times {
            let started = now()
            let (document, _) = try! MapDocument.open(path: map, access: .readOnly)
            opening += now() - started
            consume(document.system.parts.count)
            document.close()
        }
        // As the table times it: letting go of the map is not counted.
        printError("open: \(ms(opening / Double(times))) each")
    case "apply", "history":
        // The model's share of a load: the journal's records read first, then only applied (to the map
        // alone, or through its history with undo entries), once.
        let journal = try! JournalFile.open(path: map, access: .readOnly)
        var system = InnerSystem()
        var history = EditHistory()
        history.reserveCapacity(3_000_000)
        var records: [JournalRecord] = []
        _ = try! journal.readLines { line in
            if case .record(_, let body) = JournalFormat.classify(line), let r = Parser.canonicalRecord(String(body)) { records.append(r) }
        }
        let t0 = now()
        for r in records {
            if what == "apply", case .change(let c) = r { _ = try? system.apply(c, at: nil) }
            if what == "history" { _ = try? history.record(r, at: nil) }
        }
        printError("\(what): \(ms(now() - t0)) for \(records.count) records")
        consume(system.parts.count + history.system.parts.count)
        return
    case let export where export.hasPrefix("export"):
        // `export` (DOT) or `export:FORMAT`; no Graphviz, as the handouts section times them.
        let format = ExportFormat(rawValue: String(export.dropFirst("export:".count))) ?? .dot
        let (document, _) = try! MapDocument.open(path: map, access: .readOnly)
        let loaded = now()
        printError("loaded in \(ms(loaded - start))")
        for _ in 0..<times {
            let output = try! makeExport(ExportRequest(format: format, file: format == .html ? "/tmp/profile.html" : nil), of: document.system,
                                         context: ExportContext(mapName: "profile", date: "2026-01-01", searchPath: "/nonexistent"))
            consume(output.bytes.count)
        }
        printError("export: \(ms((now() - loaded) / Double(times))) each")
        return
    case "verify":
        // Parser.canonicalRecord against the full parser, on every line of a journal.
        let text = String(decoding: readFile(map), as: UTF8.self)
        var fast = 0, slow = 0, lines = 0
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            guard case .record(_, let found) = JournalFormat.classify(String(line)) else { continue }
            lines += 1
            let body = String(found)
            let expected = try? Parser().parseJournalRecord(body)
            let expectedKnown = try? Parser(isKnownName: { _ in true }).parseJournalRecord(body)
            if let record = Parser.canonicalRecord(body) {
                fast += 1
                if record != expected || record != expectedKnown { printError("MISMATCH: \(body)"); exit(1) }
            } else {
                slow += 1
            }
        }
        printError("verify: \(lines) records, \(fast) read directly, \(slow) by the parser, no difference")
        return
    case "show":
        // `show`: the whole map in words.
        let (document, _) = try! MapDocument.open(path: map, access: .readOnly)
        let loaded = now()
        for _ in 0..<times { consume(MapText.overview(document.system, mapName: "profile").text.utf8.count) }
        printError("show: \(ms((now() - loaded) / Double(times))) each")
        return
    case "complete":
        let (document, _) = try! MapDocument.open(path: map, access: .readOnly)
        let loaded = now()
        // The line to complete: `show ` (every name) unless PARTSMAP_BENCH_LINE says another.
        let line = getenv("PARTSMAP_BENCH_LINE").map { String(cString: $0) } ?? "show "
        for _ in 0..<times { consume(tab(line, in: document.system).action) }
        printError("complete: \(ms((now() - loaded) / Double(times))) each")
        return
    default:
        printError("profile: unknown operation \(what)")
        exit(2)
    }
    printError("\(what): \(ms((now() - start) / Double(times))) each")
}
