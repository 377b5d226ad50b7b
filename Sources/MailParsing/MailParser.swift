// kwfilter — MailParsing: the entry point, raw message bytes → text pieces to scan.

/// Decodes a raw RFC 5322 message into the pieces of text a keyword filter should scan.
///
/// ```swift
/// let mail = MailParser.parse(Array(rawMessage))
/// for part in mail.parts {  // header:Subject, header:From, …, 1, 1.2, 2:header:Subject, …
///   scan(part.text, label: part.name)
/// }
/// ```
///
/// What is emitted, in message order:
/// - the text headers of the top-level message (`Subject`, `From`, `Sender`, `Reply-To`, `To`,
///   `Cc`, `Bcc`, `Comments`, `Keywords`, `Organization`), unfolded, RFC 2047-decoded, raw 8-bit
///   bytes read as UTF-8 or GB18030 (see ``Charsets``); empty values are left out;
/// - every non-empty `text/*` leaf part, transfer-decoded (base64, quoted-printable, 7bit/8bit/binary) and
///   charset-decoded; `text/html` with its markup removed (`赌<b>博</b>` → `赌博`);
/// - for each `message/rfc822` part at path *p*: its text headers as `p:header:Name`, then its
///   body parts as *p*.1, *p*.2, ….
///
/// Parts of other types (`image/*`, `application/*`, …) are attachments and are skipped.
/// A missing `Content-Type` means `text/plain` (inside `multipart/digest`, `message/rfc822`).
///
/// Malformed input never stops parsing. A multipart body without any delimiter line (the
/// trec06c corpus flattened 1,281 such messages) or without a `boundary` is read as one
/// `text/plain` part; a missing close delimiter keeps the last part up to the end; bad base64
/// is decoded as far as it goes. Each such case adds a ``MailProblem``.
///
/// - Complexity: O(*n* × *d*) for *n* bytes nested *d* multipart levels deep;
///   *d* ≤ ``maximumDepth``.
public enum MailParser {
  /// How deeply multiparts and attached messages may nest; deeper parts are skipped, with a
  /// ``MailProblem/Kind-swift.struct/nestingTooDeep`` problem.
  public static let maximumDepth = 24

  /// Parses one message.
  ///
  /// Never throws and never traps, whatever the bytes.
  ///
  /// - Parameter message: the raw message, LF or CRLF line endings.
  public static func parse(_ message: [UInt8]) -> ParsedMail {
    var walker = EntityWalker()
    walker.message(message[...], path: "", depth: 0)
    return ParsedMail(parts: walker.parts, problems: walker.problems)
  }
}
