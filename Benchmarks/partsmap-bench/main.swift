// partsmap-bench: measures partsmap against the tools a person would otherwise script with.
// See BENCHMARKS.md; `bash Benchmarks/run` builds everything and runs it.
//
//   partsmap-bench generate PARTS FILE        write a synthetic map of PARTS parts
//   partsmap-bench run --partsmap BIN --work DIR [--python PY] [--quick]
//                                             the whole table
import Glibc
import PartsMap

let arguments = Array(CommandLine.arguments.dropFirst())

func option(_ name: String) -> String? {
    guard let i = arguments.firstIndex(of: name), i + 1 < arguments.count else { return nil }
    return arguments[i + 1]
}

func fail(_ message: String) -> Never {
    printError("partsmap-bench: \(message)")
    exit(2)
}

switch arguments.first {
case "generate":
    guard arguments.count == 3, let parts = Int(arguments[1]) else { fail("usage: generate PARTS FILE") }
    let lines = MapGenerator.map(parts: parts)
    writeLines(arguments[2], lines)
    print("\(arguments[2]): \(parts) parts, \(lines.count) lines")
case "profile":
    // For perf / callgrind: one operation repeated on one map.
    guard arguments.count == 4, let times = Int(arguments[3]) else { fail("usage: profile export[:FORMAT]|load|apply|history|show|complete|verify MAP TIMES") }
    profile(arguments[1], map: arguments[2], times: times)
case "run":
    guard let partsmap = option("--partsmap"), let work = option("--work") else {
        fail("usage: run --partsmap BIN --work DIR [--python PY] [--quick]")
    }
    var bench = Bench(partsmap: partsmap, work: work, python: option("--python"),
                      scripts: option("--scripts") ?? "Benchmarks", quick: arguments.contains("--quick"))
    if let only = option("--only") { bench.only = Set(only.split(separator: ",").map(String.init)) }
    if let sizes = option("--sizes") { bench.sizes = sizes.split(separator: ",").compactMap { Int($0) } }
    bench.reuseMaps = arguments.contains("--reuse-maps")
    bench.runAll()
default:
    fail("usage: partsmap-bench generate PARTS FILE | run --partsmap BIN --work DIR [--python PY] [--quick]")
}
