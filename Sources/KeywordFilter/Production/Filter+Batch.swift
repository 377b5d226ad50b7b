// kwfilter — KeywordFilter: many documents scanned concurrently, results in input order.

import Synchronization

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

extension Filter {
  /// Every match in each document, scanned concurrently; `result[i]` holds the matches of
  /// `documents[i]`, exactly what ``matches(in:encoding:)-([UInt8],_)`` returns for it.
  ///
  /// Runs one child task per core (or `maxConcurrency`); each takes the next unscanned
  /// document until none are left, so a few long documents among many short ones do not leave
  /// cores idle. The scans are synchronous CPU work on Swift's cooperative thread pool.
  ///
  /// - Complexity: linear in the total size of the documents, divided across the tasks.
  public func matches(
    inDocuments documents: [[UInt8]], encoding: InputEncoding = .utf8, maxConcurrency: Int? = nil
  ) async -> [[Match]] {
    let workers = max(1, min(documents.count, maxConcurrency ?? Filter.processorCount))
    if workers <= 1 { return documents.map { matches(in: $0, encoding: encoding) } }
    let next = BatchCursor()
    var results = [[Match]](repeating: [], count: documents.count)
    await withTaskGroup(of: [(Int, [Match])].self) { group in
      for _ in 0..<workers {
        group.addTask {
          var done: [(Int, [Match])] = []
          while true {
            let i = next.take()
            if i >= documents.count { return done }
            done.append((i, self.matches(in: documents[i], encoding: encoding)))
          }
        }
      }
      for await part in group {
        for (i, found) in part { results[i] = found }
      }
    }
    return results
  }

  /// Cores online (`sysconf(_SC_NPROCESSORS_ONLN)`, at least 1).
  public static var processorCount: Int { max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))) }
}

/// The index of the next document to scan, shared by the batch's tasks.
private final class BatchCursor: Sendable {
  private let next = Atomic<Int>(0)
  func take() -> Int { next.wrappingAdd(1, ordering: .relaxed).oldValue }
}
