// kwfilter — KeywordFilter: errors that point at a word-list line.

/// A problem in a word list, naming the file and line (`wordlists/x.txt:17: empty term`).
public struct WordlistError: Error, Sendable, CustomStringConvertible, Equatable {
  /// The file (or the name given to in-memory text).
  public let file: String
  /// The 1-based line, or 0 when the problem is the whole file (e.g. it cannot be read).
  public let line: Int
  /// Why.
  public let reason: String

  /// Creates an error.
  public init(file: String, line: Int, reason: String) {
    self.file = file
    self.line = line
    self.reason = reason
  }

  /// Creates an error from a `file:line` source string.
  init(source: String, reason: String) {
    if let colon = source.lastIndex(of: ":"), let n = Int(source[source.index(after: colon)...]) {
      self.init(file: String(source[..<colon]), line: n, reason: reason)
    } else {
      self.init(file: source, line: 0, reason: reason)
    }
  }

  /// `file:line: reason` (just `file: reason` when no line applies).
  public var description: String {
    line > 0 ? "\(file):\(line): \(reason)" : "\(file): \(reason)"
  }
}
