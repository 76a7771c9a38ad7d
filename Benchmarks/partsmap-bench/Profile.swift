import Glibc
import PartsMap

/// One operation repeated, to look at under perf or callgrind.
func profile(_ what: String, map: String, times: Int) {
    let start = now()
    switch what {
    case "load":
        for _ in 0..<times {
            let (document, _) = try! MapDocument.open(path: map, access: .readOnly)
            consume(document.system.parts.count)
            document.close()
        }
    case "export":
        let (document, _) = try! MapDocument.open(path: map, access: .readOnly)
        let loaded = now()
        printError("loaded in \(ms(loaded - start))")
        for _ in 0..<times {
            let output = try! makeExport(ExportRequest(format: .dot), of: document.system,
                                         context: ExportContext(mapName: "profile", date: "2026-01-01"))
            consume(output.bytes.count)
        }
        printError("export: \(ms((now() - loaded) / Double(times))) each")
        return
    case "complete":
        let (document, _) = try! MapDocument.open(path: map, access: .readOnly)
        for _ in 0..<times { consume(Completer.complete("show ", in: document.system)) }
    default:
        printError("profile: unknown operation \(what)")
        exit(2)
    }
    printError("\(what): \(ms((now() - start) / Double(times))) each")
}
