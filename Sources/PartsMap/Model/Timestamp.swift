import Glibc

/// A moment, to the second, kept in the journal as ISO-8601 UTC (`2026-11-21T22:40:05Z`).
/// Hand-rolled rather than Foundation's Date so that loading a large journal stays fast and
/// Foundation stays off the startup path.
public struct Timestamp: Comparable, Hashable, Sendable {
    public var secondsSinceEpoch: Int64

    public init(secondsSinceEpoch: Int64) { self.secondsSinceEpoch = secondsSinceEpoch }

    public static func now() -> Timestamp {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return Timestamp(secondsSinceEpoch: Int64(spec.tv_sec))
    }

    public static func < (a: Timestamp, b: Timestamp) -> Bool { a.secondsSinceEpoch < b.secondsSinceEpoch }

    /// `2026-11-21T22:40:05Z`
    public var iso8601: String {
        let (y, mo, d, h, mi, s) = civil
        return "\(pad(y, 4))-\(pad(mo, 2))-\(pad(d, 2))T\(pad(h, 2)):\(pad(mi, 2)):\(pad(s, 2))Z"
    }

    /// The local calendar date, `2026-11-21`, for people to read.
    public var localDate: String {
        var t = time_t(secondsSinceEpoch)
        var parts = tm()
        localtime_r(&t, &parts)
        return Timestamp.date(Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1, Int(parts.tm_mday))
    }

    /// `2026-11-21`; written digit by digit (a diagram dates every answer in its tooltips).
    static func date(_ year: Int, _ month: Int, _ day: Int) -> String {
        guard (0...9999).contains(year), (1...12).contains(month), (1...31).contains(day) else {
            return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
        }
        return String(unsafeUninitializedCapacity: 10) { out in
            func put(_ value: Int, _ width: Int, at offset: Int) {
                var value = value
                for i in stride(from: offset + width - 1, through: offset, by: -1) {
                    out[i] = UInt8(0x30 + value % 10)
                    value /= 10
                }
            }
            put(year, 4, at: 0)
            out[4] = 0x2D
            put(month, 2, at: 5)
            out[7] = 0x2D
            put(day, 2, at: 8)
            return 10
        }
    }

    /// The local calendar day as a day number (days since 1970-01-01), for charts of days.
    public var localDay: Int {
        var t = time_t(secondsSinceEpoch)
        var parts = tm()
        localtime_r(&t, &parts)
        return Timestamp.daysFromCivil(Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1, Int(parts.tm_mday))
    }

    /// A day number's date, `2026-11-21`.
    public static func date(ofDay day: Int) -> String {
        let (y, m, d) = civilFromDays(day)
        return date(y, m, d)
    }

    /// A day number's short date for an axis, `21 Nov`.
    public static func shortDate(ofDay day: Int) -> String {
        let (_, m, d) = civilFromDays(day)
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        return "\(d) \(months[m - 1])"
    }

    /// The local date and time to the minute, `2026-11-21 22:40`.
    public var localDateTime: String {
        var t = time_t(secondsSinceEpoch)
        var parts = tm()
        localtime_r(&t, &parts)
        return "\(localDate) \(pad(Int(parts.tm_hour), 2)):\(pad(Int(parts.tm_min), 2))"
    }

    /// Parses exactly `YYYY-MM-DDTHH:MM:SSZ` from ASCII bytes.
    public init?<Bytes: Collection<UInt8>>(iso8601 bytes: Bytes) where Bytes.Index == Int {
        guard bytes.count == 20 else { return nil }
        let b = bytes.startIndex
        func digits(_ from: Int, _ count: Int) -> Int? {
            var value = 0
            for i in from..<(from + count) {
                let c = bytes[b + i]
                guard c >= 0x30, c <= 0x39 else { return nil }
                value = value * 10 + Int(c - 0x30)
            }
            return value
        }
        guard bytes[b + 4] == 0x2D, bytes[b + 7] == 0x2D, bytes[b + 10] == 0x54,
              bytes[b + 13] == 0x3A, bytes[b + 16] == 0x3A, bytes[b + 19] == 0x5A,
              let y = digits(0, 4), let mo = digits(5, 2), let d = digits(8, 2),
              let h = digits(11, 2), let mi = digits(14, 2), let s = digits(17, 2),
              (1...12).contains(mo), (1...31).contains(d), h < 24, mi < 60, s < 61
        else { return nil }
        let days = Timestamp.daysFromCivil(y, mo, d)
        secondsSinceEpoch = Int64(days) * 86_400 + Int64(h * 3600 + mi * 60 + s)
    }

    public init?(iso8601 text: String) {
        self.init(iso8601: Array(text.utf8))
    }

    private var civil: (Int, Int, Int, Int, Int, Int) {
        let days = Int(secondsSinceEpoch.floorDiv(86_400))
        let secs = Int(secondsSinceEpoch - Int64(days) * 86_400)
        let (y, m, d) = Timestamp.civilFromDays(days)
        return (y, m, d, secs / 3600, secs % 3600 / 60, secs % 60)
    }

    // Howard Hinnant's days_from_civil / civil_from_days (proleptic Gregorian calendar).
    static func daysFromCivil(_ year: Int, _ month: Int, _ day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    static func civilFromDays(_ days: Int) -> (Int, Int, Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }
}

private func pad(_ value: Int, _ width: Int) -> String {
    let s = String(value)
    return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
}

private extension Int64 {
    func floorDiv(_ d: Int64) -> Int64 { self >= 0 ? self / d : (self - d + 1) / d }
}
