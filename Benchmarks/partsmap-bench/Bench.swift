import Glibc
import LineEditing
import PartsMap

/// The whole run: generates the maps, measures everything, prints one table (Markdown) on
/// standard output; progress goes to standard error.
struct Bench {
    let partsmap: String
    let work: String
    let python: String?
    let scripts: String
    let quick: Bool
    /// Sections to run (all when empty): startup load export interactive memory.
    var only: Set<String> = []
    /// Map sizes to generate and measure.
    var sizes = Bench.sizes
    /// Skip generating when the maps are already there (for working on one section).
    var reuseMaps = false

    static let sizes = [100, 1_000, 10_000, 100_000]
    static let loadLines = [10_000, 100_000, 1_000_000]
    static let somePart = MapGenerator.somePart
    static let somePattern = MapGenerator.somePattern

    var out: [String] = []
    var targets: [(String, String, Bool?)] = []

    init(partsmap: String, work: String, python: String?, scripts: String, quick: Bool) {
        self.partsmap = partsmap
        self.work = work
        self.python = python
        self.scripts = scripts
        self.quick = quick
    }

    func wants(_ section: String) -> Bool { only.isEmpty || only.contains(section) }

    func mapPath(_ parts: Int) -> String { "\(work)/map-\(parts).parts" }
    func loadPath(_ lines: Int) -> String { "\(work)/load-\(lines).parts" }
    func dotPath(_ parts: Int) -> String { "\(work)/map-\(parts).dot" }

    func progress(_ text: String) { printError("· \(text)") }

    /// Repeats: fewer when a single run is long, and fewer still with --quick.
    func runs(_ normal: Int) -> Int { quick ? max(1, normal / 4) : normal }

    mutating func runAll() {
        mkdir(work, 0o700)
        let started = now()
        var info = utsname()
        uname(&info)
        let machine = withUnsafeBytes(of: &info.machine) { String(decoding: $0.prefix(while: { $0 != 0 }), as: UTF8.self) }
        let release = withUnsafeBytes(of: &info.release) { String(decoding: $0.prefix(while: { $0 != 0 }), as: UTF8.self) }
        out.append("partsmap \(PartsMapVersion.string) benchmarks — Linux \(release) \(machine), "
            + "\(sysconf(Int32(_SC_NPROCESSORS_ONLN))) cores; each figure the median of the runs shown (n)\(quick ? " — QUICK RUN, fewer repeats" : "")")
        out.append("")
        if let toolchain = option("--toolchain") { out.append("- Toolchain: \(toolchain)") }
        if let python {
            let versions = "\(work)/versions.txt"
            _ = runChild([python, "-c", "import sys, networkx, pydot, graphviz; print('Python', sys.version.split()[0], '· networkx', networkx.__version__, '· pydot', pydot.__version__, '· graphviz (PyPI)', graphviz.__version__)"],
                         stdout: versions)
            out.append("- Python side: " + String(decoding: readFile(versions), as: UTF8.self).filter { $0 != "\n" })
        }
        out.append("- Load average at the start (other work on the machine): \(loadAverage())")
        out.append("")
        generate()
        if wants("startup") { startup() }
        if wants("load") { load() }
        if wants("export") { export() }
        if wants("interactive") { interactive() }
        if wants("view") { liveView() }
        if wants("memory") { memory() }
        if wants("sessions") { sessionViews() }
        if wants("handouts") { handouts() }
        if wants("growth") { growth() }
        summary()
        out.append("")
        out.append(String(format1("Whole run: %.0f s", now() - started)) + "; load average at the end: \(loadAverage()).")
        print(out.joined(separator: "\n"))
    }

    // MARK: Maps

    mutating func generate() {
        out.append("### Maps (synthetic, in partsmap's journal format)")
        out.append("")
        out.append("| parts | patterns | relations | links | answers | journal lines | journal bytes |")
        out.append("|---:|---:|---:|---:|---:|---:|---:|")
        for parts in sizes {
            progress("generating a map of \(parts) parts")
            let lines = reuseMaps && fileSize(mapPath(parts)) > 0
                ? String(decoding: readFile(mapPath(parts)), as: UTF8.self).split(separator: "\n").map(String.init)
                : MapGenerator.map(parts: parts)
            if !reuseMaps || fileSize(mapPath(parts)) == 0 { writeLines(mapPath(parts), lines) }
            let (document, _) = try! MapDocument.open(path: mapPath(parts), access: .readOnly)
            let system = document.system
            document.close()
            let answers = system.parts.values.reduce(0) { $0 + $1.answers.count } + system.patterns.values.reduce(0) { $0 + $1.answers.count }
            let bytes = lines.reduce(0) { $0 + $1.utf8.count + 1 }
            out.append("| \(group(parts)) | \(group(system.patterns.count)) | \(group(system.relations.count)) | \(group(system.links.count)) "
                + "| \(group(answers)) | \(group(lines.count)) | \(megabytes(bytes)) |")
        }
        // Journals of exact line counts for loading: prefixes of one long generated journal.
        progress("generating the load journals")
        if reuseMaps, Self.loadLines.allSatisfy({ fileSize(loadPath($0)) > 0 }) {
            out.append("")
            return
        }
        var generator = MapGenerator(maxParts: 200_000)
        var index = 0
        while generator.lines.count < Self.loadLines.last! {
            generator.addPart(index)
            index += 1
        }
        for count in Self.loadLines { writeLines(loadPath(count), generator.lines.prefix(count)) }
        out.append("")
        out.append("Load journals: the first 10,000 / 100,000 / 1,000,000 lines of one generated journal "
            + "(1M lines ≈ \(group(index)) parts).")
        out.append("")
    }

