import Testing
@testable import Inference

@Suite struct ThreadPoolTests {
    /// Records which tasks ran and on which worker slot; each task writes only its own slots.
    final class Recorder: ParallelWork {
        let runs: UnsafeMutablePointer<Int>
        let workers: UnsafeMutablePointer<Int>
        let count: Int

        init(tasks: Int) {
            count = max(tasks, 1)
            runs = .allocate(capacity: count)
            workers = .allocate(capacity: count)
            runs.initialize(repeating: 0, count: count)
            workers.initialize(repeating: -1, count: count)
        }

        deinit {
            runs.deallocate()
            workers.deallocate()
        }

        func perform(task: Int, worker: Int) {
            runs[task] += 1
            workers[task] = worker
        }
    }

    @Test(arguments: [1, 2, 3, 4])
    func everyTaskRunsOnce(threads: Int) {
        let pool = ThreadPool(threads: threads)
        for tasks in [0, 1, 2, 7, 100] {
            let recorder = Recorder(tasks: tasks)
            pool.parallelFor(tasks, recorder)
            #expect((0..<tasks).allSatisfy { recorder.runs[$0] == 1 }, "\(tasks) tasks on \(threads) threads")
            #expect((0..<tasks).allSatisfy { recorder.workers[$0] >= 0 && recorder.workers[$0] < threads })
        }
    }

    @Test func poolsComeAndGo() {
        // Workers exit when their pool goes away; creating many must not hang.
        for _ in 0..<20 {
            let pool = ThreadPool(threads: 2)
            pool.parallelFor(4, Recorder(tasks: 4))
        }
    }
}
