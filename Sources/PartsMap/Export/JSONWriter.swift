/// The whole map as JSON, schema version 1 (documented in docs/json-schema.md). Keys in a
/// fixed order, two-space indentation, names as the person wrote them, roles, kinds and
/// questions as the words of the command language — the same map gives the same bytes.
enum JSONWriter {
    static let version = 1

    static func document(_ system: InnerSystem) -> String {
        let out = JSONOutput()
        out.object {
            out.member("version") { out.raw(String(version)) }
            out.member("parts") {
                out.array(system.parts.values) { part in
                    out.object {
                        out.member("name") { out.string(part.name) }
                        out.member("role") { out.string(part.role.rawValue) }
                        out.member("fields") {
                            out.object {
                                for field in PartField.allCases {
                                    if let value = part.fields[field] { out.member(field.rawValue) { out.string(value) } }
                                }
                            }
                        }
                        out.member("answers") { answers(part.answers, out) }
                        out.member("steps") {
                            out.array(part.steps) { step in
                                out.object {
                                    out.member("step") { out.string(step.step.rawValue) }
                                    out.member("note") { out.string(step.text) }
                                    out.member("at") { out.time(step.at) }
                                }
                            }
                        }
                    }
                }
            }
            out.member("patterns") {
                out.array(system.patterns.values) { pattern in
                    out.object {
                        out.member("name") { out.string(pattern.name) }
                        out.member("with") { out.string(pattern.with) }
                        out.member("description") { out.string(pattern.description) }
                        out.member("answers") { answers(pattern.answers, out) }
                        out.member("incidents") { incidents(pattern, in: system, out) }
                    }
                }
            }
            out.member("relations") {
                out.array(system.relations.elements) { element in
                    // Parts, or patterns for `echoes`: ids are shared, so each names one or the other.
                    func name(_ id: EntityID) -> String { system.parts[id]?.name ?? system.patterns[id]!.name }
                    out.object {
                        out.member("from") { out.string(name(element.key.from)) }
                        out.member("kind") { out.string(element.key.kind.rawValue) }
                        out.member("to") { out.string(name(element.key.to)) }
                        if !element.value.isEmpty { out.member("reason") { out.string(element.value) } }
                    }
                }
            }
            out.member("links") {
                out.array(system.links) { link in
                    out.object {
                        out.member("part") { out.string(system.parts[link.part]!.name) }
                        out.member("pattern") { out.string(system.patterns[link.pattern]!.name) }
                    }
                }
            }
            out.member("sessions") {
                out.array(system.sessions) { session in
                    out.object {
                        out.member("number") { out.raw(String(session.number)) }
                        out.member("title") { out.string(session.title) }
                        out.member("started") { out.time(session.started) }
                        out.member("ended") { out.time(session.ended) }
                        out.member("changes") { out.raw(String(session.changeCount)) }
                    }
                }
            }
            // Check-ins of every part, in the order they were made.
            out.member("checkins") {
                out.array(allCheckins(system)) { (part, checkin) in
                    out.object {
                        out.member("part") { out.string(part.name) }
                        out.member("level") { out.raw(String(checkin.level)) }
                        out.member("blended") { out.raw(checkin.blended ? "true" : "false") }
                        out.member("note") { out.string(checkin.text) }
                        out.member("at") { out.time(checkin.at) }
                    }
                }
            }
            out.member("self") {
                out.array(system.selfReadings) { reading in
                    out.object {
                        out.member("level") { out.raw(reading.level.map(String.init) ?? "null") }
                        out.member("qualities") {
                            out.object { for q in reading.qualities.sorted(by: { SelfQuality.allCases.firstIndex(of: $0.quality)! < SelfQuality.allCases.firstIndex(of: $1.quality)! }) { out.member(q.quality.rawValue) { out.raw(String(q.level)) } } }
                        }
                        out.member("note") { out.string(reading.note) }
                        if let check = reading.check, let part = system.parts[check.part] {
                            out.member("check") {
                                out.object {
                                    out.member("moment") { out.string(check.moment.rawValue) }
                                    out.member("part") { out.string(part.name) }
                                }
                            }
                        }
                        out.member("at") { out.time(reading.at) }
                    }
                }
            }
            out.member("settings") {
                out.object { out.member("selfcheck") { out.raw(system.selfCheckOn ? "true" : "false") } }
            }
        }
        return out.text + "\n"
    }

