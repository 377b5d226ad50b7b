// kwfilter — MailParsing: the header section of a message or body part (RFC 5322 §2.2).

/// The header fields at the start of a message or MIME body part, located in the source bytes.
///
/// Lines end in LF or CRLF. A line starting with a space or tab continues the field before it.
/// The section ends at the first empty line, whose line ending is not part of either side; a
/// line of only spaces and tabs counts as empty when no field or continuation follows it.
/// A line that is neither a field (`name:` with a visible-ASCII name) nor a continuation also
/// ends it: the body then starts at that line, and ``missingSeparator`` is set. There is one
/// exception: up to ``maximumStrayLines`` such lines followed by a field line are continuations
/// that lost their indentation (trec06c has 54 messages with a wrapped encoded word like
/// `…v8lS⏎RbA=?=`); ``unindentedContinuations`` counts them. A first line `From ...` (an mbox
/// separator) is skipped.
struct HeaderBlock {
  /// One field; all ranges index the parsed bytes.
  struct Field {
    /// The name, without trailing whitespace before the colon.
    var name: Range<Int>
    /// From after the colon to the end of the field's last line (line ending excluded);
    /// continuation lines included, still folded.
    var value: Range<Int>
    /// The whole field, from its first byte through its last line ending.
    var lines: Range<Int>
  }

  /// The fields in order.
  var fields: [Field] = []
  /// Where the body starts (after the blank line, or at the first non-field line, or the end).
  var bodyStart: Int
  /// Where the header section's fields end: after the last field's line ending (the start of the
  /// section when there are no fields, past an mbox `From ` line).
  var fieldsEnd: Int
  /// Whether the body starts without a blank line before it.
  var missingSeparator = false
  /// Runs of lines without leading whitespace that were taken as continuations.
  var unindentedContinuations = 0

  /// Locates the header section at the start of `bytes`.
  ///
  /// - Complexity: O(length of the header section).
  init(parsing bytes: ArraySlice<UInt8>) {
    var i = bytes.startIndex
    let end = bytes.endIndex
    bodyStart = end
    fieldsEnd = i
    var isFirstLine = true
    while i < end {
      let newline = bytes[i..<end].firstIndex(of: 0x0A)
      let next = newline.map { $0 + 1 } ?? end
      var contentEnd = newline ?? end
      if contentEnd > i && bytes[contentEnd - 1] == 0x0D { contentEnd -= 1 }
      defer { isFirstLine = false }
      if contentEnd == i {  // the blank line
        bodyStart = next
        return
      }
      let first = bytes[i]
      if first == 0x20 || first == 0x09 {
        if bytes[i..<contentEnd].allSatisfy({ $0 == 0x20 || $0 == 0x09 }),
          !Self.headerLineFollows(bytes, at: next)
        {
          // A line of only spaces before the body: meant as the blank line.
          bodyStart = next
          return
        }
        if fields.isEmpty {
          bodyStart = i
          missingSeparator = true
          return
        }
        fields[fields.count - 1].value = fields[fields.count - 1].value.lowerBound..<contentEnd
        fields[fields.count - 1].lines = fields[fields.count - 1].lines.lowerBound..<next
      } else if let (nameEnd, colon) = Self.fieldName(bytes, from: i, to: contentEnd) {
        fields.append(Field(name: i..<nameEnd, value: (colon + 1)..<contentEnd, lines: i..<next))
      } else if isFirstLine && bytes[i..<contentEnd].starts(with: "From ".utf8) {
        // An mbox separator line: not a field, not the body.
      } else if !fields.isEmpty, let runEnd = Self.strayRunEnd(bytes, from: i) {
        // Lines that lost their leading whitespace (a wrapped encoded word, a wrapped
        // Received line), with more fields after them: continuations, not the body.
        var lineEnd = runEnd
        if lineEnd > i && bytes[lineEnd - 1] == 0x0A { lineEnd -= 1 }
        if lineEnd > i && bytes[lineEnd - 1] == 0x0D { lineEnd -= 1 }
        fields[fields.count - 1].value = fields[fields.count - 1].value.lowerBound..<lineEnd
        fields[fields.count - 1].lines = fields[fields.count - 1].lines.lowerBound..<runEnd
        unindentedContinuations += 1
        fieldsEnd = runEnd
        i = runEnd
        continue
      } else {
        bodyStart = i
        missingSeparator = true
        return
      }
      fieldsEnd = next
      i = next
    }
  }

