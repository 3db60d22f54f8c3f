import Foundation
import Synchronization

/// A fixed set of worker threads that run the tasks of one kernel call in parallel.
///
/// `parallelFor` hands out task indices from an atomic counter to the calling thread and the
/// workers, and returns when all tasks are done. Between calls the workers spin briefly (kernel
/// calls follow each other within microseconds while a model runs) and then sleep on a condition
/// variable, so an idle interpreter costs no CPU. Nothing is allocated per call.
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

    /// Runs `body(task, worker)` for every task in `0..<tasks`, spread over the threads.
    ///
    /// `worker` is in `0..<threadCount` and unique among concurrently running bodies, so it can
    /// index per-thread scratch memory. Returns when every task has finished.
    func parallelFor(_ tasks: Int, _ body: (_ task: Int, _ worker: Int) -> Void) {
        if threadCount == 1 || tasks <= 1 {
            for task in 0..<tasks { body(task, 0) }
            return
        }
        withoutActuallyEscaping(body) { escapable in
            shared.run(tasks: tasks, workers: threadCount - 1, body: escapable)
        }
    }

    /// The state the caller and the workers share; workers keep it alive until they exit.
    private final class SharedState: @unchecked Sendable {
        /// Bumped once per call; workers wait for it to change.
        private let generation = Atomic<Int>(0)
        /// Next task index to hand out.
        private let nextTask = Atomic<Int>(0)
        /// Workers still busy with the current call.
        private let busyWorkers = Atomic<Int>(0)
        /// Workers asleep (or about to sleep) on `condition`.
        private let sleepers = Atomic<Int>(0)
        /// Set when the pool goes away; workers exit.
        private let stopping = Atomic<Bool>(false)
        private let condition = NSCondition()

        /// The current call's body and task count: written by the caller before `generation` is
        /// bumped, read by workers after they observe the bump.
        private nonisolated(unsafe) var body: ((Int, Int) -> Void)?
        private nonisolated(unsafe) var taskCount = 0

        /// How many polls a worker spins for before it sleeps (roughly a millisecond).
        private static let spinLimit = 100_000

        func run(tasks: Int, workers: Int, body: @escaping (Int, Int) -> Void) {
            self.body = body
            taskCount = tasks
            nextTask.store(0, ordering: .relaxed)
            busyWorkers.store(workers, ordering: .relaxed)
            bump()
            runTasks(worker: 0)
            while busyWorkers.load(ordering: .acquiring) > 0 {}
            self.body = nil
        }

        func stop() {
            stopping.store(true, ordering: .sequentiallyConsistent)
            bump()
        }

        /// Publishes a new generation and wakes sleeping workers.
        private func bump() {
            generation.add(1, ordering: .sequentiallyConsistent)
            if sleepers.load(ordering: .sequentiallyConsistent) > 0 {
                condition.lock()
                condition.broadcast()
                condition.unlock()
            }
        }

        /// Takes task indices until none are left.
        private func runTasks(worker: Int) {
            guard let body else { return }
            while true {
                let task = nextTask.add(1, ordering: .relaxed).oldValue
                guard task < taskCount else { return }
                body(task, worker)
            }
        }

        func workerLoop(worker: Int) {
            // Generation 0 is the pool's start: a worker that starts late must still take part
            // in any call published before it ran, so it does not read the current value.
            var seen = 0
            while true {
                var spins = 0
                var current = generation.load(ordering: .acquiring)
                while current == seen && spins < Self.spinLimit {
                    spins += 1
                    current = generation.load(ordering: .acquiring)
                }
                if current == seen {
                    condition.lock()
                    sleepers.add(1, ordering: .sequentiallyConsistent)
                    while generation.load(ordering: .sequentiallyConsistent) == seen {
                        condition.wait()
                    }
                    sleepers.subtract(1, ordering: .sequentiallyConsistent)
                    condition.unlock()
                    current = generation.load(ordering: .acquiring)
                }
                seen = current
                if stopping.load(ordering: .acquiring) { return }
                runTasks(worker: worker)
                busyWorkers.subtract(1, ordering: .releasing)
            }
        }
    }
}
