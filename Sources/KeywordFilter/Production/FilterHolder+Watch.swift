// kwfilter — KeywordFilter: polling the list files and reloading when they change.

import Logging
import Synchronization

extension FilterHolder {
  /// Starts watching the list files of ``sources``: every `interval` it compares each file's
  /// identity (inode, size, modification time; for a folder also the folder itself, so a list
  /// added or removed counts) with what it last loaded, and reloads when they differ.
  ///
  /// A change is acted on once two polls in a row see the same new state, so a list that is
  /// being written is not loaded half-written (deploy lists by writing a temporary file and
  /// renaming it over the old one, and no partial state is ever seen). A reload that fails
  /// calls `onError` and keeps the current filter; the watcher tries again at the next change.
  ///
  /// Watching stops when ``FilterWatch/stop()`` is called or the returned handle is released,
  /// or when the holder itself is freed. The watcher is one task that sleeps between polls; the
  /// reload (a synchronous build) runs in that task.
  ///
  /// - Throws: ``FilterError`` when the holder has no sources to watch.
  public func watch(
    every interval: Duration = .seconds(2),
    onReload: @escaping @Sendable (Filter) -> Void = { _ in },
    onError: @escaping @Sendable (any Error) -> Void
  ) throws -> FilterWatch {
    guard sources != nil else {
      throw FilterError(reason: "no word-list sources to watch")
    }
    let logger = self.logger
    let task = Task.detached { [weak self] in
      var candidate: [FileStamp]? = nil
      var failed: [FileStamp]? = nil
      while !Task.isCancelled {
        try? await Task.sleep(for: interval)
        if Task.isCancelled { return }
        guard let holder = self else { return }
        let (current, stamps) = holder.loaded
        guard let sources = current else { return }
        let now = sources.fingerprint()
        if now == stamps || now == failed {  // as loaded, or as it was when it last failed
          candidate = nil
          continue
        }
        if now != candidate {  // changed since the last poll: wait for it to settle
          candidate = now
          continue
        }
        candidate = nil
        logger.debug("kwfilter word lists changed; reloading")
        do {
          onReload(try holder.reload(from: sources))
          failed = nil
        } catch {
          failed = now
          onError(error)
        }
      }
    }
    return FilterWatch(task: task)
  }
}

/// The handle of a running list watcher (see ``FilterHolder/watch(every:onReload:onError:)``).
/// Keep it as long as you want the watching to go on.
public final class FilterWatch: Sendable {
  private let task: Task<Void, Never>

  init(task: Task<Void, Never>) { self.task = task }

  /// Stops watching (a reload in progress finishes first).
  public func stop() { task.cancel() }

  deinit { task.cancel() }
}
