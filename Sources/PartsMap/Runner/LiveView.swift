import Glibc

/// `view`: a page for the browser, redrawn after every change without holding up the prompt. The
/// runner hands over the map as a value (a copy costs nothing and is safe to read on another thread:
/// `InnerSystem` is Sendable); a thread of its own draws it — Graphviz, the page, an atomic replace —
/// once a burst of changes has settled, so ten changes in a row give one redraw. Killed mid-redraw, the
/// page is the old one or the new one. (A POSIX thread, not Dispatch: Swift's Dispatch overlay is one more
/// library to load at every start, and only `view` needs a thread.)
final class LiveView: @unchecked Sendable {
    let path: String
    let options: ExportOptions
    private typealias Snapshot = (system: InnerSystem, context: ExportContext)

    // Everything below is guarded by `mutex`; `changedOrDone` wakes the thread and waiters.
    // Allocated, not stored inline: a mutex must not move, and Swift gives no stable address to a property.
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private let changedOrDone = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
    private var pending: Snapshot?
    private var lastChange: UInt64 = 0
    private var firstPending: UInt64 = 0
    /// Draw what is pending without waiting for it to settle (a flush).
    private var urgent = false
    private var drawing = false
    private var stopping = false
    private var problem: String?
    private var drawn = 0
    private var thread: pthread_t?

    /// How long a burst may go quiet before it is drawn, and the longest a change waits.
    static let settleNanoseconds: UInt64 = 150_000_000, longestWaitNanoseconds: UInt64 = 1_000_000_000

    init(path: String, options: ExportOptions) {
        self.path = path
        self.options = options
        pthread_mutex_init(mutex, nil)
        var attributes = pthread_condattr_t()
        pthread_condattr_init(&attributes)
        pthread_condattr_setclock(&attributes, CLOCK_MONOTONIC)
        pthread_cond_init(changedOrDone, &attributes)
        pthread_condattr_destroy(&attributes)
        var started = pthread_t()
        let context = Unmanaged.passRetained(self).toOpaque()  // released when the thread ends
        if pthread_create(&started, nil, { context in
            Unmanaged<LiveView>.fromOpaque(context!).takeRetainedValue().work()
            return nil
        }, context) == 0 {
            thread = started
        } else {
            Unmanaged<LiveView>.fromOpaque(context).release()
        }
    }

    deinit {
        pthread_cond_destroy(changedOrDone)
        pthread_mutex_destroy(mutex)
        changedOrDone.deallocate()
        mutex.deallocate()
    }

    /// The map changed: draw it soon, in the background.
    func changed(_ system: InnerSystem, context: ExportContext) {
        locked {
            let now = Self.now()
            if pending == nil { firstPending = now }
            pending = (system, context)
            lastChange = now
            pthread_cond_broadcast(changedOrDone)
        }
    }

    /// Draws now and waits for it: the first drawing, and the last before partsmap leaves or the view
    /// stops. Without a thread (it could not be started), draws here.
    func flush(_ system: InnerSystem? = nil, context: ExportContext? = nil) {
        guard thread != nil else {
            let snapshot: Snapshot? = locked {
                defer { pending = nil }
                if let system, let context { return (system, context) }
                return pending
            }
            if let snapshot { draw(snapshot) }
            return
        }
        locked {
            if let system, let context { pending = (system, context) }
            urgent = true
            pthread_cond_broadcast(changedOrDone)
            while pending != nil || drawing { pthread_cond_wait(changedOrDone, mutex) }
            urgent = false
        }
    }

    /// Stops the thread once what is pending is drawn.
    func stop() {
        flush()
        locked {
            stopping = true
            pthread_cond_broadcast(changedOrDone)
        }
        if let thread { pthread_join(thread, nil) }
        thread = nil
    }

    /// What went wrong with the last drawing, once (nil: nothing).
    func takeProblem() -> String? { locked { defer { problem = nil }; return problem } }

    /// How many times the page was drawn (a burst of changes should add one).
    var drawings: Int { locked { drawn } }

    /// The thread: waits for a change, lets the burst settle, draws, and again.
    private func work() {
        pthread_mutex_lock(mutex)
        while true {
            while pending == nil, !stopping { pthread_cond_wait(changedOrDone, mutex) }
            if pending == nil, stopping { break }
            // Settle: until no change for a while, or a change has waited long enough, or a flush asks.
            while pending != nil, !urgent {
                let now = Self.now()
                let quietAt = lastChange + Self.settleNanoseconds, latest = firstPending + Self.longestWaitNanoseconds
                if now >= quietAt || now >= latest { break }
                var until = Self.timespec(min(quietAt, latest))
                pthread_cond_timedwait(changedOrDone, mutex, &until)
            }
            guard let snapshot = pending else { continue }
            pending = nil
            drawing = true
            pthread_mutex_unlock(mutex)
            draw(snapshot)
            pthread_mutex_lock(mutex)
            drawing = false
            pthread_cond_broadcast(changedOrDone)
        }
        pthread_mutex_unlock(mutex)
    }

    private func draw(_ snapshot: Snapshot) {
        var context = snapshot.context
        context.livePage = true
        var note: String?
        do {
            let page = try makeExport(ExportRequest(format: .html, options: options), of: snapshot.system, context: context)
            try writeFileAtomically(page.bytes, to: path)
            note = page.warnings.first
        } catch {
            note = "the view could not be redrawn: \(error)"
        }
        locked {
            problem = note
            drawn += 1
        }
    }

    private func locked<T>(_ body: () -> T) -> T {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return body()
    }

    private static func now() -> UInt64 {
        var time = Glibc.timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
    }

    private static func timespec(_ nanoseconds: UInt64) -> Glibc.timespec {
        Glibc.timespec(tv_sec: Int(nanoseconds / 1_000_000_000), tv_nsec: Int(nanoseconds % 1_000_000_000))
    }
}