    // MARK: 1. Startup

    mutating func startup() {
        progress("startup")
        let n = runs(40)
        let show = childTimes([partsmap, mapPath(100), "-c", "show \"\(Self.somePart)\""], runs: n)
        let version = childTimes([partsmap, "--version"], runs: n)
        let trueFloor = childTimes(["/bin/true"], runs: n)
        out.append("### 1. Startup (whole process, wall time)")
        out.append("")
        out.append("| command | median | p90 | n |")
        out.append("|---|---:|---:|---:|")
        out.append("| `partsmap map-100.parts -c 'show \"\(Self.somePart)\"'` (opens read-write: lock, replay, card) | \(ms(median(show))) | \(ms(p90(show))) | \(n) |")
        out.append("| `partsmap --version` (no map) | \(ms(median(version))) | \(ms(p90(version))) | \(n) |")
        out.append("| `/bin/true` (the cost of starting any process) | \(ms(median(trueFloor))) | \(ms(p90(trueFloor))) | \(n) |")
        out.append("")
        let startupRatio = median(show) / median(trueFloor)
        out.append("Startup as a ratio to `/bin/true` in the same run: \(ratio(startupRatio)).")
        out.append("")
        targets.append(("startup (100-part map, read-write, a card) ≤ 10× `/bin/true`", "\(ratio(startupRatio)) (\(ms(median(show))) vs \(ms(median(trueFloor))))", startupRatio <= 10))
    }

    // MARK: 2. Load

    mutating func load() {
        progress("load")
        out.append("### 2. Load: replaying a journal")
        out.append("")
        out.append("| journal lines | bytes | in-process `MapDocument.open` (read + split + replay) | lines/s | whole process `partsmap --read-only J -c 'show …'` | lines/s | n |")
        out.append("|---:|---:|---:|---:|---:|---:|---:|")
        var worst = Double.infinity
        for lines in Self.loadLines {
            let path = loadPath(lines)
            let n = lines >= 1_000_000 ? runs(5) : lines >= 100_000 ? runs(9) : runs(21)
            let inProcess = openTimes(path, runs: n)
            let whole = childTimes([partsmap, "--read-only", path, "-c", "show \"\(Self.somePart)\""], runs: n)
            let rate = Double(lines) / median(inProcess)
            worst = min(worst, rate)
            out.append("| \(group(lines)) | \(megabytes(fileSize(path))) | \(ms(median(inProcess))) | \(perSecond(rate)) "
                + "| \(ms(median(whole))) | \(perSecond(Double(lines) / median(whole))) | \(n) |")
        }
        out.append("")
        consume(worst)
        if sizes.contains(100_000) { loadPeers() }
    }

    /// `MapDocument.open` in-process, `runs` times after one that warms up. The open alone: letting go
    /// of the map afterwards is not timed (a process exits instead).
    func openTimes(_ path: String, runs n: Int) -> [Double] {
        var times: [Double] = []
        for run in 0...n {
            let start = now()
            let (document, _) = try! MapDocument.open(path: path, access: .readOnly)
            let time = now() - start
            consume(document.system.parts.count)
            document.close()
            if run > 0 { times.append(time) }
        }
        return times
    }

    /// Opening the 100k-part map beside what a person would otherwise use on the same data: Python's C
    /// `json.load` of the map's own `export json` (its parse alone, timed inside Python), and `wc -l` of
    /// the journal (reading every byte once: the floor).
    mutating func loadPeers() {
        progress("load peers (json.load, wc -l)")
        let map = mapPath(100_000)
        let json = "\(work)/map-100000.json"
        _ = runChild([partsmap, "--read-only", map, "-c", "export json"], stdout: json)
        let n = runs(5)
        let open = openTimes(map, runs: n)
        let wc = childTimes(["wc", "-l", map], runs: n)
        var jsonLoad: Double?
        if let python {
            let result = "\(work)/json-load.txt"
            let script = "import json, sys, time\nts = []\nfor _ in range(\(n)):\n    t = time.perf_counter()\n    json.load(open(sys.argv[1]))\n    ts.append(time.perf_counter() - t)\nts.sort()\nprint(ts[len(ts) // 2])"
            if runChild([python, "-c", script, json], stdout: result).status == 0 {
                jsonLoad = Double(String(decoding: readFile(result), as: UTF8.self).filter { !$0.isWhitespace })
            }
        }
        let base = median(open)
        out.append("The 100k-part map (\(megabytes(fileSize(map))) of journal; its `export json` \(megabytes(fileSize(json)))) beside its peers:")
        out.append("")
        out.append("| opening it | time | ÷ partsmap's |")
        out.append("|---|---:|---:|")
        out.append("| partsmap `MapDocument.open` (in-process) | \(ms(base)) | 1 |")
        if let jsonLoad { out.append("| Python's C `json.load` of the same map's JSON (in-process) | \(ms(jsonLoad)) | \(ratio(jsonLoad / base)) |") }
        out.append("| `wc -l` of the journal (whole process) | \(ms(median(wc))) | \(ratio(median(wc) / base)) |")
        out.append("")
        if let jsonLoad {
            targets.append(("open the 100k-part map ≤ 0.4× `json.load` of its JSON", "\(ratio(base / jsonLoad)) (\(ms(base)) vs \(ms(jsonLoad)))", base <= 0.4 * jsonLoad))
        }
        targets.append(("open the 100k-part map ≤ 40× `wc -l` of its journal", "\(ratio(base / median(wc))) (\(ms(median(wc))))", base <= 40 * median(wc)))
    }

