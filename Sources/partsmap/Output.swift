import Glibc

/// Standard output carries what commands produce; standard error carries messages when
/// partsmap is not talking to a person at a terminal (so `-c "export json" > map.json` is clean).
enum Output {
    static func out(_ text: String) { write(fd: 1, text) }

    static func error(_ text: String) { write(fd: 2, text.hasSuffix("\n") ? text : text + "\n") }

    /// An acknowledgement or notice: to the person on a terminal, to standard error otherwise.
    static func message(_ text: String, interactive: Bool) {
        guard !text.isEmpty else { return }
        let line = text.hasSuffix("\n") ? text : text + "\n"
        if interactive { out(line) } else { write(fd: 2, line) }
    }

    /// Bytes to standard output as they are (a large export, a piece at a time).
    static func out(bytes: UnsafeBufferPointer<UInt8>) { write(fd: 1, bytes) }

    private static func write(fd: Int32, _ text: String) {
        var text = text
        text.withUTF8 { write(fd: fd, $0) }
    }

    private static func write(fd: Int32, _ buffer: UnsafeBufferPointer<UInt8>) {
        var offset = 0
        while offset < buffer.count {
            let n = Glibc.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { return }  // a closed pipe: nobody is reading any more
            offset += n
        }
    }
}
