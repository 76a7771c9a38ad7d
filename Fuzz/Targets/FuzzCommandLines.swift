// libFuzzer entry point: bytes as typed at the prompt, one command a line (see FuzzChecks.commandLines).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCommandLines(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = size == 0 ? [] : Array(UnsafeBufferPointer(start: data, count: size))
    do {
        try FuzzChecks.commandLines(bytes)
    } catch {
        fatalError("\(error)")
    }
    return 0
}