    // MARK: 3. DOT export

    mutating func export() {
        out.append("### 3. DOT export of the whole map (build the graph, write the DOT file)")
        out.append("")
        out.append("partsmap in-process: `makeExport(.dot)` on a loaded map, bytes written to a file. "
            + "Python: the same nodes, edges, clusters and attributes (read from partsmap's DOT before timing) built with "
            + "networkx and written with `nx.nx_pydot.write_dot`, or with the `graphviz` package's `Digraph` and `.source` "
            + "written to a file. `cat`: the same DOT bytes copied file to file, whole process — the floor. "
            + "× = that tool's time ÷ partsmap's in-process time.")
        out.append("")
        out.append("| parts | DOT bytes | partsmap in-process | partsmap whole process (load + export) | networkx + pydot | × | graphviz pkg | × | `cat` | × |")
        out.append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
        for parts in sizes {
            progress("DOT export, \(parts) parts")
            let (document, _) = try! MapDocument.open(path: mapPath(parts), access: .readOnly)
            let system = document.system
            document.close()
            let context = ExportContext(mapName: "map-\(parts)", date: "2026-01-01")
            let n = parts >= 100_000 ? runs(5) : parts >= 10_000 ? runs(9) : runs(21)
            var bytes = 0
            let target = "\(work)/out-partsmap-\(parts).dot"
            let inProcess = timeRuns(n) {
                let output = try! makeExport(ExportRequest(format: .dot), of: system, context: context)
                bytes = output.bytes.count
                writeFile(target, output.bytes)
            }
            // The DOT the others rebuild, and `cat` copies.
            let dot = try! makeExport(ExportRequest(format: .dot), of: system, context: context).bytes
            writeFile(dotPath(parts), dot)
            let whole = childTimes([partsmap, "--read-only", mapPath(parts), "-c", "export dot"], runs: max(1, n / 2),
                                   stdout: "\(work)/out-whole-\(parts).dot")
            let cat = childTimes(["cat", dotPath(parts)], runs: n, stdout: "\(work)/out-cat-\(parts).dot")
            let base = median(inProcess)
            var row = "| \(group(parts)) | \(megabytes(bytes)) | \(ms(base)) | \(ms(median(whole))) "
            var nxTime: Double?
            var gvTime: Double?
            for tool in ["networkx", "graphviz"] {
                guard let result = pythonDot(tool: tool, parts: parts) else {
                    row += "| – | – "
                    continue
                }
                if tool == "networkx" { nxTime = result.median } else { gvTime = result.median }
                let capped = result.runs < 3 ? " (n=\(result.runs))" : ""
                row += "| \(ms(result.median))\(capped) | \(ratio(result.median / base)) "
            }
            row += "| \(ms(median(cat))) | \(ratio(median(cat) / base)) |"
            out.append(row)
            if parts == 100_000 {
                if let nxTime {
                    targets.append(("DOT export of 100k parts ≥ 20× faster than networkx+pydot",
                                    "\(ratio(nxTime / base)) (\(ms(nxTime)) vs \(ms(base)))", nxTime / base >= 20))
                }
                if let gvTime {
                    targets.append(("DOT export of 100k parts ≥ 15× faster than the graphviz package",
                                    "\(ratio(gvTime / base)) (\(ms(gvTime)) vs \(ms(base)))", gvTime / base >= 15))
                }
                targets.append(("DOT export of 100k parts ≤ 10× `cat` of the same bytes",
                                "\(ratio(base / median(cat))) (\(ms(base)) vs \(ms(median(cat))))", base <= 10 * median(cat)))
            }
        }
        out.append("")
        if sizes.contains(100) { picture() }
    }

    /// What a picture costs: Graphviz's layout of the same DOT (`dot -Tsvg`), against writing it.
    mutating func picture() {
        progress("Graphviz layout (dot -Tsvg)")
        out.append("Drawing it is another matter — Graphviz's layout of the same DOT (`dot -Tsvg`, whole process):")
        out.append("")
        out.append("| parts | DOT bytes | partsmap DOT export (in-process) | `dot -Tsvg` | n |")
        out.append("|---:|---:|---:|---:|---:|")
        // A 300-part map only for this.
        writeLines(mapPath(300), MapGenerator.map(parts: 300))
        for (parts, n, limit) in [(100, runs(3), 120), (300, runs(3), 120), (1_000, 1, 120)] where parts == 300 || sizes.contains(parts) {
            let (document, _) = try! MapDocument.open(path: mapPath(parts), access: .readOnly)
            let system = document.system
            document.close()
            var dot: [UInt8] = []
            let export = timeRuns(runs(11)) {
                dot = try! makeExport(ExportRequest(format: .dot), of: system,
                                      context: ExportContext(mapName: "map-\(parts)", date: "2026-01-01")).bytes
            }
            writeFile(dotPath(parts), dot)
            let times = (0..<n).map { _ in
                runChild(["timeout", String(limit), "dot", "-Tsvg", dotPath(parts)], stdout: "\(work)/map-\(parts).svg")
            }
            let layout = times.contains(where: { $0.status != 0 }) ? "not done in \(limit) s (stopped)" : ms(median(times.map(\.seconds)))
            out.append("| \(group(parts)) | \(megabytes(dot.count)) | \(ms(median(export))) | \(layout) | \(n) |")
        }
        out.append("")
    }

    struct PythonResult {
        var median: Double
        var runs: Int
        var bytes: Int
    }

