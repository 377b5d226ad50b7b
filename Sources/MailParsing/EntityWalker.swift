// kwfilter — MailParsing: the recursive walk over a message's MIME structure.

/// Walks a message depth-first, collecting text parts and problems.
///
/// Paths follow IMAP: the top-level message has path "" and a non-multipart body "1"; the
/// children of a multipart at path *p* are *p*.1, *p*.2, …; a `message/rfc822` leaf at *p* is
/// parsed as a message whose body is *p*.1 (or whose children are *p*.1, *p*.2, …).
struct EntityWalker {
  var parts: [MailPart] = []
  var problems: [MailProblem] = []

  /// A whole message (top level, or the content of a `message/rfc822` part at `path`).
  mutating func message(_ bytes: ArraySlice<UInt8>, path: String, depth: Int) {
    let headers = HeaderBlock(parsing: bytes)
    let prefix = path.isEmpty ? "" : path + ":"
    if headers.missingSeparator {
      report(
        path.isEmpty ? "message" : path, .missingHeaderSeparator,
        "header section ends without a blank line")
    }
    if headers.unindentedContinuations > 0 {
      report(
        path.isEmpty ? "message" : path, .unindentedContinuation,
        "\(headers.unindentedContinuations) header line(s) without leading whitespace"
          + " read as continuations")
    }
    for field in headers.fields {
      guard let name = TextHeaders.canonicalName(bytes[field.name]) else { continue }
      let partName = prefix + "header:" + name
      let decoded = HeaderText.decode(HeaderBlock.unfolded(bytes[field.value]))
      for (kind, message) in decoded.problems { report(partName, kind, message) }
      if !decoded.text.isEmpty {
        parts.append(MailPart(name: partName, text: decoded.text, contentType: "header"))
      }
    }
    body(
      of: headers, in: bytes, entity: path.isEmpty ? "message" : path,
      leafPath: path.isEmpty ? "1" : path + ".1", childPrefix: path, depth: depth,
      defaultType: .textPlain)
  }

  /// A MIME body part at `path`, inside a multipart.
  mutating func bodyPart(
    _ bytes: ArraySlice<UInt8>, path: String, depth: Int, defaultType: ContentType
  ) {
    let headers = HeaderBlock(parsing: bytes)
    if headers.missingSeparator {
      report(path, .missingHeaderSeparator, "part header ends without a blank line")
    }
    body(
      of: headers, in: bytes, entity: path, leafPath: path, childPrefix: path, depth: depth,
      defaultType: defaultType)
  }

  /// The body after `headers`: split a multipart, recurse into a message, or emit text.
  ///
  /// `entity` names the entity in problems about its multipart structure (`message` at the top
  /// level); `leafPath` is the name its text gets when it is not multipart.
  private mutating func body(
    of headers: HeaderBlock, in bytes: ArraySlice<UInt8>, entity: String, leafPath: String,
    childPrefix: String,
    depth: Int, defaultType: ContentType
  ) {
    let content = bytes[headers.bodyStart..<bytes.endIndex]
    var type = defaultType
    if let value = headers.value(of: "Content-Type", in: bytes) {
      if let parsed = ContentType(parsing: value) {
        type = parsed
      } else {
        let shown = String(decoding: value.prefix(60), as: Unicode.UTF8.self)
        report(
          leafPath, .invalidContentType, "invalid Content-Type \"\(shown)\"; read as text/plain")
        type = .textPlain
      }
    }

    if type.type == "multipart" {
      guard depth < MailParser.maximumDepth else {
        report(entity, .nestingTooDeep, "multipart nested deeper than \(MailParser.maximumDepth)")
        return
      }
      if let boundary = Self.boundary(type), !boundary.isEmpty {
        let split = Multipart(splitting: content, boundary: boundary)
        if split.foundDelimiter {
          let childDefault: ContentType = type.subtype == "digest" ? .messageRFC822 : .textPlain
          for (index, range) in split.parts.enumerated() {
            let childPath = childPrefix.isEmpty ? "\(index + 1)" : "\(childPrefix).\(index + 1)"
            bodyPart(bytes[range], path: childPath, depth: depth + 1, defaultType: childDefault)
          }
          if !split.closed {
            report(
              entity, .missingClosingBoundary,
              "no closing boundary \"--\(Self.text(boundary))--\" (truncated?)")
          }
          return
        }
        report(
          entity, .boundaryNotFound,
          "boundary \"\(Self.text(boundary))\" not found; body read as text/plain")
      } else {
        report(
          entity, .missingBoundaryParameter,
          "\(type.mimeType) without boundary; body read as text/plain")
      }
      type = .textPlain
    }

    let encoding = TransferEncoding(headers.value(of: "Content-Transfer-Encoding", in: bytes))
    let isMessage =
      type.type == "message" && (type.subtype == "rfc822" || type.subtype == "global")
    guard type.type == "text" || isMessage else { return }  // an attachment

    let decoded = encoding.decode(content)
    for (kind, message) in decoded.problems { report(leafPath, kind, message) }

    if isMessage {
      guard depth < MailParser.maximumDepth else {
        report(leafPath, .nestingTooDeep, "message nested deeper than \(MailParser.maximumDepth)")
        return
      }
      message(decoded.bytes, path: leafPath, depth: depth + 1)
      return
    }

    let charset = type.parameter("charset") ?? []
    let text = Charsets.decodeDetailed(decoded.bytes, charset: CharsetName(charset))
    if let (kind, message) = charsetProblem(
      text, declared: String(decoding: charset, as: Unicode.UTF8.self))
    {
      // Undeclared 8-bit text is normal in Chinese mail; only report what a label got wrong.
      if !(charset.isEmpty && kind == .charsetMismatch) { report(leafPath, kind, message) }
    }
    let isHTML = type.subtype == "html"
    let visible = isHTML ? HTMLText.text(from: text.text) : text.text
    guard !visible.isEmpty else { return }  // nothing to scan
    parts.append(
      MailPart(name: leafPath, text: visible, contentType: isHTML ? "text/html" : "text/plain"))
  }

  /// The boundary parameter, trailing spaces removed (a delimiter line may add its own).
  private static func boundary(_ type: ContentType) -> [UInt8]? {
    guard var b = type.parameter("boundary") else { return nil }
    while let last = b.last, last == 0x20 || last == 0x09 { b.removeLast() }
    return b
  }

  /// Bytes shown in a problem message (invalid UTF-8 shown as U+FFFD).
  private static func text(_ bytes: [UInt8]) -> String {
    String(decoding: bytes, as: Unicode.UTF8.self)
  }

  private mutating func report(_ part: String, _ kind: MailProblem.Kind, _ message: String) {
    problems.append(MailProblem(part: part, message: message, kind: kind))
  }
}
