// kwfilter — MailParsing: adding status headers to a message, leaving its other bytes alone.

/// Adds header fields to a raw message, as a mail filter (SpamAssassin, procmail) does.
public enum MailHeaders {
  /// The message with `headers` inserted at the end of its top-level header section.
  ///
  /// ```swift
  /// let out = MailHeaders.adding([("X-Kwfilter-Status", "Yes, matches=3")], to: raw)
  /// ```
  ///
  /// - New fields go after the last existing field, in the given order, one line each, ending
  ///   with the message's own line ending: CRLF if its first line ends in CRLF, else LF. If the
  ///   last field has no line ending (a message that is all header), one is added before them.
  ///   A message with no fields gets them at its start. The header section is found as
  ///   ``MailParser`` finds it (a line of only spaces before the body counts as the blank line;
  ///   unindented lines between fields are continuations).
  /// - **Existing `X-Kwfilter-*` fields are removed** (ASCII case-insensitive, continuation
  ///   lines included), so filtering a message twice does not stack them. This is
  ///   SpamAssassin's habit for its own `X-Spam-*` fields. Other fields, even with the same
  ///   name as one being added, are kept.
  /// - Every other byte is unchanged: the fields before and after, the blank line, the body.
  /// - Names keep only visible ASCII other than `:`; in values, CR, LF and other control
  ///   characters except tab become spaces, so a value cannot start a new field. Long values
  ///   are not folded; non-ASCII values are written as raw UTF-8 (RFC 6532).
  ///
  /// - Complexity: O(length of the message).
  public static func adding(_ headers: [(String, String)], to message: [UInt8]) -> [UInt8] {
    let bytes = message[...]
    let block = HeaderBlock(parsing: bytes)
    // The line ending of the first field that is kept (not one of ours), else of the first line.
    let lineEnding: [UInt8] = {
      let kept = block.fields.first { !isOurs(bytes[$0.name]) }
      let from = kept?.lines.lowerBound ?? 0
      guard let newline = message[from...].firstIndex(of: 0x0A) else { return [0x0A] }
      return newline > 0 && message[newline - 1] == 0x0D ? [0x0D, 0x0A] : [0x0A]
    }()
    // No kept field: our headers open the message, so a blank line must follow them, or the
    // text that follows would read as a continuation of our last header next time.
    let keptFields = block.fields.contains { !isOurs(bytes[$0.name]) }

    var out: [UInt8] = []
    out.reserveCapacity(message.count + headers.count * 64)
    var copied = 0
    for field in block.fields where isOurs(bytes[field.name]) {
      out += message[copied..<field.lines.lowerBound]
      copied = field.lines.upperBound
    }
    out += message[copied..<block.fieldsEnd]
    var lines: [UInt8] = []
    for (name, value) in headers {
      let cleanName = name.utf8.filter { $0 > 0x20 && $0 < 0x7F && $0 != UInt8(ascii: ":") }
      guard !cleanName.isEmpty else { continue }
      lines += cleanName
      lines += ": ".utf8
      lines += value.utf8.map { ($0 < 0x20 && $0 != 0x09) || $0 == 0x7F ? 0x20 : $0 }
      lines += lineEnding
    }
    if !lines.isEmpty {
      // A last header line without its line ending (a message that is all header) gets one.
      if let last = out.last, last != 0x0A { out += lineEnding }
      out += lines
      let rest = message[block.fieldsEnd...]
      if !keptFields && !rest.isEmpty
        && !(rest.first == 0x0A || (rest.first == 0x0D && rest.dropFirst().first == 0x0A))
      {
        out += lineEnding
      }
    }
    out += message[block.fieldsEnd...]
    return out
  }

  /// Whether a field name starts with `X-Kwfilter-` (ASCII case-insensitive).
  private static func isOurs(_ name: ArraySlice<UInt8>) -> Bool {
    let prefix = "x-kwfilter-".utf8
    return name.count >= prefix.count
      && asciiCaseInsensitiveEqual(name.prefix(prefix.count), prefix)
  }
}
