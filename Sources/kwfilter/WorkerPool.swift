// kwfilter — the command-line tool: N worker threads; results taken back in submission order.

import Dispatch
import Synchronization

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A fixed set of threads that run submitted jobs; the submitter takes the results back in the
/// order it submitted them (`-j N`: output in input order).
///
/// The submitter bounds the work in flight itself (``OrderedJobs``), so memory stays bounded
/// however many inputs there are.
final class WorkerPool: Sendable {
  /// Jobs not yet taken by a worker, oldest first, and whether the pool is shutting down.
  private let queue = Mutex<(jobs: [@Sendable () -> Void], head: Int, closed: Bool)>(([], 0, false))
  /// One signal per queued job (and one per worker at shutdown).
  private let available = DispatchSemaphore(value: 0)
  private let finished = DispatchSemaphore(value: 0)
  let threads: Int

  /// Starts `threads` worker threads.
  init(threads: Int) {
    self.threads = threads
    for _ in 0..<threads { spawn { [self] in self.work() } }
  }

  /// Queues a job.
  func submit(_ job: @escaping @Sendable () -> Void) {
    queue.withLock { $0.jobs.append(job) }
    available.signal()
  }

  /// Lets the workers finish the queued jobs, then waits for the threads to end.
  func shutdown() {
    queue.withLock { $0.closed = true }
    for _ in 0..<threads { available.signal() }
    for _ in 0..<threads { finished.wait() }
  }

  private func work() {
    while true {
      available.wait()
      let job: (@Sendable () -> Void)? = queue.withLock { q in
        if q.head < q.jobs.count {
          let job = q.jobs[q.head]
          q.head += 1
          if q.head > 1024 && q.head * 2 > q.jobs.count {
            q.jobs.removeFirst(q.head)
            q.head = 0
          }
          return job
        }
        return nil
      }
      guard let job else { break }  // only shutdown signals find the queue empty
      job()
    }
    finished.signal()
  }
}

/// One submitted job's result, handed from the worker to the submitter.
///
/// Safety of `@unchecked Sendable`: `value` is written once by the worker *before*
/// `done.signal()` and read by the submitter only *after* `done.wait()`; the semaphore orders
/// the two.
final class JobSlot<Result: Sendable>: @unchecked Sendable {
  private var value: Result?
  private let done = DispatchSemaphore(value: 0)

  func fill(_ result: Result) {
    value = result
    done.signal()
  }

  func wait() -> Result {
    done.wait()
    return value!
  }
}

/// Submits jobs to a pool and hands their results back in submission order, each with the
/// context it was submitted with, keeping at most `window` jobs submitted and not taken back.
struct OrderedJobs<Context, Result: Sendable> {
  let pool: WorkerPool
  let window: Int
  /// Submitted jobs not yet taken back, oldest first from `head`.
  private var pending: [(Context, JobSlot<Result>)] = []
  private var head = 0

  init(pool: WorkerPool, window: Int) {
    self.pool = pool
    self.window = max(1, window)
  }

  /// Submits `job`; when the window is full, first waits for the oldest job and passes it to
  /// `take`.
  mutating func submit(
    _ job: @escaping @Sendable () -> Result, context: Context, take: (Context, Result) -> Void
  ) {
    if pending.count - head >= window { takeOldest(take) }
    let slot = JobSlot<Result>()
    pending.append((context, slot))
    pool.submit { slot.fill(job()) }
  }

  /// Waits for every job still pending, passing each to `take` in order.
  mutating func drain(take: (Context, Result) -> Void) {
    while head < pending.count { takeOldest(take) }
  }

  private mutating func takeOldest(_ take: (Context, Result) -> Void) {
    let (context, slot) = pending[head]
    let result = slot.wait()
    head += 1
    if head > 1024 {
      pending.removeFirst(head)
      head = 0
    }
    take(context, result)
  }
}

/// Starts a detached POSIX thread running `body`.
private func spawn(_ body: @escaping @Sendable () -> Void) {
  final class Box: @unchecked Sendable {  // handed to exactly one thread
    let body: @Sendable () -> Void
    init(_ body: @escaping @Sendable () -> Void) { self.body = body }
  }
  let box = Unmanaged.passRetained(Box(body)).toOpaque()
  var thread = pthread_t()
  let status = pthread_create(
    &thread, nil,
    { raw in
      let box = Unmanaged<Box>.fromOpaque(raw!).takeRetainedValue()
      box.body()
      return nil
    }, box)
  precondition(status == 0, "pthread_create failed: \(status)")
  pthread_detach(thread)
}
