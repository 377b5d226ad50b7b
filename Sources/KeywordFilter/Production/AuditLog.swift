// kwfilter — KeywordFilter: the append-only audit log file, shared safely between processes.

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Appends ``AuditRecord``s to a file, one JSON line each.
///
/// Each record is written with a single `write(2)` on a descriptor opened with
/// `O_WRONLY | O_APPEND | O_CREAT` just for that record, then closed. So:
///
/// - **Processes share one log.** With `O_APPEND` the kernel moves to the end of the file and
///   writes in one step, so lines from concurrent writers (threads or `kwfilter` processes)
///   never overwrite or cut into each other on a local file system. (NFS does not keep that
///   promise; log to a local disk.)
/// - **Rotation needs no signal.** `logrotate`'s default (rename the file, create a new one)
///   works: the next record opens the path again and lands in the new file. `copytruncate`
///   works too.
///
/// The file is created with mode `0640` (less the process umask). Records name the terms that
/// matched, not the text around them.
public final class AuditLog: Sendable {
  /// The log file's path.
  public let path: String

  /// Checks that `path` can be opened for appending (creating it if needed).
  ///
  /// - Throws: ``AuditLogError`` when it cannot.
  public init(path: String) throws(AuditLogError) {
    self.path = path
    let fd = try openForAppend()
    close(fd)
  }

  /// Appends one record as one line, in one `write`.
  ///
  /// - Throws: ``AuditLogError`` when the file cannot be opened or the line cannot be written
  ///   whole (a full disk, say).
  public func append(_ record: AuditRecord) throws(AuditLogError) {
    var line = Array(record.jsonLine.utf8)
    let fd = try openForAppend()
    defer { close(fd) }
    while true {
      let n = line.withUnsafeMutableBytes { write(fd, $0.baseAddress, $0.count) }
      if n == line.count { return }
      if n < 0 && errno == EINTR { continue }  // nothing was written: try the whole line again
      let reason =
        n < 0 ? String(cString: strerror(errno)) : "short write (\(n) of \(line.count) bytes)"
      throw AuditLogError(path: path, reason: reason)
    }
  }

  /// Appends the record of a complete input when `matches` is not empty (and does nothing
  /// when it is): the hook to call after each scan.
  public func record(
    input name: String, bytes: UnsafeRawBufferPointer, matches: [Match],
    action: AuditRecord.Action, key: String? = nil
  ) throws(AuditLogError) {
    if matches.isEmpty { return }
    try append(AuditRecord(input: name, bytes: bytes, matches: matches, action: action, key: key))
  }

  private func openForAppend() throws(AuditLogError) -> Int32 {
    while true {
      let fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o640)
      if fd >= 0 { return fd }
      if errno == EINTR { continue }
      throw AuditLogError(path: path, reason: String(cString: strerror(errno)))
    }
  }
}

/// The audit log could not be opened or written (`path: reason`).
public struct AuditLogError: Error, Sendable, CustomStringConvertible, Equatable {
  /// The log file.
  public let path: String
  /// Why.
  public let reason: String

  /// Creates an error.
  public init(path: String, reason: String) {
    self.path = path
    self.reason = reason
  }

  /// `audit log PATH: reason`.
  public var description: String { "audit log \(path): \(reason)" }
}
