// kwfilter — MailParsing: the result of parsing one message.

/// The text pieces of one message, and what was wrong with it.
public struct ParsedMail: Sendable {
  /// Text to scan, in message order: headers first, then body parts depth-first.
  public var parts: [MailPart]
  /// Problems met while parsing, in the order found.
  ///
  /// Empty for a well-formed message.
  public var problems: [MailProblem]

  /// Creates a result.
  public init(parts: [MailPart], problems: [MailProblem]) {
    self.parts = parts
    self.problems = problems
  }
}
