import Dispatch
import Glibc

/// `view`: a page for the browser, redrawn after every change without holding up the prompt. The
/// runner hands over the map as a value (a copy costs nothing and is safe to read on another thread:
/// `InnerSystem` is Sendable); a serial queue draws it — Graphviz, the page, an atomic replace — once a
/// burst of changes has settled, so ten changes in a row give one redraw. Killed mid-redraw, the page is
/// the old one or the new one.
final class LiveView: @unchecked Sendable {
    let path: String
    let options: ExportOptions
    private let queue = DispatchQueue(label: "partsmap.view")
    /// Guards `pending`, `generation`, `firstPending` and `problem`.
    private let guardQueue = DispatchQueue(label: "partsmap.view.state")
    private var pending: (system: InnerSystem, context: ExportContext)?
    private var generation = 0
    private var firstPending: UInt64 = 0
    private var problem: String?
    /// How many times the page was drawn (a burst of changes should add one).
    private var drawn = 0
    var drawings: Int { guardQueue.sync { drawn } }
    /// How long a burst may go quiet before it is drawn, and the longest a change waits.
    static let settle = 150, longestWaitNanoseconds: UInt64 = 1_000_000_000

    init(path: String, options: ExportOptions) {
        self.path = path
        self.options = options
    }

    /// The map changed: draw it soon, in the background.
    func changed(_ system: InnerSystem, context: ExportContext) {
        let mine: Int = guardQueue.sync {
            if pending == nil { firstPending = Self.now() }
            pending = (system, context)
            generation += 1
            return generation
        }
        queue.asyncAfter(deadline: .now() + .milliseconds(Self.settle)) { [self] in
            let snapshot: (system: InnerSystem, context: ExportContext)? = guardQueue.sync {
                // A later change will draw, unless changes have kept coming for too long.
                guard mine == generation || Self.now() - firstPending > Self.longestWaitNanoseconds else { return nil }
                defer { pending = nil }
                return pending
            }
            if let snapshot { draw(snapshot.system, context: snapshot.context) }
        }
    }

    /// Draws now and waits for it: the first drawing, and the last before partsmap leaves or the view stops.
    func flush(_ system: InnerSystem? = nil, context: ExportContext? = nil) {
        queue.sync {
            let snapshot = guardQueue.sync { () -> (system: InnerSystem, context: ExportContext)? in
                defer { pending = nil }
                if let system, let context { return (system, context) }
                return pending
            }
            if let snapshot { draw(snapshot.system, context: snapshot.context) }
        }
    }

    /// What went wrong with the last drawing, once (nil: nothing).
    func takeProblem() -> String? { guardQueue.sync { defer { problem = nil }; return problem } }

    private func draw(_ system: InnerSystem, context: ExportContext) {
        var context = context
        context.livePage = true
        do {
            let page = try makeExport(ExportRequest(format: .html, options: options), of: system, context: context)
            try writeFileAtomically(page.bytes, to: path)
            let note = page.warnings.first
            guardQueue.sync { problem = note; drawn += 1 }
        } catch {
            guardQueue.sync { problem = "the view could not be redrawn: \(error)" }
        }
    }

    private static func now() -> UInt64 {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
    }
}
