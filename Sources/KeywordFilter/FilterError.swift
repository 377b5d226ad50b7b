// kwfilter — KeywordFilter: errors building a filter from valid word lists.

/// A word list parsed, but the filter cannot be built from it (a term that is only noise,
/// too many distinct characters, …). When one entry is at fault, ``source`` names it.
public struct FilterError: Error, Sendable, CustomStringConvertible, Equatable {
  /// `file:line` of the entry at fault, if one is.
  public let source: String?
  /// Why.
  public let reason: String

  /// Creates an error.
  public init(source: String? = nil, reason: String) {
    self.source = source
    self.reason = reason
  }

  /// `file:line: reason`.
  public var description: String { source.map { "\($0): \(reason)" } ?? reason }
}