    func pythonDot(tool: String, parts: Int) -> PythonResult? {
        guard let python else { return nil }
        // networkx + pydot takes minutes past 10k parts: one run there.
        let n: Int
        switch (tool, parts) {
        case (_, ...1_000): n = runs(11)
        case (_, ...10_000): n = tool == "networkx" ? 3 : runs(5)
        default: n = tool == "networkx" ? 1 : 3
        }
        let resultPath = "\(work)/python-\(tool)-\(parts).txt"
        let child = runChild([python, "\(scripts)/dot_python.py", tool, dotPath(parts), "\(work)/out-\(tool)-\(parts).dot", String(n)],
                             stdout: resultPath, stderr: "\(work)/python-\(tool)-\(parts).err")
        guard child.status == 0 else {
            progress("\(tool) failed at \(parts) parts: see \(work)/python-\(tool)-\(parts).err")
            return nil
        }
        let fields = String(decoding: readFile(resultPath), as: UTF8.self).split(separator: " ")
        guard fields.count >= 3, let m = Double(fields[0]), let r = Int(fields[1]), let b = Int(fields[2].filter { !$0.isWhitespace }) else {
            return nil
        }
        return PythonResult(median: m, runs: r, bytes: b)
    }

    // MARK: 4. Interactive

    mutating func interactive() {
        progress("interactive")
        out.append("### 4. Interactive: one change, and Tab")
        out.append("")
        out.append("| what (10,000-part map unless said) | median | p90 | n |")
        out.append("|---|---:|---:|---:|")
        var changeMedian = 0.0
        for parts in [10_000, 100] {
            let copy = "\(work)/change-\(parts).parts"
            writeFile(copy, readFile(mapPath(parts)))
            unlink(copy + ".lock")
            let (document, _) = try! MapDocument.open(path: copy, access: .readWrite)
            let n = runs(400)
            var i = 0
            let names = Array(document.system.parts.values.prefix(50).map(\.name))
            let perform = timeRuns(n, warmup: 5) {
                i += 1
                try! document.perform(.change(.setField(name: names[i % names.count], field: .part(.note), text: "noticed it again, time \(i)")))
            }
            let runner = CommandRunner(document: document, mapName: "change")
            let typed = timeRuns(n, warmup: 5) {
                i += 1
                _ = try! runner.run("ask \(names[i % names.count]) toward a bit more curious, \(i)")
            }
            document.close()
            if parts == 10_000 { changeMedian = median(perform) }
            let on = parts == 10_000 ? "" : " — on the 100-part map"
            out.append("| one change incl. its fdatasync: `MapDocument.perform(set … note …)`\(on) | \(ms(median(perform), 3)) | \(ms(p90(perform), 3)) | \(n) |")
            out.append("| one typed change: `CommandRunner.run(\"ask NAME toward …\")` (parse + apply + fdatasync + reply)\(on) | \(ms(median(typed), 3)) | \(ms(p90(typed), 3)) | \(n) |")
        }
        // The disk's share: a line appended and fdatasync'd, nothing else, in the same folder and run.
        let scratch = "\(work)/fdatasync-scratch"
        let fd = open(scratch, O_WRONLY | O_CREAT | O_APPEND, 0o600)
        let line = Array("2026-01-01T00:00:00Z set \"Inner Critic\" note noticed it again\n".utf8)
        let flush = timeRuns(runs(400), warmup: 5) {
            _ = line.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            fdatasync(fd)
        }
        close(fd)
        unlink(scratch)
        let fsync = median(flush)
        out.append("| a journal-sized line appended and `fdatasync`'d alone (the disk's share) | \(ms(fsync, 3)) | \(ms(p90(flush), 3)) | \(flush.count) |")
        targets.append(("one change (10k parts) ≤ 1.5× an `fdatasync` alone", "\(ratio(changeMedian / fsync)) (\(ms(changeMedian, 3)) vs \(ms(fsync, 3)))", changeMedian <= 1.5 * fsync))

        let (document, _) = try! MapDocument.open(path: mapPath(10_000), access: .readOnly)
        let system = document.system
        document.close()
        let cases: [(String, String)] = [
            ("show ", "every name"),
            ("show In", "names starting \"In\""),
            ("show \"Inner Critic 1", "names starting \"Inner Critic 1\", in an open quote"),
            ("relate \"Inner Critic\" ", "relation kinds after a name"),
            ("link Numbing to Pur", "patterns \"Pur…\""),
            ("se", "a verb"),
        ]
        var worst = 0.0
        for (line, what) in cases {
            let n = runs(200)
            var found = 0
            let times = timeRuns(n, warmup: 3) {
                let (candidates, action) = tab(line, in: system)
                found = candidates
                consume(action)
            }
            worst = max(worst, median(times))
            out.append("| Tab on `\(line)` — \(what) (\(group(found)) candidates) | \(ms(median(times), 3)) | \(ms(p90(times), 3)) | \(n) |")
        }
        out.append("")
        targets.append(("Tab on 11,000 names (slowest case) ≤ 1× one change's `fdatasync`", "\(ratio(worst / fsync)) (\(ms(worst, 3)) vs \(ms(fsync, 3)))", worst <= fsync))
    }

    // MARK: The live view

