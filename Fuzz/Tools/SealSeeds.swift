import Glibc

@testable import PartsMap

// Built and run by Fuzz/seal-seeds: libFuzzer hands each file named on its command line to this entry point
// once. A plain map file that reads (its lines may not apply) is written to $SEALED_OUT sealed as partsmap seals it (MapDocument.encrypt), with
// the fuzz passphrase at scrypt cost 2^10, so the journal target has sealed seeds with records worth opening.
nonisolated(unsafe) private var written = 0

@_cdecl("LLVMFuzzerTestOneInput")
public func sealSeed(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = size == 0 ? [] : Array(UnsafeBufferPointer(start: data, count: size))
    guard !SealedHeader.isSealed(bytes), let contents = try? JournalFile.inMemory(bytes, path: "seed").read(),
          contents.tornTail == nil, contents.lines.count > 1 else { return 0 }
    let seal = try! MapSeal.create(passphrase: FuzzChecks.sealPassphrase, cost: ScryptCost(log2N: 10, r: 8, p: 1))
    var lines = [seal.headerLine]
    for line in contents.lines {
        if case .header = JournalFormat.classify(line) { continue }
        lines.append(seal.seal(line, line: lines.count + 1))
    }
    written += 1
    let path = String(cString: getenv("SEALED_OUT")) + "/sealed-\(written)"
    let text = lines.map { $0 + "\n" }.joined()
    guard let file = fopen(path, "w") else { fatalError("cannot write \(path)") }
    fputs(text, file)
    fclose(file)
    return 0
}
