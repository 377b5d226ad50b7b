// kwfilter — MailParsing: a parsed Content-Type header (RFC 2045 §5.1, RFC 2231).

/// A media type with its parameters, parsed leniently.
///
/// Names are case-insensitive and stored lowercased; values keep their bytes. Values may be
/// tokens or quoted strings (with `\` escapes); junk after a closing quote up to the next `;`
/// is appended, so `charset="charset="GB2312""` reads as `charset=GB2312` (and the charset
/// cleanup then drops the repeated prefix). RFC 2231 continuations (`name*0=`, `name*1=`) and
/// extended values (`charset*=utf-8''%E4%B8%AD`) are assembled and decoded.
struct ContentType {
  /// The lowercased top-level type, such as `text`.
  var type: String
  /// The lowercased subtype, such as `plain`.
  var subtype: String
  /// Parameters in order; names lowercased, first occurrence wins on lookup.
  var parameters: [(name: String, value: [UInt8])] = []

  /// `type/subtype`.
  var mimeType: String { type + "/" + subtype }

  /// `text/plain` with no parameters: the RFC 2045 default.
  static let textPlain = ContentType(type: "text", subtype: "plain")
  /// `message/rfc822`: the default inside `multipart/digest`.
  static let messageRFC822 = ContentType(type: "message", subtype: "rfc822")

  init(type: String, subtype: String) {
    self.type = type
    self.subtype = subtype
  }

  /// The value of parameter `name` (lowercase), or `nil`.
  func parameter(_ name: String) -> [UInt8]? {
    parameters.first { $0.name == name }?.value
  }

  /// Parses an unfolded header value; `nil` when there is no `type/subtype`.
  ///
  /// - Complexity: O(`value.count`), plus sorting RFC 2231 sections.
  init?(parsing value: [UInt8]) {
    var i = 0
    let end = value.count
    func skipSpaceAndComments() {
      while i < end {
        if value[i] == 0x20 || value[i] == 0x09 {
          i += 1
        } else if value[i] == UInt8(ascii: "(") {
          var depth = 0
          while i < end {
            if value[i] == UInt8(ascii: "(") { depth += 1 }
            if value[i] == UInt8(ascii: ")") { depth -= 1 }
            i += 1
            if depth == 0 { break }
          }
        } else {
          break
        }
      }
    }
    func token() -> String {
      let start = i
      while i < end, !Self.isDelimiter(value[i]) { i += 1 }
      return String(decoding: value[start..<i], as: Unicode.UTF8.self).lowercased()
    }
    skipSpaceAndComments()
    let type = token()
    skipSpaceAndComments()
    guard !type.isEmpty, i < end, value[i] == UInt8(ascii: "/") else { return nil }
    i += 1
    skipSpaceAndComments()
    let subtype = token()
    guard !subtype.isEmpty else { return nil }
    self.type = type
    self.subtype = subtype

    var raw: [(name: String, value: [UInt8])] = []
    while i < end {
      // Find the next ';'; anything before it that is not a parameter is ignored.
      while i < end, value[i] != UInt8(ascii: ";") { i += 1 }
      guard i < end else { break }
      i += 1
      skipSpaceAndComments()
      let nameStart = i
      while i < end, value[i] != UInt8(ascii: "="), value[i] != UInt8(ascii: ";") { i += 1 }
      var nameEnd = i
      while nameEnd > nameStart, value[nameEnd - 1] == 0x20 || value[nameEnd - 1] == 0x09 {
        nameEnd -= 1
      }
      guard i < end, value[i] == UInt8(ascii: "="), nameEnd > nameStart else { continue }
      let name = String(decoding: value[nameStart..<nameEnd], as: Unicode.UTF8.self).lowercased()
      i += 1
      skipSpaceAndComments()
      var bytes: [UInt8] = []
      while i < end, value[i] != UInt8(ascii: ";") {
        if value[i] == UInt8(ascii: "\"") {
          i += 1
          while i < end, value[i] != UInt8(ascii: "\"") {
            if value[i] == UInt8(ascii: "\\"), i + 1 < end { i += 1 }
            bytes.append(value[i])
            i += 1
          }
          if i < end { i += 1 }  // the closing quote
        } else {
          bytes.append(value[i])
          i += 1
        }
      }
      while let last = bytes.last, last == 0x20 || last == 0x09 { bytes.removeLast() }
      raw.append((name, bytes))
    }
    parameters = Self.assembleRFC2231(raw)
  }

  private static func isDelimiter(_ b: UInt8) -> Bool {
    b == UInt8(ascii: "/") || b == UInt8(ascii: ";") || b == 0x20 || b == 0x09
      || b == UInt8(ascii: "(")
  }

  /// Joins RFC 2231 sections and decodes extended values.
  ///
  /// `name*0`, `name*1*`, … are joined and `name*` values decoded; plain parameters pass
  /// through. An assembled RFC 2231 value replaces a plain one of the same name.
  private static func assembleRFC2231(_ raw: [(name: String, value: [UInt8])]) -> [(
    name: String, value: [UInt8]
  )] {
    guard raw.contains(where: { $0.name.contains("*") }) else { return raw }
    var plain: [(name: String, value: [UInt8])] = []
    var sections: [String: [(index: Int, extended: Bool, value: [UInt8])]] = [:]
    var order: [String] = []
    for (name, value) in raw {
      guard let star = name.firstIndex(of: "*") else {
        plain.append((name, value))
        continue
      }
      let base = String(name[..<star])
      var rest = name[name.index(after: star)...]
      let extended = rest.hasSuffix("*") || rest.isEmpty
      if rest.hasSuffix("*") { rest = rest.dropLast() }
      let index = rest.isEmpty ? 0 : (Int(rest) ?? -1)
      guard index >= 0, index < 1000 else { continue }
      if sections[base] == nil { order.append(base) }
      sections[base, default: []].append((index, extended, value))
    }
    var assembled: [(name: String, value: [UInt8])] = []
    for base in order {
      guard let parts = sections[base]?.sorted(by: { $0.index < $1.index }) else { continue }
      var charset: [UInt8] = []
      var bytes: [UInt8] = []
      for (n, part) in parts.enumerated() {
        guard part.extended else {
          bytes += part.value
          continue
        }
        var encoded = part.value[...]
        if n == 0 {
          // charset'language'value
          if let q1 = encoded.firstIndex(of: UInt8(ascii: "'")),
            let q2 = encoded[(q1 + 1)...].firstIndex(of: UInt8(ascii: "'"))
          {
            charset = Array(encoded[..<q1])
            encoded = encoded[(q2 + 1)...]
          }
        }
        bytes += percentDecoded(encoded)
      }
      if !charset.isEmpty {
        bytes = Charsets.decodeDetailed(bytes[...], charset: CharsetName(charset)).text
      }
      plain.removeAll { $0.name == base }
      assembled.append((base, bytes))
    }
    return assembled + plain
  }

  private static func percentDecoded(_ text: ArraySlice<UInt8>) -> [UInt8] {
    var out: [UInt8] = []
    var i = text.startIndex
    while i < text.endIndex {
      if text[i] == UInt8(ascii: "%"), i + 2 < text.endIndex,
        let hi = QuotedPrintable.hexValue(text[i + 1]),
        let lo = QuotedPrintable.hexValue(text[i + 2])
      {
        out.append(hi << 4 | lo)
        i += 3
      } else {
        out.append(text[i])
        i += 1
      }
    }
    return out
  }
}