    /// `view` on the 100-part map: how long the prompt takes with the view on, and how long until the new
    /// page is on disk (it waits 150 ms for a burst to settle, then Graphviz) — beside `dot -Tsvg` of the same DOT.
    mutating func liveView() {
        progress("view")
        let copy = "\(work)/view-100.parts", page = "\(work)/view-100.html"
        writeFile(copy, readFile(mapPath(100)))
        unlink(copy + ".lock")
        let (document, _) = try! MapDocument.open(path: copy, access: .readWrite)
        let runner = CommandRunner(document: document, mapName: "view-100")
        _ = try! runner.run("view \(page)")
        let names = Array(document.system.parts.values.prefix(20).map(\.name))
        func inode() -> UInt { var info = stat(); return stat(page, &info) == 0 ? UInt(info.st_ino) : 0 }
        var prompt: [Double] = [], redraw: [Double] = []
        for i in 0..<runs(20) {
            let before = inode()
            let start = now()
            _ = try! runner.run("set \"\(names[i % names.count])\" note seen again \(i)")
            prompt.append(now() - start)
            while inode() == before, now() - start < 30 { usleep(1_000) }
            redraw.append(now() - start)
        }
        runner.close()
        writeFile(dotPath(100), try! makeExport(ExportRequest(format: .dot), of: document.system,
                                                context: ExportContext(mapName: "view-100", date: "2026-01-01")).bytes)
        let dot = childTimes(["dot", "-Tsvg", dotPath(100)], runs: runs(10))
        out.append("### 6. The live view (`view`, 100-part map)")
        out.append("")
        out.append("| what | median | p90 | n |")
        out.append("|---|---:|---:|---:|")
        out.append("| a typed change with the view on (the prompt is back) | \(ms(median(prompt), 3)) | \(ms(p90(prompt), 3)) | \(prompt.count) |")
        out.append("| change acknowledged → new page on disk (150 ms settle + Graphviz + page + atomic replace) | \(ms(median(redraw))) | \(ms(p90(redraw))) | \(redraw.count) |")
        out.append("| `dot -Tsvg` of the same map's DOT (whole process) | \(ms(median(dot))) | \(ms(p90(dot))) | \(dot.count) |")
        out.append("| the redraw beyond its 150 ms settle, as a ratio to `dot -Tsvg` | \(ratio((median(redraw) - 0.150) / median(dot))) | | |")
        out.append("")
    }

    // MARK: 5. Memory

    mutating func memory() {
        progress("memory")
        out.append("### 5. Peak memory (RSS of the whole process)")
        out.append("")
        out.append("| parts | journal | `-c 'show …'` (load) | `-c 'export dot'` (load + export) |")
        out.append("|---:|---:|---:|---:|")
        var at100k = 0
        for parts in sizes {
            let show = peakRSS([partsmap, "--read-only", mapPath(parts), "-c", "show \"\(Self.somePart)\""])
            let export = peakRSS([partsmap, "--read-only", mapPath(parts), "-c", "export dot"])
            if parts == 100_000 { at100k = max(show, export) }
            out.append("| \(group(parts)) | \(megabytes(fileSize(mapPath(parts)))) | \(megabytes(show)) | \(megabytes(export)) |")
        }
        out.append("")
        if sizes.contains(100_000) {
            let journal = fileSize(mapPath(100_000))
            targets.append(("peak memory at 100k parts (open, export dot) ≤ 0.8× the journal's size",
                            "\(ratio(Double(at100k) / Double(journal))) (\(megabytes(at100k)) vs \(megabytes(journal)))", Double(at100k) <= 0.8 * Double(journal)))
        }
    }

    // MARK: 6. The session views

    /// `timeline`, `diff`, `changes` and `show --at` beside opening the same map, whole process, time
    /// and peak memory: a session view re-reads the journal once, so it should cost a small multiple of an open.
    mutating func sessionViews() {
        progress("session views")
        out.append("### 6. The session views, as a ratio to opening the same map")
        out.append("")
        out.append("| parts | view | time | × open | peak RSS | × open's | n |")
        out.append("|---:|---|---:|---:|---:|---:|---:|")
        for parts in sizes {
            let map = mapPath(parts)
            let n = parts >= 100_000 ? runs(3) : runs(5)
            let open = median(childTimes([partsmap, "--read-only", map, "-c", "show \"\(Self.somePart)\""], runs: n))
            let openRSS = peakRSS([partsmap, "--read-only", map, "-c", "show \"\(Self.somePart)\""])
            out.append("| \(group(parts)) | open (`-c 'show …'`) | \(ms(open)) | 1 | \(megabytes(openRSS)) | 1 | \(n) |")
            for view in ["timeline", "diff 3", "changes 3", "show --at 3"] {
                let argv = [partsmap, "--read-only", map, "-c", view]
                let time = median(childTimes(argv, runs: view == "timeline" && parts >= 100_000 ? 1 : n))
                let rss = peakRSS(argv)
                out.append("| \(group(parts)) | `\(view)` | \(ms(time)) | \(ratio(time / open)) | \(megabytes(rss)) | \(ratio(Double(rss) / Double(openRSS))) | \(n) |")
                if view == "timeline" && parts == 10_000 {
                    targets.append(("`timeline` at 10k parts ≤ 3× opening the map, ≤ 1.5× its memory",
                                    "\(ratio(time / open)), \(ratio(Double(rss) / Double(openRSS)))", time / open <= 3 && Double(rss) / Double(openRSS) <= 1.5))
                }
                if (view == "diff 3" || view == "changes 3") && parts == 100_000 {
                    targets.append(("`\(view)` at 100k parts ≤ 3× opening the map, ≤ 1.5× its memory",
                                    "\(ratio(time / open)), \(ratio(Double(rss) / Double(openRSS)))", time / open <= 3 && Double(rss) / Double(openRSS) <= 1.5))
                }
            }
        }
        out.append("")
    }

    // MARK: 7. Handouts beside the DOT export