  /// Whether the line at `i` is a field line or a continuation line.
  private static func headerLineFollows(_ bytes: ArraySlice<UInt8>, at i: Int) -> Bool {
    guard i < bytes.endIndex else { return false }
    if bytes[i] == 0x20 || bytes[i] == 0x09 { return true }
    let lineEnd = bytes[i..<bytes.endIndex].firstIndex(of: 0x0A) ?? bytes.endIndex
    return fieldName(bytes, from: i, to: lineEnd) != nil
  }

  /// How many non-field lines in a row may still be continuations.
  static let maximumStrayLines = 3

  /// When the lines from `start` are 1…``maximumStrayLines`` non-field, non-blank lines followed
  /// by a field line, the index after the last of them.
  private static func strayRunEnd(_ bytes: ArraySlice<UInt8>, from start: Int) -> Int? {
    var i = start
    let end = bytes.endIndex
    for _ in 0...maximumStrayLines {
      guard i < end else { return nil }
      let newline = bytes[i..<end].firstIndex(of: 0x0A)
      var contentEnd = newline ?? end
      if contentEnd > i && bytes[contentEnd - 1] == 0x0D { contentEnd -= 1 }
      if contentEnd == i { return nil }  // a blank line: the separator after a body line
      if i > start, fieldName(bytes, from: i, to: contentEnd) != nil { return i }
      if bytes[i] == 0x20 || bytes[i] == 0x09 { return nil }
      guard let newline else { return nil }
      i = newline + 1
    }
    return nil
  }

  /// The end of the field name and the colon's index, when the line is `name:` or `name :`.
  private static func fieldName(_ bytes: ArraySlice<UInt8>, from start: Int, to end: Int) -> (
    Int, Int
  )? {
    var i = start
    while i < end, bytes[i] > 0x20, bytes[i] < 0x7F, bytes[i] != UInt8(ascii: ":") { i += 1 }
    let nameEnd = i
    guard nameEnd > start else { return nil }
    while i < end, bytes[i] == 0x20 || bytes[i] == 0x09 { i += 1 }
    guard i < end, bytes[i] == UInt8(ascii: ":") else { return nil }
    return (nameEnd, i)
  }

  /// Whether `field`'s name is `name`, compared ASCII case-insensitively.
  static func field(_ field: Field, in bytes: ArraySlice<UInt8>, isNamed name: String) -> Bool {
    asciiCaseInsensitiveEqual(bytes[field.name], name.utf8)
  }

  /// The first field called `name` (ASCII case-insensitive).
  func first(_ name: String, in bytes: ArraySlice<UInt8>) -> Field? {
    fields.first { Self.field($0, in: bytes, isNamed: name) }
  }

  /// The unfolded value of the first field called `name`, or `nil`.
  func value(of name: String, in bytes: ArraySlice<UInt8>) -> [UInt8]? {
    first(name, in: bytes).map { Self.unfolded(bytes[$0.value]) }
  }

  /// A field value with its line endings removed (RFC 5322 unfolding keeps the whitespace that
  /// follows them) and leading and trailing spaces and tabs trimmed.
  static func unfolded(_ value: ArraySlice<UInt8>) -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(value.count)
    for b in value where b != 0x0D && b != 0x0A { out.append(b) }
    var lo = 0
    var hi = out.count
    while lo < hi, out[lo] == 0x20 || out[lo] == 0x09 { lo += 1 }
    while hi > lo, out[hi - 1] == 0x20 || out[hi - 1] == 0x09 { hi -= 1 }
    if lo == 0 && hi == out.count { return out }
    return Array(out[lo..<hi])
  }
}

/// Whether two byte sequences are equal ignoring ASCII case.
func asciiCaseInsensitiveEqual(_ a: some Collection<UInt8>, _ b: some Collection<UInt8>) -> Bool {
  guard a.count == b.count else { return false }
  return zip(a, b).allSatisfy { x, y in
    x == y || (x | 0x20 == y | 0x20 && (x | 0x20) >= 0x61 && (x | 0x20) <= 0x7A)
  }
}
