import Foundation
import Synchronization

/// Work split into independent tasks: a kernel call that `ThreadPool.parallelFor` spreads over
/// threads.
///
/// Kernels conform themselves and keep the current call's arguments in stored properties, so
/// that handing work to the pool allocates nothing (a closure converted to an escaping one to
/// reach the workers would be boxed on the heap at every call).
protocol ParallelWork: AnyObject {
    /// Runs task `task`; `worker` is in `0..<threadCount` and unique among tasks running at
    /// the same time (an index for per-thread scratch memory).
    func perform(task: Int, worker: Int)
}

/// A fixed set of worker threads that run the tasks of one kernel call in parallel.
///
/// `parallelFor` publishes a call (its work and task count) and then takes tasks itself; idle
/// workers join in. Tasks are claimed from one atomic word holding the call's generation, task
/// count and next task index, so a worker that wakes late can never run a task of a call that
/// has finished: it only ever runs a task it claimed while that call was still open. The caller
/// returns as soon as every task has completed; it never waits for a worker that claimed
/// nothing (which matters on a busy machine, where a worker may not be scheduled for a while).
/// Between calls workers spin briefly, then sleep on a condition variable. Nothing is
/// allocated per call.
final class ThreadPool: @unchecked Sendable {
    /// Threads that run tasks, the caller included.
    let threadCount: Int
    private let shared: SharedState

    /// Creates a pool that runs tasks on `threads` threads (the caller plus `threads - 1` workers).
    init(threads: Int) {
        threadCount = max(1, threads)
        shared = SharedState()
        for worker in 1..<threadCount {
            let state = shared
            let thread = Thread { state.workerLoop(worker: worker) }
            thread.name = "formcheck-inference-\(worker)"
            thread.stackSize = 1 << 20
            thread.start()
        }
    }

    deinit {
        shared.stop()
    }

    /// Runs `work.perform(task:worker:)` for every task in `0..<tasks`, spread over the threads,
    /// and returns when every task has finished. Allocates nothing.
    func parallelFor(_ tasks: Int, _ work: some ParallelWork) {
        if threadCount == 1 || tasks <= 1 {
            for task in 0..<tasks { work.perform(task: task, worker: 0) }
            return
        }
        precondition(tasks < SharedState.maximumTasks, "too many tasks for one call")
        shared.run(tasks: tasks, work: work)
    }

    /// The state the caller and the workers share; workers keep it alive until they exit.
    private final class SharedState: @unchecked Sendable {
        /// Tasks per call are limited by the width of their field in `claims`.
        static let maximumTasks = 1 << 20

        /// generation (bits 40–63) | task count (bits 20–39) | next task (bits 0–19).
        private let claims = Atomic<UInt64>(0)
        /// Tasks of the current call that have finished.
        private let completed = Atomic<Int>(0)
        /// Workers asleep (or about to sleep) on `condition`.
        private let sleepers = Atomic<Int>(0)
        /// Set when the pool goes away; workers exit.
        private let stopping = Atomic<Bool>(false)
        private let condition = NSCondition()
        /// The current call's work: written before the call is published, cleared after every
        /// task completed; read only by a thread that holds a claimed, unfinished task (the
        /// caller keeps the object alive for the whole call).
        private nonisolated(unsafe) unowned(unsafe) var work: (any ParallelWork)?

        /// How many polls a waiting thread spins before it yields or sleeps.
        private static let spinLimit = 50_000

        private static func generation(_ word: UInt64) -> UInt64 { word >> 40 }
        private static func count(_ word: UInt64) -> Int { Int((word >> 20) & 0xF_FFFF) }
        private static func next(_ word: UInt64) -> Int { Int(word & 0xF_FFFF) }

        func run(tasks: Int, work: any ParallelWork) {
            self.work = work
            completed.store(0, ordering: .relaxed)
            let current = claims.load(ordering: .relaxed)
            let generation = (Self.generation(current) + 1) & 0xFF_FFFF
            claims.store(generation << 40 | UInt64(tasks) << 20, ordering: .sequentiallyConsistent)
            wakeSleepers()
            runTasks(of: generation, worker: 0)
            var spins = 0
            while completed.load(ordering: .acquiring) < tasks {
                spins += 1
                if spins > Self.spinLimit { sched_yield() }
            }
            self.work = nil
        }

        func stop() {
            stopping.store(true, ordering: .sequentiallyConsistent)
            let current = claims.load(ordering: .relaxed)
            claims.store(((Self.generation(current) + 1) & 0xFF_FFFF) << 40, ordering: .sequentiallyConsistent)
            wakeSleepers()
        }

        private func wakeSleepers() {
            if sleepers.load(ordering: .sequentiallyConsistent) > 0 {
                condition.lock()
                condition.broadcast()
                condition.unlock()
            }
        }

        /// Claims and runs tasks of call `generation` until none are left or the call changed.
        private func runTasks(of generation: UInt64, worker: Int) {
            var word = claims.load(ordering: .acquiring)
            while Self.generation(word) == generation && Self.next(word) < Self.count(word) {
                let (exchanged, original) = claims.compareExchange(expected: word, desired: word + 1, ordering: .acquiringAndReleasing)
                if exchanged {
                    // The claimed task keeps the call open, so `work` is this call's.
                    work?.perform(task: Self.next(word), worker: worker)
                    completed.add(1, ordering: .releasing)
                    word = word + 1
                } else {
                    word = original
                }
            }
        }

        func workerLoop(worker: Int) {
            // Generation 0 is the pool's start: a worker that starts late still joins any call
            // published before it ran.
            var seen: UInt64 = 0
            while true {
                var spins = 0
                var current = Self.generation(claims.load(ordering: .acquiring))
                while current == seen && spins < Self.spinLimit {
                    spins += 1
                    current = Self.generation(claims.load(ordering: .acquiring))
                }
                if current == seen {
                    condition.lock()
                    sleepers.add(1, ordering: .sequentiallyConsistent)
                    while Self.generation(claims.load(ordering: .sequentiallyConsistent)) == seen {
                        condition.wait()
                    }
                    sleepers.subtract(1, ordering: .sequentiallyConsistent)
                    condition.unlock()
                    current = Self.generation(claims.load(ordering: .acquiring))
                }
                seen = current
                if stopping.load(ordering: .acquiring) { return }
                runTasks(of: current, worker: worker)
            }
        }
    }
}