    /// The handouts and other text exports of the 10k-part map, in-process, as a ratio to its DOT export
    /// (Graphviz kept out: its layout of 10k parts takes longer than anyone waits, and is its own cost).
    mutating func handouts() {
        guard sizes.contains(10_000) else { return }
        progress("handouts at 10k parts")
        let (document, _) = try! MapDocument.open(path: mapPath(10_000), access: .readOnly)
        let system = document.system
        document.close()
        var context = ExportContext(mapName: "map-10000", date: "2026-01-01", searchPath: "/nonexistent")
        context.today = 20_000
        let n = runs(9)
        func time(_ format: ExportFormat, file: String? = nil) -> Double {
            median(timeRuns(n) { consume(try! makeExport(ExportRequest(format: format, file: file), of: system, context: context).bytes.count) })
        }
        let dot = time(.dot)
        out.append("### 7. Handouts and text exports of the 10k-part map, beside its DOT export (in-process, no Graphviz)")
        out.append("")
        out.append("| export | time | × DOT export | n |")
        out.append("|---|---:|---:|---:|")
        out.append("| `export dot` | \(ms(dot)) | 1 | \(n) |")
        var worst = 0.0
        for (label, format, file) in [("`export markdown` (the diagram as Mermaid)", ExportFormat.markdown, nil as String?),
                                      ("`export html FILE` (no Graphviz: the page without its picture)", .html, "\(work)/h.html"),
                                      ("`export mermaid`", .mermaid, nil), ("`export json`", .json, nil), ("`export chart`", .chart, nil)] {
            let t = time(format, file: file)
            if format == .markdown || format == .html { worst = max(worst, t / dot) }
            out.append("| \(label) | \(ms(t)) | \(ratio(t / dot)) | \(n) |")
        }
        out.append("")
        targets.append(("Markdown and HTML handouts at 10k parts ≤ 3× the DOT export (Graphviz aside)", "\(ratio(worst))", worst <= 3))
        renderedExports(system, context: context, dot: dot, runs: n)
    }

    /// svg/png/pdf: partsmap's share (the DOT made and streamed to the renderer a piece at a time) at 10k
    /// parts, through a stand-in `dot` that only reads its input — the real one's layout of 10k parts takes
    /// hours — and then the whole thing with the real `dot` on the 100-part map, beside `dot` alone.
    mutating func renderedExports(_ system: InnerSystem, context: ExportContext, dot: Double, runs n: Int) {
        let standIn = "\(work)/stand-in-dot"
        mkdir(standIn, 0o700)
        writeFile("\(standIn)/dot", Array("#!/bin/sh\ncat > /dev/null\nprintf '<svg/>'\n".utf8))
        chmod("\(standIn)/dot", 0o755)
        var streamed = context
        streamed.searchPath = standIn
        out.append("svg, png and pdf of the 10k-part map: partsmap's share, its DOT streamed to a stand-in `dot` that reads it all and draws nothing:")
        out.append("")
        out.append("| export | time | × DOT export | n |")
        out.append("|---|---:|---:|---:|")
        var worst = 0.0
        for format in [ExportFormat.svg, .png, .pdf] {
            let t = median(timeRuns(n) { consume(try! makeExport(ExportRequest(format: format), of: system, context: streamed).bytes.count) })
            worst = max(worst, t / dot)
            out.append("| `export \(format.rawValue)` (stand-in `dot`) | \(ms(t)) | \(ratio(t / dot)) | \(n) |")
        }
        out.append("")
        let rss = peakRSS(["env", "PATH=\(standIn):/usr/bin:/bin", partsmap, "--read-only", mapPath(10_000), "-c", "export svg \(work)/streamed.svg"])
        let dotRSS = peakRSS([partsmap, "--read-only", mapPath(10_000), "-c", "export dot \(work)/streamed.dot"])
        let dotBytes = fileSize("\(work)/streamed.dot")
        out.append("Peak memory of `-c 'export svg FILE'` through the stand-in: \(megabytes(rss)), beside `export dot FILE`'s \(megabytes(dotRSS)) "
            + "(the DOT itself is \(megabytes(dotBytes)), never held whole).")
        out.append("")
        targets.append(("svg/png/pdf at 10k parts ≤ 3× the DOT export (partsmap's share; DOT streamed to `dot`)",
                        "\(ratio(worst)); memory \(ratio(Double(rss) / Double(dotRSS))) of `export dot`'s", worst <= 3 && Double(rss) <= 1.25 * Double(dotRSS)))

        // With the real dot, whole process, on a map it can lay out in well under a second.
        let (small, _) = try! MapDocument.open(path: mapPath(100), access: .readOnly)
        let smallDOT = "\(work)/map-100-rendered.dot"
        writeFile(smallDOT, try! makeExport(ExportRequest(format: .dot), of: small.system, context: context).bytes)
        small.close()
        out.append("With the real `dot`, the 100-part map, whole process:")
        out.append("")
        out.append("| format | `partsmap -c 'export FORMAT FILE'` | `partsmap -c 'export dot FILE'` + `dot -TFORMAT` | ratio | n |")
        out.append("|---|---:|---:|---:|---:|")
        let m = runs(5)
        let exportDOT = median(childTimes([partsmap, "--read-only", mapPath(100), "-c", "export dot \(work)/r.dot"], runs: m))
        var worstReal = 0.0
        for format in ["svg", "png", "pdf"] {
            let whole = median(childTimes([partsmap, "--read-only", mapPath(100), "-c", "export \(format) \(work)/r.\(format)"], runs: m))
            let alone = median(childTimes(["dot", "-T\(format)"] + (format == "png" ? ["-Gdpi=144"] : []) + ["-o", "\(work)/d.\(format)", smallDOT], runs: m))
            worstReal = max(worstReal, whole / (exportDOT + alone))
            out.append("| \(format) | \(ms(whole)) | \(ms(exportDOT)) + \(ms(alone)) | \(ratio(whole / (exportDOT + alone))) | \(m) |")
        }
        out.append("")
        targets.append(("svg/png/pdf with the real `dot` (100 parts) ≤ 3× the DOT export plus `dot` itself", "\(ratio(worstReal))", worstReal <= 3))
    }

