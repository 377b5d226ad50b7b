// kwfilter — MailParsing: one decoded piece of text from a message.

/// One piece of a message's text, decoded to UTF-8 and ready to scan.
///
/// ``MailParser/parse(_:)`` returns these in message order: first the text headers of the
/// top-level message, then the text body parts depth-first. The filter scans each piece on its
/// own, so a keyword never spans two pieces.
public struct MailPart: Sendable, Equatable {
  /// Where the text came from.
  ///
  /// - `header:<Name>` for a text header of the top-level message, with the header's canonical
  ///   spelling (`header:Subject`, `header:Reply-To`).
  /// - A MIME part path, 1-based as in IMAP: `1` is the body of a non-multipart message,
  ///   `1.2` the second child of the first part, and so on. The body of an attached
  ///   `message/rfc822` at path `2` is `2.1` (or `2.1`, `2.2`, … when it is multipart).
  /// - `<path>:header:<Name>` for a header of a `message/rfc822` part at `<path>`
  ///   (`2:header:Subject`).
  public var name: String
  /// The decoded text as UTF-8.
  ///
  /// Bytes that were invalid in the source charset are replaced by
  /// U+FFFD; HTML has its markup removed (see ``MailParser``).
  public var text: [UInt8]
  /// What kind of text this is: `"header"`, `"text/plain"` or `"text/html"`.
  ///
  /// Other `text/*` subtypes are emitted as
  /// `"text/plain"`, unchanged.
  public var contentType: String

  /// Creates a part.
  public init(name: String, text: [UInt8], contentType: String) {
    self.name = name
    self.text = text
    self.contentType = contentType
  }
}
