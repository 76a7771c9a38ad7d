import Foundation

/// Debian's `chromium`, headless, as a person's browser would show and print a page: the DOM after
/// it was read, a screenshot, a printed PDF. As root it needs `--no-sandbox`; each run gets a profile of
/// its own so runs never share state.
struct Browser {
    let scratch: URL

    init(scratch: URL) { self.scratch = scratch }

    /// Runs chromium on `page` with `arguments`; its standard output.
    @discardableResult
    func run(_ arguments: [String], page: URL, seconds: Double = 60) throws -> String {
        let profile = scratch.appendingPathComponent("chromium-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: profile) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                             "--user-data-dir=\(profile.path)"] + arguments + [page.absoluteString]
        let out = scratch.appendingPathComponent("chromium-out-\(UUID().uuidString)")
        FileManager.default.createFile(atPath: out.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: out) }
        let handle = try FileHandle(forWritingTo: out)
        process.standardOutput = handle
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(seconds)
        while process.isRunning, Date() < deadline { usleep(50_000) }
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
        try handle.close()
        return String(decoding: try Data(contentsOf: out), as: UTF8.self)
    }

    /// The page's DOM as the browser built it (after any script ran for `budget` ms of virtual time).
    func dom(_ page: URL, budget: Int? = nil) throws -> String {
        try run(["--dump-dom"] + (budget.map { ["--virtual-time-budget=\($0)"] } ?? []), page: page)
    }

    func screenshot(_ page: URL, to png: URL, width: Int = 1000, height: Int = 1400) throws {
        try run(["--screenshot=\(png.path)", "--window-size=\(width),\(height)", "--hide-scrollbars"], page: page)
    }

    func printToPDF(_ page: URL, to pdf: URL) throws {
        try run(["--print-to-pdf=\(pdf.path)", "--no-pdf-header-footer"], page: page)
    }

    /// How much of a PNG is not near-white (0…1): Python's zlib inflates it (no image tools needed).
    static func inkedFraction(_ png: URL) throws -> Double {
        let script = """
            import sys, zlib, struct
            data = open(sys.argv[1], 'rb').read()
            pos, idat, w, h, ct = 8, b'', 0, 0, 0
            while pos < len(data):
                n, kind = struct.unpack('>I4s', data[pos:pos+8]); body = data[pos+8:pos+8+n]; pos += 12 + n
                if kind == b'IHDR': w, h, depth, ct = struct.unpack('>IIBB', body[:10])
                if kind == b'IDAT': idat += body
            raw = zlib.decompress(idat); bpp = {2: 3, 6: 4, 0: 1, 4: 2}[ct]; stride = w * bpp
            prev = bytearray(stride); inked = 0; i = 0
            for y in range(h):
                f = raw[i]; line = bytearray(raw[i+1:i+1+stride]); i += 1 + stride
                for x in range(stride):
                    a = line[x-bpp] if x >= bpp else 0; b = prev[x]; c = prev[x-bpp] if x >= bpp else 0
                    if f == 1: line[x] = (line[x] + a) & 255
                    elif f == 2: line[x] = (line[x] + b) & 255
                    elif f == 3: line[x] = (line[x] + (a + b) // 2) & 255
                    elif f == 4:
                        p = a + b - c; pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                        line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
                for x in range(0, stride, bpp):
                    if min(line[x:x+min(3, bpp)]) < 200: inked += 1
                prev = line
            print(inked / (w * h))
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, png.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Double(String(decoding: output, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1
    }

    /// The text of each page of a PDF (poppler's pdftotext).
    static func pages(_ pdf: URL) throws -> [String] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["pdftotext", "-layout", pdf.path, "-"]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        var pages = String(decoding: output, as: UTF8.self).components(separatedBy: "\u{0C}")
        if pages.last?.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty == true { pages.removeLast() }
        return pages
    }
}
