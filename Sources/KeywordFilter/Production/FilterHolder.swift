// kwfilter — KeywordFilter: the live filter a service keeps, swapped atomically on reload.

import Logging
import Synchronization

/// Holds the filter a long-running service scans with, and replaces it with a newly built one
/// while scans go on.
///
/// Readers call ``current`` (or ``scan(_:)``, or one of the `matches(in:)` conveniences): they
/// get whichever filter is installed at that instant and keep it — a `Filter` is immutable and
/// reference-counted — until their scan ends, so a scan never sees a mix of two filters, and an
/// old filter is freed when the last scan that holds it ends.
///
/// A reload builds the new filter *outside* any lock (reading and compiling lists takes
/// milliseconds to seconds) and then swaps one reference. So readers never wait for a build;
/// the only lock they ever take is held for that one pointer copy and retain (a few
/// nanoseconds, uncontended in practice). A lock is used rather than a bare atomic pointer
/// because a reader must *retain* the filter it loaded before a concurrent swap can release
/// the last reference to it; the lock makes load-and-retain one step.
///
/// A reload that fails — an unreadable file, a bad line, a list the automaton cannot hold —
/// throws, logs an error, and leaves the current filter in place.
///
/// ```swift
/// let sources = FilterSources(directories: ["/etc/kwfilter/lists"])
/// let holder = try FilterHolder(sources: sources, logger: Logger(label: "kwfilter"))
/// let watch = try holder.watch(every: .seconds(5)) { error in print("reload failed:", error) }
/// let found = holder.matches(in: postBytes)        // from any thread, any time
/// ```
public final class FilterHolder: Sendable {
  /// The installed filter and what it was built from.
  private struct Installed {
    var filter: Filter
    var sources: FilterSources?
    /// The watched files' identities, taken just before the lists were read (so a change
    /// made during the build is seen as a change by the watcher).
    var stamps: [FileStamp]
    /// The ticket of the reload that installed `filter`. Invariant: only ever increases, so a
    /// slow reload that finishes after a newer one cannot put older lists back.
    var ticket: Int
    /// How many filters have been installed (1 for the first).
    var generation: Int
  }

  private let installed: Mutex<Installed>
  /// Tickets handed to reloads in the order they start.
  private let tickets = Atomic<Int>(0)
  /// Where reloads and watch events are logged. Default: nowhere.
  public let logger: Logger

  /// A logger that drops everything (the default).
  public static let silentLogger = Logger(
    label: "kwfilter", factory: { _ in SwiftLogNoOpLogHandler() })

  /// Holds a filter built elsewhere. Without `sources`, ``reload()`` and
  /// ``watch(every:onReload:onError:)`` have nothing to read until ``reload(from:)`` gives them
  /// sources.
  public init(
    filter: Filter, sources: FilterSources? = nil, logger: Logger = FilterHolder.silentLogger
  ) {
    self.installed = Mutex(
      Installed(
        filter: filter, sources: sources, stamps: sources?.fingerprint() ?? [], ticket: 0,
        generation: 1))
    self.logger = logger
  }

  /// Builds the first filter from `sources`.
  ///
  /// - Throws: ``WordlistError`` or ``FilterError`` when the lists are bad.
  public convenience init(sources: FilterSources, logger: Logger = FilterHolder.silentLogger) throws
  {
    let stamps = sources.fingerprint()
    self.init(filter: try sources.build(), sources: sources, logger: logger)
    installed.withLock { $0.stamps = stamps }
  }

  /// The filter installed now. Keep the returned reference for the whole of one scan: later
  /// reloads do not affect it.
  public var current: Filter { installed.withLock { $0.filter } }

  /// The number of filters installed so far: 1 after init, +1 per successful reload or replace.
  public var generation: Int { installed.withLock { $0.generation } }

  /// The sources the installed filter was built from (nil if it was handed in ready-made).
  public var sources: FilterSources? { installed.withLock { $0.sources } }

  /// The sources and the file identities the installed filter was read from.
  var loaded: (sources: FilterSources?, stamps: [FileStamp]) {
    installed.withLock { ($0.sources, $0.stamps) }
  }