    /// A pattern's debriefs and ruptures, oldest first: only the questions answered, in the order asked.
    private static func incidents(_ pattern: Pattern, in system: InnerSystem, _ out: JSONOutput) {
        out.array(pattern.incidents.enumerated()) { number, incident in
            out.object {
                out.member("number") { out.raw(String(number + 1)) }
                out.member("kind") { out.string(incident.kind.rawValue) }
                out.member("title") { out.string(incident.title) }
                out.member("at") { out.time(incident.at) }
                out.member("session") { out.raw(String(incident.session)) }
                out.member("open") { out.raw(incident.isOpen ? "true" : "false") }
                out.member("answers") {
                    out.object {
                        for question in incident.kind.questions {
                            if let text = incident[question] { out.member(question.rawValue) { out.string(text) } }
                        }
                    }
                }
                out.member("moments") {
                    out.array(incident.moments) { moment in
                        out.object {
                            for question in MomentQuestion.allCases {
                                guard let text = moment[question] else { continue }
                                out.member(question.rawValue) { out.string(text) }
                                // The part on the map the answer named, by its name now.
                                if question == .part, let id = moment.partID, let part = system.parts[id] {
                                    out.member("mapPart") { out.string(part.name) }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// Every part's check-ins in the order they were made.
    static func allCheckins(_ system: InnerSystem) -> [(Part, Checkin)] {
        var all: [(Part, Checkin)] = []
        for part in system.parts.values where !part.checkins.isEmpty {
            for checkin in part.checkins { all.append((part, checkin)) }
        }
        return all.sorted { $0.1.order < $1.1.order }
    }

    private static func answers(_ answers: [Answer], _ out: JSONOutput) {
        out.array(answers) { answer in
            out.object {
                out.member("question") { out.string(answer.question.rawValue) }
                out.member("answer") { out.string(answer.text) }
                out.member("at") { out.time(answer.at) }
            }
        }
    }

    /// A JSON string literal: `"`, `\` and control characters escaped (`\n`, `\u001F`…), and
    /// U+2028/U+2029 too so the text is also safe inside JavaScript; everything else as UTF-8.
    static func quoted(_ text: String) -> String {
        // Most text needs no escape (one pass over its bytes): it goes in whole. 0xE2 may begin U+2028/U+2029.
        let plain = text.utf8.allSatisfy { $0 >= 0x20 && $0 != 0x22 && $0 != 0x5C && $0 != 0xE2 }
        return plain ? "\"" + text + "\"" : escapedQuoted(text)
    }

    /// `quoted` done the long way, scalar by scalar (what its fast path must equal).
    static func escapedQuoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case "\u{08}": result += "\\b"
            case "\u{0C}": result += "\\f"
            case "\u{2028}": result += "\\u2028"
            case "\u{2029}": result += "\\u2029"
            default:
                if scalar.value < 0x20 {
                    result += "\\u00" + ExportText.hex2(UInt8(scalar.value))
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }
}

/// Pretty-printed JSON being written (a class, so nested writing closures can share it).
final class JSONOutput {
    var text = ""
    private var depth = 0
    /// Whether the current container has had a member or element yet.
    private var started: [Bool] = []

    func raw(_ value: String) { text += value }
    func string(_ value: String) { text += JSONWriter.quoted(value) }
    func time(_ value: Timestamp?) { text += value.map { JSONWriter.quoted($0.iso8601) } ?? "null" }

    func object(_ body: () -> Void) {
        open("{")
        body()
        close("}")
    }

    func member(_ key: String, _ value: () -> Void) {
        nextItem()
        text += JSONWriter.quoted(key) + ": "
        value()
    }

    func array<S: Sequence>(_ items: S, _ element: (S.Element) -> Void) {
        open("[")
        for item in items {
            nextItem()
            element(item)
        }
        close("]")
    }

    private func open(_ bracket: String) {
        text += bracket
        started.append(false)
        depth += 1
    }

    private func close(_ bracket: String) {
        depth -= 1
        if started.removeLast() { text += "\n" + String(repeating: "  ", count: depth) }
        text += bracket
    }

    private func nextItem() {
        if started[started.count - 1] { text += "," }
        started[started.count - 1] = true
        text += "\n" + String(repeating: "  ", count: depth)
    }
}
