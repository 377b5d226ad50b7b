// kwfilter — MailParsing: something wrong with a message, reported as a value.

/// Something malformed or doubtful in a message; parsing went on past it.
///
/// Problems never stop parsing: whatever could be decoded is still in ``ParsedMail/parts``.
/// They are for logs, statistics and headers such as `X-Kwfilter-Problems`.
public struct MailProblem: Sendable, Equatable {
  /// The part the problem is in, named like ``MailPart/name`` (`1.2`, `header:Subject`,
  /// `2:header:Subject`), or `message` for the top-level message as a whole.
  public var part: String
  /// A one-line explanation, such as `base64: 12 invalid characters ignored`.
  public var message: String
  /// What kind of problem it is, for counting.
  public var kind: Kind

  /// Creates a problem.
  public init(part: String, message: String, kind: Kind) {
    self.part = part
    self.message = message
    self.kind = kind
  }
}

extension MailProblem {
  /// A kind of problem.
  ///
  /// An open set: later versions may add kinds, so `switch` with a default.
  public struct Kind: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    /// A short stable identifier, such as `bad-base64`.
    public var rawValue: String
    /// Creates a kind from its identifier.
    public init(rawValue: String) { self.rawValue = rawValue }
    /// The identifier.
    public var description: String { rawValue }

    /// A header section that ends at a line that is not a header field, without a blank line.
    public static let missingHeaderSeparator = Kind(rawValue: "missing-header-separator")
    /// Header lines without leading whitespace that were read as continuations of the field
    /// before them, because more fields follow (a wrapped encoded word or Received line).
    public static let unindentedContinuation = Kind(rawValue: "unindented-continuation")
    /// A `multipart/*` type without a `boundary` parameter.
    public static let missingBoundaryParameter = Kind(rawValue: "missing-boundary-parameter")
    /// A `multipart/*` body in which no delimiter line occurs; the body was read as text.
    public static let boundaryNotFound = Kind(rawValue: "boundary-not-found")
    /// A `multipart/*` body without its closing delimiter: usually a truncated message.
    public static let missingClosingBoundary = Kind(rawValue: "missing-closing-boundary")
    /// Base64 with characters outside the alphabet, or a dangling final character.
    public static let badBase64 = Kind(rawValue: "bad-base64")
    /// A charset that iconv does not know; the text was read as UTF-8 or GB18030.
    public static let unknownCharset = Kind(rawValue: "unknown-charset")
    /// The bytes do not fit the declared charset and were read in another one
    /// (declared `utf-8` that is really GBK, declared `big5` that is really GB2312, …).
    public static let charsetMismatch = Kind(rawValue: "charset-mismatch")
    /// Byte sequences invalid in the charset used; each was replaced by U+FFFD.
    public static let invalidBytes = Kind(rawValue: "invalid-bytes")
    /// A `Content-Transfer-Encoding` other than 7bit, 8bit, binary, base64, quoted-printable.
    public static let unknownTransferEncoding = Kind(rawValue: "unknown-transfer-encoding")
    /// A `Content-Type` that could not be parsed; the part was read as `text/plain`.
    public static let invalidContentType = Kind(rawValue: "invalid-content-type")
    /// Something that looks like an RFC 2047 encoded word but is malformed; kept as literal text.
    public static let malformedEncodedWord = Kind(rawValue: "malformed-encoded-word")
    /// Parts nested deeper than ``MailParser/maximumDepth``; the deeper parts were skipped.
    public static let nestingTooDeep = Kind(rawValue: "nesting-too-deep")
  }
}
