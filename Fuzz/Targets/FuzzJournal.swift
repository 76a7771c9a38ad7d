import Glibc

// libFuzzer entry point: bytes as a map file (see FuzzChecks.journal). Each input is written to a scratch
// file in a private folder of this process's own, under $PARTSMAP_FUZZ_SCRATCH or /dev/shm (memory),
// removed when the fuzzer exits.
nonisolated(unsafe) private var scratchFolder: String = {
    let base = getenv("PARTSMAP_FUZZ_SCRATCH").map { String(cString: $0) } ?? "/dev/shm"
    var template = Array("\(base)/partsmap-fuzz-XXXXXX".utf8CString)
    guard let made = mkdtemp(&template) else { fatalError("cannot make a scratch folder in \(base)") }
    atexit {
        unlink(scratchFolder + "/map.parts")
        rmdir(scratchFolder)
    }
    return String(cString: made)
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJournal(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = size == 0 ? [] : Array(UnsafeBufferPointer(start: data, count: size))
    do {
        try FuzzChecks.journal(bytes, scratchPath: scratchFolder + "/map.parts")
    } catch {
        fatalError("\(error)")
    }
    return 0
}
