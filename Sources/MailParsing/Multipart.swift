// kwfilter — MailParsing: splitting a multipart body at its boundary lines (RFC 2046 §5.1.1).

/// The body parts of a `multipart/*` entity, located in the source bytes.
///
/// A delimiter is a line that starts with `--` and the boundary, followed by nothing but
/// transport padding (spaces and tabs); the close delimiter has `--` right after the boundary.
/// The line ending before a delimiter belongs to the delimiter, not to the part before it.
/// The preamble (before the first delimiter) and the epilogue (after the close delimiter) are
/// ignored. A line such as `--boundaryX` does not match the boundary `boundary`.
struct Multipart {
  /// The body parts' byte ranges (header and content), in order.
  var parts: [Range<Int>] = []
  /// Whether the close delimiter was found.
  ///
  /// When not, the last part runs to the end.
  var closed = false
  /// Whether any delimiter line was found at all.
  var foundDelimiter = false

  /// Splits `body` at delimiter lines for `boundary`.
  ///
  /// - Complexity: O(`body.count`): each line is compared with the boundary at most once.
  init(splitting body: ArraySlice<UInt8>, boundary: [UInt8]) {
    var partStart: Int? = nil
    var i = body.startIndex
    let end = body.endIndex
    while i < end {
      let lineStart = i
      let newline = body[i..<end].firstIndex(of: 0x0A)
      let next = newline.map { $0 + 1 } ?? end
      var contentEnd = newline ?? end
      if contentEnd > lineStart && body[contentEnd - 1] == 0x0D { contentEnd -= 1 }
      if let isClose = Self.delimiter(body, lineStart..<contentEnd, boundary: boundary) {
        foundDelimiter = true
        if let start = partStart {
          // The line ending before the delimiter belongs to it.
          var partEnd = lineStart
          if partEnd > start && body[partEnd - 1] == 0x0A { partEnd -= 1 }
          if partEnd > start && body[partEnd - 1] == 0x0D { partEnd -= 1 }
          parts.append(start..<partEnd)
        }
        if isClose {
          closed = true
          return
        }
        partStart = next
      }
      i = next
    }
    if let start = partStart { parts.append(start..<end) }
  }

  /// `nil` when the line is not a delimiter; `true` for the close delimiter.
  private static func delimiter(
    _ body: ArraySlice<UInt8>, _ line: Range<Int>, boundary: [UInt8]
  ) -> Bool? {
    let length = line.count
    guard length >= boundary.count + 2, body[line.lowerBound] == UInt8(ascii: "-"),
      body[line.lowerBound + 1] == UInt8(ascii: "-")
    else { return nil }
    var i = line.lowerBound + 2
    for b in boundary {
      guard body[i] == b else { return nil }
      i += 1
    }
    var isClose = false
    if i + 1 < line.upperBound, body[i] == UInt8(ascii: "-"), body[i + 1] == UInt8(ascii: "-") {
      isClose = true
      i += 2
    }
    while i < line.upperBound {
      guard body[i] == 0x20 || body[i] == 0x09 else { return nil }
      i += 1
    }
    return isClose
  }
}
