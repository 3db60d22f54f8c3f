import Testing
@testable import Inference

@Suite struct ThreadPoolTests {
    @Test(arguments: [1, 2, 3, 4])
    func everyTaskRunsOnce(threads: Int) {
        let pool = ThreadPool(threads: threads)
        for tasks in [0, 1, 2, 7, 100] {
            // Each task writes only its own slots, so plain memory is race-free.
            let runs = UnsafeMutablePointer<Int>.allocate(capacity: max(tasks, 1))
            let workers = UnsafeMutablePointer<Int>.allocate(capacity: max(tasks, 1))
            runs.initialize(repeating: 0, count: max(tasks, 1))
            workers.initialize(repeating: -1, count: max(tasks, 1))
            defer { runs.deallocate(); workers.deallocate() }
            pool.parallelFor(tasks) { task, worker in
                runs[task] += 1
                workers[task] = worker
            }
            #expect((0..<tasks).allSatisfy { runs[$0] == 1 }, "\(tasks) tasks on \(threads) threads")
            #expect((0..<tasks).allSatisfy { workers[$0] >= 0 && workers[$0] < threads })
        }
    }

    @Test func poolsComeAndGo() {
        // Workers exit when their pool goes away; creating many must not hang.
        for _ in 0..<20 {
            let pool = ThreadPool(threads: 2)
            pool.parallelFor(4) { _, _ in }
        }
    }
}