    // MARK: 8. Growth

    /// Each operation at every map size, and how much its time grows for each 10× of parts: about 10× is
    /// linear; above ~12× it grows faster than its work.
    mutating func growth() {
        progress("growth")
        var rows: [(String, [Double])] = []
        func row(_ name: String, _ index: Int, _ value: Double) {
            if let at = rows.firstIndex(where: { $0.0 == name }) { rows[at].1.append(value) } else { rows.append((name, [value])) }
            _ = index
        }
        for (index, parts) in sizes.enumerated() {
            progress("growth, \(parts) parts")
            let small = parts < 10_000
            let n = small ? runs(9) : runs(3)
            let map = mapPath(parts)
            var opened: InnerSystem?
            row("open the map (in-process)", index, median(timeRuns(n) {
                let (document, _) = try! MapDocument.open(path: map, access: .readOnly)
                opened = document.system
                document.close()
            }))
            let system = opened!
            var context = ExportContext(mapName: "map", date: "2026-01-01", searchPath: "/nonexistent")
            context.today = 20_000
            row("`show` (the whole map)", index, median(timeRuns(n) { consume(MapText.overview(system, mapName: "map").text.utf8.count) }))
            let card = system.entity(named: Self.somePart)!
            row("`show CARD`", index, median(timeRuns(n) { consume(MapText.card(card, in: system).text.utf8.count) }))
            row("Tab on `show In`", index, median(timeRuns(n) { consume(tab("show In", in: system).action) }))
            for format in [ExportFormat.dot, .json, .mermaid, .markdown, .html, .chart] {
                let file: String? = format == .html ? "\(work)/g.html" : nil
                row("`export \(format.rawValue)`\(format == .html ? " (no Graphviz)" : "")", index, median(timeRuns(n) {
                    consume(try! makeExport(ExportRequest(format: format, file: file), of: system, context: context).bytes.count)
                }))
            }
            // The views that walk the map from one place: a pattern with what its parts protect, all the way
            // down, and a part's neighbourhood three steps out.
            var patternView = ExportOptions()
            patternView.pattern = Self.somePattern
            var partView = ExportOptions()
            partView.part = Self.somePart
            partView.depth = 3
            for (name, options) in [("`export dot --pattern PATTERN`", patternView), ("`export dot --part CARD --depth 3`", partView)] {
                row(name, index, median(timeRuns(n) {
                    consume(try! makeExport(ExportRequest(format: .dot, options: options), of: system, context: context).bytes.count)
                }))
            }
            // One change, fdatasync and all, on a copy of the map opened read-write.
            let copy = "\(work)/growth-change.parts"
            writeFile(copy, readFile(map))
            unlink(copy + ".lock")
            let (writable, _) = try! MapDocument.open(path: copy, access: .readWrite)
            var i = 0
            row("one change (`set … note`, with its fdatasync)", index, median(timeRuns(runs(100), warmup: 5) {
                i += 1
                try! writable.perform(.change(.setField(name: Self.somePart, field: .part(.note), text: "noticed again \(i)")))
            }))
            writable.close()
            unlink(copy)
            row("`trends`", index, median(timeRuns(n) {
                consume(TrendText.render(Trends(system, today: 20_000), width: 100, unicode: true).utf8.count)
            }))
            // `compare` refuses the map itself: a copy of it stands for the other person's map.
            let other = "\(work)/other.parts"
            writeFile(other, readFile(map))
            defer { unlink(other) }
            for view in ["changes 3", "timeline", "diff 3", "show --at 3", "compare \"\(other)\""] {
                let name = view.hasPrefix("compare") ? "compare MAP (a copy of the map beside it)" : view
                row("`\(name)` (whole process)", index, median(childTimes([partsmap, "--read-only", map, "-c", view], runs: small ? n : 1)))
            }
        }
        out.append("### 8. Growth: each operation at every size, and its time ratio for each 10× of parts")
        out.append("")
        out.append("The fit: the slope b of log(time) = a + b·log(parts), least squares over the sizes from 1,000 up (at 100 parts a process's "
            + "start and fixed costs hide the work), given as 10^b, the time ratio for each 10× of parts; the last column is the plain ratio of the two largest.")
        out.append("")
        out.append("| operation | " + sizes.map { "\(group($0)) parts" }.joined(separator: " | ") + " | fitted × per 10× | last two |")
        out.append("|---|" + sizes.map { _ in "---:|" }.joined() + "---:|---:|")
        var worst: (String, Double) = ("", 0)
        for (name, times) in rows {
            let fitted = Self.growthPer10x(sizes: sizes, times: times)
            let lastTwo = times.count >= 2 ? times[times.count - 1] / max(times[times.count - 2], 1e-9) : 0
            if fitted > worst.1 { worst = (name, fitted) }
            out.append("| \(name) | " + times.map { ms($0) }.joined(separator: " | ")
                + " | \(ratio(fitted))\(fitted > 12 ? " **(above 12×)**" : "") | \(ratio(lastTwo)) |")
        }
        out.append("")
        targets.append(("no operation grows above ~12× per 10× of parts (fitted)", "largest: \(worst.0) \(ratio(worst.1))", worst.1 <= 12))
    }

