// libFuzzer entry point: bytes as a map file (see FuzzChecks.journal), read from memory.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJournal(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = size == 0 ? [] : Array(UnsafeBufferPointer(start: data, count: size))
    do {
        try FuzzChecks.journal(bytes)
    } catch {
        fatalError("\(error)")
    }
    return 0
}
