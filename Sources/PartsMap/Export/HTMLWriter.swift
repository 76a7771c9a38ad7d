/// The handout as one HTML file to open in any browser and print: title and date, the diagram
/// (Graphviz's SVG, inline), every part's card with its fields, ties and dated answers, the patterns
/// with their reflections, and the sessions. Nothing outside the file: no fonts, styles, scripts or
/// images from anywhere else. Every piece of the person's text is escaped, so a name like
/// `</svg><script>` is text on the page.
enum HTMLWriter {
    static func write(system: InnerSystem, view: MapView, diagram: Diagram, svg: [UInt8]?, context: ExportContext) -> String {
        var out = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="generator" content="partsmap">
            <title>\(text(diagram.title))</title>
            <style>\(style)</style>
            </head>
            <body>

            """
        func line(_ html: String) { out += html + "\n" }
        line("<header>")
        line("<h1>\(text(diagram.title))</h1>")
        var about: [String] = []
        if !context.date.isEmpty { about.append(text(context.date)) }
        if let caption = view.caption { about.append(text(caption)) }
        about.append("a map of parts, in their own words, to bring to a session")
        line("<p class=\"about\">\(about.joined(separator: " · "))</p>")
        line("</header>")

        line("<section class=\"diagram\" aria-label=\"Diagram of the map: the parts, how they relate, and the patterns they show up in\">")
        if let svg {
            line(inlineSVG(svg))
        } else {
            line("<p class=\"note\">The diagram needs Graphviz's <code>dot</code>, which was not found; the cards below hold everything on the map.</p>")
        }
        line("</section>")

        if view.isEmpty { line("<p class=\"note\">\(text(view.emptyNote ?? "Nothing is mapped yet."))</p>") }

        let ties = HandoutTies(view)
        func names(_ ids: [EntityID]) -> String {
            ids.map { "<span class=\"name\">\(text(ties.names[$0]))</span>" }
                .joined(separator: ", ")
        }
        let parts = view.partIDs.map { system.parts[$0]! }
        if !parts.isEmpty {
            line("<section class=\"parts\">")
            line("<h2>Parts</h2>")
            for part in parts {
                line("<article class=\"card part \(part.role.rawValue)\">")
                line("<h3>\(text(part.name))</h3>")
                line("<p class=\"role\">\(text(ExportText.roleWord(part.role)))</p>")
                let fields = PartField.allCases.compactMap { field in
                    part.fields[field].flatMap { $0.isEmpty ? nil : (field.title, $0) }
                }
                if !fields.isEmpty {
                    line("<dl>")
                    for (title, value) in fields { line("<dt>\(text(title))</dt><dd>\(paragraph(value))</dd>") }
                    line("</dl>")
                }
                let tied = ties.labelled(part.id)
                if !tied.isEmpty {
                    line("<p class=\"ties\">" + tied.map { "<b>\(text($0.label)):</b> \(names($0.ids))" }.joined(separator: " · ") + "</p>")
                }
                if !part.steps.isEmpty {
                    line("<p class=\"ties\"><b>Steps taken:</b> " + part.steps.map { step in
                        text(step.step.rawValue) + (ExportText.date(step.at).map { " (\(text($0)))" } ?? "") + (step.text.isEmpty ? "" : " — " + text(step.text))
                    }.joined(separator: "; ") + "</p>")
                }
                writeAnswers(part.answers, heading: "What it has said", into: &out)
                line("</article>")
            }
            line("</section>")
        }

        let patterns = view.patternIDs.map { system.patterns[$0]! }
        if !patterns.isEmpty {
            line("<section class=\"patterns\">")
            line("<h2>Relationship patterns</h2>")
            for pattern in patterns {
                line("<article class=\"card pattern\">")
                line("<h3>\(text(pattern.name))</h3>")
                if !pattern.with.isEmpty { line("<p class=\"with\">with \(text(pattern.with))</p>") }
                if !pattern.description.isEmpty { line("<p>\(paragraph(pattern.description))</p>") }
                let linked = ties.patterns[pattern.id] ?? []
                line(linked.isEmpty ? "<p class=\"note\">No parts are linked to it yet.</p>"
                                    : "<p class=\"ties\"><b>Parts that show up here:</b> \(names(linked))</p>")
                let echoes = ties.labelledEchoes(pattern.id)
                if !echoes.isEmpty {
                    line("<p class=\"ties\">" + echoes.map { "<b>\(text($0.label)):</b> \(names($0.ids))" }.joined(separator: " · ") + "</p>")
                }
                writeAnswers(pattern.answers, heading: "Reflections", into: &out)
                if !pattern.incidents.isEmpty {
                    line("<h4>Looking back</h4>")
                    line("<ul class=\"incidents\">")
                    for (index, incident) in pattern.incidents.enumerated() {
                        line("<li><b>\(text(incident.kind.rawValue)) \(index + 1)</b>\(incident.title.isEmpty ? "" : " — " + text(incident.title))"
                             + "\(ExportText.date(incident.at).map { " <span class=\"when\">\(text($0))</span>" } ?? "")"
                             + "\(incident.isOpen ? " (open: the repair is still to come)" : "")<br>\(text(MapText.shortForm(incident)))</li>")
                    }
                    line("</ul>")
                }
                line("</article>")
            }
            line("</section>")
        }

        let recent = HandoutCheckins(system, parts: Set(view.partIDs))
        if !recent.checkins.isEmpty || !recent.selfReadings.isEmpty {
            line("<section class=\"checkins\">")
            line("<h2>Recent check-ins</h2>")
            if !recent.checkins.isEmpty {
                line("<table><thead><tr><th>Date</th><th>Part</th><th>How strongly (0–10)</th><th>Blended</th><th>What set it off</th></tr></thead><tbody>")
                for (part, checkin) in recent.checkins {
                    line("<tr><td>\(text(ExportText.date(checkin.at) ?? ""))</td><td>\(text(part.name))</td><td>\(checkin.level)</td>"
                         + "<td>\(checkin.blended ? "yes" : "")</td><td>\(text(checkin.text))</td></tr>")
                }
                line("</tbody></table>")
            }
            if !recent.selfReadings.isEmpty {
                line("<p><b>Self-energy:</b> " + recent.selfReadings.map { reading in
                    text((ExportText.date(reading.at).map { "\($0) " } ?? "") + (reading.energy.map { "\($0)/10" } ?? reading.note))
                }.joined(separator: " · ") + "</p>")
            }
            line("</section>")
        }

        let sessions = system.sessions.filter { !$0.implicit || $0.changeCount > 0 }
        if !sessions.isEmpty {
            line("<section class=\"sessions\">")
            line("<h2>Sessions</h2>")
            line("<ol>")
            for session in sessions {
                line("<li value=\"\(session.number)\"><span class=\"when\">\(text(SessionText.when(session)))</span> "
                     + "\(text(SessionText.title(session))) — \(text(Wording.count(session.changeCount, "change")))</li>")
            }
            line("</ol>")
            line("</section>")
        }

        line("<footer><p>Made with partsmap. Every part here is trying to help in its own way. This map is a way of "
             + "getting curious about an inner world — not a diagnosis and not therapy.</p></footer>")
        if context.livePage { line("<script>\(reloading)</script>") }
        line("</body>")
        line("</html>")
        return out
    }

    /// `view`'s page re-reads its own file every two seconds (a page from `file://` may not fetch it), and
    /// keeps the reader's place across the reload. It counts its loads, for the browser test.
    static let reloading = """

        (function () {
          var store = window.sessionStorage, place = "partsmap-view-scroll", count = "partsmap-view-loads";
          var loads = Number(store.getItem(count) || 0) + 1;
          store.setItem(count, String(loads));
          document.documentElement.setAttribute("data-loads", String(loads));
          var y = store.getItem(place);
          if (y !== null) window.scrollTo(0, Number(y));
          setTimeout(function () { store.setItem(place, String(window.scrollY)); location.reload(); }, 2000);
        })();

        """

    private static func writeAnswers(_ answers: [Answer], heading: String, into out: inout String) {
        guard !answers.isEmpty else { return }
        out += "<h4>\(text(heading))</h4>\n<ul class=\"answers\">\n"
        for answer in answers {
            let date = ExportText.date(answer.at).map { " <span class=\"when\">\(text($0))</span>" } ?? ""
            out += "<li><p class=\"question\">\(text(answer.question.wording))\(date)</p>"
                + "<blockquote>\(paragraph(answer.text))</blockquote></li>\n"
        }
        out += "</ul>\n"
    }

    /// Graphviz's SVG without what only a standalone file needs (the XML declaration, the doctype,
    /// its comments): the HTML parser reads the `<svg>` element itself. Graphviz has escaped every label.
    static func inlineSVG(_ svg: [UInt8]) -> String {
        let opening = Array("<svg".utf8)
        guard let start = svg.indices.first(where: { svg[$0...].starts(with: opening) }) else { return "" }
        var end = svg.endIndex
        while end > start, svg[end - 1] == UInt8(ascii: "\n") { end -= 1 }
        return String(decoding: svg[start..<end], as: UTF8.self)
    }

    /// The person's text on one line of HTML: the five characters HTML reads escaped, control characters dropped.
    static func text(_ value: String) -> String {
        // Most text needs no escape (one pass over its bytes): it goes in whole. 0xC2 may begin a C1 control.
        let plain = value.utf8.allSatisfy { byte in
            byte >= 0x20 && byte != 0x7F && byte != 0xC2 && byte != 0x26 && byte != 0x3C && byte != 0x3E && byte != 0x22 && byte != 0x27
        }
        return plain ? value : escapedBytes(value)
    }

    /// `escapedText` over the UTF-8 bytes, runs of plain bytes copied as they are: most text that needs an
    /// escape needs one or two (an apostrophe), and appending scalar by scalar cost most of a handout's time.
    static func escapedBytes(_ value: String) -> String {
        var value = value
        return value.withUTF8 { bytes in
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count + 16)
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                switch byte {
                case 0x26: out.append(contentsOf: "&amp;".utf8)
                case 0x3C: out.append(contentsOf: "&lt;".utf8)
                case 0x3E: out.append(contentsOf: "&gt;".utf8)
                case 0x22: out.append(contentsOf: "&quot;".utf8)
                case 0x27: out.append(contentsOf: "&#39;".utf8)
                case 0x0A, 0x0D, 0x09: out.append(0x20)
                case ..<0x20, 0x7F: break  // a control character is dropped
                // U+0080–U+009F (C1 controls) are C2 80–C2 9F in valid UTF-8: dropped, both bytes.
                case 0xC2 where index + 1 < bytes.count && (0x80...0x9F).contains(bytes[index + 1]): index += 1
                default: out.append(byte)
                }
                index += 1
            }
            return String(decoding: out, as: UTF8.self)
        }
    }

    /// `text` done the long way, scalar by scalar (what its fast path must equal).
    static func escapedText(_ value: String) -> String {
        var out = ""
        out.reserveCapacity(value.utf8.count)
        for scalar in value.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\n", "\r", "\t": out += " "
            default:
                if Escaping.isControl(scalar) { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Text that may run over several lines: each line break kept as `<br>`.
    static func paragraph(_ value: String) -> String {
        ExportText.paragraphs(value).map(text).joined(separator: "<br>")
    }

    /// Screen and print: readable type, the palette of the diagram's roles, the diagram on its own page
    /// when printed (scaled to fit), no card split across two pages.
    static let style = """

        body { font: 16px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; color: #222; background: #fff; margin: 0 auto; max-width: 60rem; padding: 1.5rem; }
        header h1 { margin-bottom: 0.2rem; }
        .about, .role, .with, .when, .note { color: #555; font-style: italic; }
        .diagram { margin: 1.5rem 0; text-align: center; }
        .diagram svg { max-width: 100%; height: auto; }
        .card { border: 1px solid #ccc; border-left: 6px solid #999; border-radius: 6px; padding: 0.6rem 1rem; margin: 1rem 0; }
        .card.manager { border-left-color: #0072b2; }
        .card.firefighter { border-left-color: #d55e00; }
        .card.exile { border-left-color: #cc79a7; }
        .card.pattern { border-left-color: #009e73; }
        .card h3 { margin: 0.2rem 0; }
        dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.2rem 1rem; }
        dt { font-weight: 600; }
        dd { margin: 0; }
        table { border-collapse: collapse; margin: 0.5rem 0; }
        th, td { border-bottom: 1px solid #ddd; padding: 0.2rem 0.6rem; text-align: left; vertical-align: top; }
        .checkins { break-inside: avoid; }
        blockquote { margin: 0.2rem 0 0.6rem 1rem; padding-left: 0.8rem; border-left: 3px solid #ddd; }
        .answers { list-style: none; padding-left: 0; }
        .question { margin: 0.4rem 0 0; font-weight: 600; }
        .name, .card, blockquote, dd, h3 { overflow-wrap: anywhere; }
        footer { margin-top: 2rem; color: #555; font-size: 0.9rem; }
        @media print {
          body { max-width: none; padding: 0; font-size: 11pt; }
          .diagram { break-after: page; page-break-after: always; height: 95vh; display: flex; align-items: center; justify-content: center; }
          .diagram svg { max-width: 100%; max-height: 95vh; width: auto; }
          .card, li { break-inside: avoid; page-break-inside: avoid; }
          h2, h3 { break-after: avoid; page-break-after: avoid; }
        }

        """
}
