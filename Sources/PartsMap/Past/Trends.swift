/// How the system moves over days: for each part that had check-ins, its activation day by day (the
/// day's latest check-in), the days it was blended and the steps it took; Self-energy day by day; and
/// the days sessions began. What `trends` draws as sparklines and `export chart` as a chart.
public struct Trends: Sendable {
    /// One day's reading of a part.
    public struct Day: Equatable, Sendable {
        public var level: Int
        public var blended: Bool
    }

    public struct Line: Sendable {
        public var name: String
        /// nil for Self-energy.
        public var role: Role?
        /// Day number to that day's reading (the latest of the day).
        public var days: [Int: Day]
        /// Steps taken, by day.
        public var steps: [(day: Int, step: HealingStep)]
    }

    /// The first and last day shown (day numbers, local calendar days since 1970-01-01).
    public var first: Int
    public var last: Int
    /// One line for each part with check-ins in the range, in the map's order.
    public var parts: [Line]
    /// Self-energy (nil when no reading falls in the range).
    public var selfEnergy: Line?
    /// The days sessions started on, with their numbers.
    public var sessions: [(day: Int, number: Int)]

    public var dayCount: Int { last - first + 1 }
    public var isEmpty: Bool { parts.isEmpty && selfEnergy == nil }

    /// The trends of `system`, for one part (nil: all), over the `days` days up to `today` (nil: from
    /// the first reading to the last).
    public init(_ system: InnerSystem, part: EntityID? = nil, days: Int? = nil, today: Int) {
        var lastDay = Int.min, firstDay = Int.max
        func note(_ at: Timestamp?) {
            guard let day = at?.localDay else { return }
            lastDay = max(lastDay, day)
            firstDay = min(firstDay, day)
        }
        system.forEachPart { p in
            guard part == nil || p.pointee.id == part else { return }
            for checkin in p.pointee.checkins { note(checkin.at) }
            for step in p.pointee.steps { note(step.at) }
        }
        if part == nil { for reading in system.selfReadings where reading.energy != nil { note(reading.at) } }
        if let days {
            last = today
            first = today - max(1, days) + 1
        } else if lastDay == Int.min {
            (first, last) = (today, today)
        } else {
            (first, last) = (firstDay, lastDay)
        }
        let range = first...last
        var lines: [Line] = []
        system.forEachPart { p in
            guard part == nil || p.pointee.id == part, !p.pointee.checkins.isEmpty || !p.pointee.steps.isEmpty else { return }
            var line = Line(name: p.pointee.name, role: p.pointee.role, days: [:], steps: [])
            for checkin in p.pointee.checkins {
                guard let day = checkin.at?.localDay, range.contains(day) else { continue }
                line.days[day] = Day(level: checkin.level, blended: checkin.blended)
            }
            for step in p.pointee.steps {
                if let day = step.at?.localDay, range.contains(day) { line.steps.append((day, step.step)) }
            }
            // A part with steps and no check-ins still shows its steps.
            if !line.days.isEmpty || !line.steps.isEmpty { lines.append(line) }
        }
        parts = lines
        selfEnergy = nil
        if part == nil {
            var line = Line(name: "Self-energy", role: nil, days: [:], steps: [])
            for reading in system.selfReadings {
                guard let energy = reading.energy, let day = reading.at?.localDay, range.contains(day) else { continue }
                line.days[day] = Day(level: energy, blended: false)
            }
            if !line.days.isEmpty { selfEnergy = line }
        }
        sessions = system.sessions.compactMap { session in
            guard !session.implicit, let day = session.started?.localDay, range.contains(day) else { return nil }
            return (day, session.number)
        }
    }
}