    /// 10^b for the least-squares line log10(time) = a + b·log10(parts) over the sizes of 1,000 parts and
    /// up (all of them when fewer than two are that large).
    static func growthPer10x(sizes: [Int], times: [Double]) -> Double {
        var points = zip(sizes, times).filter { $0.0 >= 1_000 }
        if points.count < 2 { points = Array(zip(sizes, times)) }
        guard points.count >= 2 else { return 0 }
        let xs = points.map { log10(Double($0.0)) }
        let ys = points.map { log10(max($0.1, 1e-9)) }
        let meanX = xs.reduce(0, +) / Double(xs.count)
        let meanY = ys.reduce(0, +) / Double(ys.count)
        let slope = zip(xs, ys).reduce(0) { $0 + ($1.0 - meanX) * ($1.1 - meanY) } / xs.reduce(0) { $0 + ($1 - meanX) * ($1 - meanX) }
        return pow(10, slope)
    }

    mutating func summary() {
        out.append("### Targets")
        out.append("")
        out.append("| target | measured | met |")
        out.append("|---|---|---|")
        for (target, measured, met) in targets {
            out.append("| \(target) | \(measured) | \(met.map { $0 ? "yes" : "**no**" } ?? "–") |")
        }
    }

    // MARK: Helpers

    func childTimes(_ argv: [String], runs n: Int, stdout: String = "/dev/null") -> [Double] {
        _ = runChild(argv, stdout: stdout)  // warm-up (page cache, dynamic loader)
        return (0..<n).map { _ in
            let result = runChild(argv, stdout: stdout)
            if result.status != 0 { fail("\(argv.joined(separator: " ")) exited with \(result.status)") }
            return result.seconds
        }
    }

    /// Peak RSS of a program, as GNU time reports it. (Not from this process's own wait4: a
    /// child started with posix_spawn (vfork) inherits this process's high-water mark, which
    /// holds the largest map.)
    func peakRSS(_ argv: [String]) -> Int {
        let report = "\(work)/rss.txt"
        let result = runChild(["/usr/bin/time", "-f", "%M", "-o", report] + argv)
        if result.status != 0 { fail("\(argv.joined(separator: " ")) exited with \(result.status)") }
        let text = String(decoding: readFile(report), as: UTF8.self)
        guard let kilobytes = text.split(separator: "\n").last.flatMap({ Int($0) }) else { fail("no RSS in \(report): \(text)") }
        return kilobytes * 1024
    }

    func loadAverage() -> String {
        String(decoding: readFile("/proc/loadavg"), as: UTF8.self).split(separator: " ").prefix(3).joined(separator: " ")
    }

    func fileSize(_ path: String) -> Int {
        var info = stat()
        return stat(path, &info) == 0 ? Int(info.st_size) : 0
    }
}

func p90(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    return sorted[min(sorted.count - 1, Int((Double(sorted.count) * 0.9).rounded(.up)) - 1)]
}

func format1(_ format: String, _ value: Double) -> String {
    var buffer = [CChar](repeating: 0, count: 64)
    _ = withVaList([value]) { vsnprintf(&buffer, 64, format, $0) }
    return String(decoding: buffer.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) }, as: UTF8.self)
}

func ms(_ seconds: Double, _ decimals: Int = -1) -> String {
    let value = seconds * 1000
    let d = decimals >= 0 ? decimals : value < 1 ? 3 : value < 10 ? 2 : value < 100 ? 1 : 0
    return group(Int(value)) == "0" && d == 0 ? format1("%.0f ms", value) : format1("%.\(d)f ms", value).replacingThousands()
}

func ratio(_ value: Double) -> String {
    value >= 100 ? format1("%.0f×", value) : value >= 10 ? format1("%.1f×", value) : format1("%.2f×", value)
}

func perSecond(_ value: Double) -> String {
    value >= 1e6 ? format1("%.2f M", value / 1e6) : format1("%.0f k", value / 1e3)
}

func megabytes(_ bytes: Int) -> String {
    bytes >= 1_000_000 ? format1("%.1f MB", Double(bytes) / 1e6) : format1("%.0f kB", Double(bytes) / 1e3)
}

func group(_ value: Int) -> String {
    let digits = String(value)
    var result = ""
    for (i, c) in digits.enumerated() {
        if i > 0, (digits.count - i) % 3 == 0 { result += "," }
        result.append(c)
    }
    return result
}

extension String {
    /// `12345.6 ms` → `12,345.6 ms`.
    func replacingThousands() -> String {
        guard let dot = firstIndex(where: { $0 == "." || $0 == " " }), let whole = Int(self[..<dot]), whole >= 1000 else { return self }
        return group(whole) + self[dot...]
    }
}

/// What Tab does before anything is drawn, as the line editor does it: the candidates, then what to do
/// with them (insert their common prefix, or list them). Drawing a list is the terminal's share, not timed.
func tab(_ line: String, in system: InnerSystem) -> (candidates: Int, action: CompletionAction) {
    let found = Completer.complete(line, in: system)
    // As the program's TabCompletion.adapt hands them over: a map's names unquoted, with their count and prefix.
    let completions = found.commonPrefix.map { prefix in
        Completions(replacing: found.replacing, count: found.count, commonPrefix: prefix, candidates: { found.candidates })
    } ?? Completions(replacing: found.replacing, candidates: found.candidates, distinct: found.distinct)
    return (completions.count, CompletionAction(typed: line, completions: completions))
}