  /// Installs a filter built elsewhere.
  public func replace(with filter: Filter) {
    install(filter, sources: nil, stamps: nil, ticket: takeTicket())
  }

  /// Rebuilds the filter from the current ``sources`` and installs it.
  ///
  /// - Returns: The new filter (or, if a reload that started later has already installed
  ///   its filter, the one this call built, which is then dropped).
  /// - Throws: ``WordlistError`` or ``FilterError``; the current filter stays installed.
  @discardableResult
  public func reload() throws -> Filter {
    guard let sources else {
      let error = FilterError(reason: "no word-list sources to reload from")
      logger.error(
        "kwfilter reload failed; keeping the current filter", metadata: ["error": "\(error)"])
      throw error
    }
    return try reload(from: sources)
  }

  /// Builds a filter from `sources` and, if that succeeds, installs it (and remembers
  /// `sources` for later reloads and for the watcher).
  ///
  /// The build runs on the calling thread, outside any lock: scans go on meanwhile with the
  /// current filter.
  ///
  /// - Throws: ``WordlistError`` or ``FilterError``; the current filter stays installed.
  @discardableResult
  public func reload(from sources: FilterSources) throws -> Filter {
    let ticket = takeTicket()
    let stamps = sources.fingerprint()
    let clock = ContinuousClock()
    let started = clock.now
    let filter: Filter
    do {
      filter = try sources.build()
    } catch {
      logger.error(
        "kwfilter reload failed; keeping the current filter", metadata: ["error": "\(error)"])
      throw error
    }
    let generation = install(filter, sources: sources, stamps: stamps, ticket: ticket)
    logger.info(
      "kwfilter word lists reloaded",
      metadata: [
        "entries": "\(filter.entries.count)", "generation": "\(generation)",
        "build": "\(clock.now - started)",
      ])
    return filter
  }

  /// Runs `body` with the current filter; the filter stays alive until `body` returns, whatever
  /// reloads happen meanwhile.
  public func scan<R>(_ body: (Filter) throws -> R) rethrows -> R {
    try body(current)
  }

  /// A stream scanner on the current filter (it keeps that filter for the whole stream).
  public func makeScanner(encoding: InputEncoding = .utf8) -> StreamScanner {
    current.makeScanner(encoding: encoding)
  }

  /// Every match in a complete input, with the current filter.
  public func matches(in bytes: UnsafeRawBufferPointer, encoding: InputEncoding = .utf8) -> [Match]
  {
    current.matches(in: bytes, encoding: encoding)
  }

  /// Every match in a byte array, with the current filter.
  public func matches(in bytes: [UInt8], encoding: InputEncoding = .utf8) -> [Match] {
    current.matches(in: bytes, encoding: encoding)
  }

  /// Every match in a string (UTF-8 byte ranges), with the current filter.
  public func matches(in text: String) -> [Match] {
    current.matches(in: text)
  }

  /// Every match in each document, scanned concurrently with one filter (the current one when
  /// the call starts); see ``Filter/matches(inDocuments:encoding:maxConcurrency:)``.
  public func matches(
    inDocuments documents: [[UInt8]], encoding: InputEncoding = .utf8, maxConcurrency: Int? = nil
  ) async -> [[Match]] {
    await current.matches(
      inDocuments: documents, encoding: encoding, maxConcurrency: maxConcurrency)
  }

  private func takeTicket() -> Int {
    tickets.wrappingAdd(1, ordering: .relaxed).newValue
  }

  /// Swaps `filter` in unless a later reload already installed one. Returns the generation.
  @discardableResult
  /// `stamps` nil keeps the sources and stamps (a filter handed in by ``replace(with:)``).
  private func install(_ filter: Filter, sources: FilterSources?, stamps: [FileStamp]?, ticket: Int)
    -> Int
  {
    // The old filter's last reference may be dropped here; it is released after the lock is
    // left (the `old` binding), so its deinit never runs while readers wait.
    var old: Filter?
    let generation = installed.withLock { state -> Int in
      guard ticket > state.ticket else { return state.generation }
      old = state.filter
      state.filter = filter
      if let stamps {
        state.sources = sources
        state.stamps = stamps
      }
      state.ticket = ticket
      state.generation += 1
      return state.generation
    }
    _ = old
    return generation
  }
}
