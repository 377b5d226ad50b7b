// kwfilter — MailParsing: header values → UTF-8 text (RFC 2047 encoded words, raw 8-bit bytes).

/// Decodes an unfolded header value into UTF-8 text.
///
/// - `=?charset?B?…?=` and `=?charset?Q?…?=` are decoded anywhere in the value, also inside
///   quoted display names and next to other text (as mail readers do). In `Q`, `_` is a space
///   and `=XX` a byte (either case); a stray `=` stays. The charset may carry an RFC 2231
///   language (`utf-8*zh`).
/// - Whitespace between two encoded words is dropped. Adjacent words in the same charset are
///   joined *before* charset decoding, so a GBK character split across two words survives.
/// - The encoded text runs to the first `?=` and may contain spaces (Foxmail writes
///   `=?GB2312?Q?Fw: =C7=EB…?=`), as in Python's `email.header`.
/// - A malformed word (`=?cs?B?` or `=?cs?Q?` with no closing `?=`, non-base64 in a `B` word) is
///   kept as literal text and reported.
/// - Other bytes are decoded as UTF-8 when they are (mostly) valid UTF-8, else as GB18030:
///   unencoded GBK in `Subject:` is common in Chinese spam.
enum HeaderText {
  /// The text and the problems met, each as (kind, message).
  struct Decoded {
    var text: [UInt8] = []
    var problems: [(MailProblem.Kind, String)] = []
  }

  /// Decodes `value`.
  ///
  /// - Complexity: O(`value.count`): a search for the closing `?=` that fails is not repeated.
  static func decode(_ value: [UInt8]) -> Decoded {
    var out = Decoded()
    out.text.reserveCapacity(value.count * 3 / 2)
    var literalStart = 0
    var run: (charset: [UInt8], payload: [UInt8])? = nil
    var i = 0
    let end = value.count
    // No "?=" at or after this index: later words fail at once (keeps malformed input linear).
    var noCloseFrom = Int.max
    while i + 1 < end {
      guard value[i] == UInt8(ascii: "="), value[i + 1] == UInt8(ascii: "?") else {
        i += 1
        continue
      }
      switch parseWord(value, at: i, noCloseFrom: &noCloseFrom) {
      case .word(let charset, let payload, let next):
        let between = value[literalStart..<i]
        let onlySpace = between.allSatisfy { $0 == 0x20 || $0 == 0x09 }
        if run != nil && onlySpace {
          // Joined: the whitespace between two encoded words is not text.
        } else {
          flush(&run, into: &out)
          appendLiteral(between, to: &out)
        }
        if run != nil, let r = run, asciiCaseInsensitiveEqual(r.charset, charset) {
          run?.payload += payload
        } else {
          flush(&run, into: &out)
          run = (charset, payload)
        }
        i = next
        literalStart = next
      case .malformed(let reason):
        out.problems.append(
          (.malformedEncodedWord, "malformed encoded word (\(reason)); kept as text"))
        i += 1
      case .notAWord:
        i += 1
      }
    }
    if literalStart < end {
      flush(&run, into: &out)
      appendLiteral(value[literalStart..<end], to: &out)
    } else {
      flush(&run, into: &out)
    }
    return out
  }

  private enum Parse {
    case word(charset: [UInt8], payload: [UInt8], next: Int)
    case malformed(String)
    case notAWord
  }

  /// Parses `=?charset?X?text?=` at `start` (which holds `=?`).
  private static func parseWord(_ value: [UInt8], at start: Int, noCloseFrom: inout Int) -> Parse {
    let end = value.count
    var i = start + 2
    let charsetStart = i
    while i < end, value[i] != UInt8(ascii: "?"), value[i] > 0x20, value[i] < 0x7F,
      i - charsetStart < 76
    {
      i += 1
    }
    guard i < end, value[i] == UInt8(ascii: "?"), i > charsetStart else { return .notAWord }
    let charset = Array(value[charsetStart..<i])
    i += 1
    // Only `=?charset?B?` and `=?charset?Q?` count as attempts; anything else (`a.php?x=?y`)
    // is plain text and not reported.
    guard i + 1 < end, value[i + 1] == UInt8(ascii: "?") else { return .notAWord }
    let letter = value[i] | 0x20
    guard letter == UInt8(ascii: "b") || letter == UInt8(ascii: "q") else { return .notAWord }
    i += 2
    let textStart = i
    // The text runs to the first "?=". Spaces are allowed in it, as Python's email package
    // and mail readers allow them (Foxmail writes `=?GB2312?Q?Fw: =C7=EB…?=`).
    guard textStart < noCloseFrom else { return .malformed("no closing ?=") }
    while i + 1 < end, !(value[i] == UInt8(ascii: "?") && value[i + 1] == UInt8(ascii: "=")) {
      i += 1
    }
    guard i + 1 < end else {
      noCloseFrom = textStart
      return .malformed("no closing ?=")
    }
    let text = value[textStart..<i]
    let payload: [UInt8]
    if letter == UInt8(ascii: "b") {
      guard Base64.isAlphabetOrSpace(text) else { return .malformed("not base64") }
      payload = Base64.decode(text).bytes
    } else {
      payload = decodeQ(text)
    }
    return .word(charset: charset, payload: payload, next: i + 2)
  }

  /// RFC 2047 `Q`: quoted-printable where `_` is a space.
  private static func decodeQ(_ text: ArraySlice<UInt8>) -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(text.count)
    var i = text.startIndex
    while i < text.endIndex {
      let b = text[i]
      if b == UInt8(ascii: "_") {
        out.append(0x20)
        i += 1
      } else if b == UInt8(ascii: "="), i + 2 < text.endIndex,
        let hi = QuotedPrintable.hexValue(text[i + 1]),
        let lo = QuotedPrintable.hexValue(text[i + 2])
      {
        out.append(hi << 4 | lo)
        i += 3
      } else {
        out.append(b)
        i += 1
      }
    }
    return out
  }

  private static func flush(
    _ run: inout (charset: [UInt8], payload: [UInt8])?, into out: inout Decoded
  ) {
    guard let r = run else { return }
    run = nil
    let name = CharsetName(r.charset)
    let decoded = Charsets.decodeDetailed(r.payload[...], charset: name)
    out.text += decoded.text
    let declared = String(decoding: r.charset, as: Unicode.UTF8.self)
    if let problem = charsetProblem(decoded, declared: declared) { out.problems.append(problem) }
  }

  private static func appendLiteral(_ bytes: ArraySlice<UInt8>, to out: inout Decoded) {
    if bytes.isEmpty { return }
    if bytes.allSatisfy({ $0 < 0x80 }) {
      out.text += bytes
      return
    }
    out.text += Charsets.guess(bytes, known: true, reinterpreted: false).text
  }
}

/// The problem to report for a charset conversion, if any: unknown charset, reinterpretation,
/// or replaced sequences, in that order of preference.
func charsetProblem(_ decoded: Charsets.Decoded, declared: String) -> (MailProblem.Kind, String)? {
  let count = decoded.replacements
  let sequences = "\(count) invalid sequence\(count == 1 ? "" : "s")"
  let replaced = count > 0 ? " (\(sequences) replaced)" : ""
  if !decoded.known {
    return (.unknownCharset, "unknown charset \"\(declared)\"; read as \(decoded.used)\(replaced)")
  }
  if decoded.reinterpreted {
    return (.charsetMismatch, "declared \"\(declared)\" but read as \(decoded.used)\(replaced)")
  }
  if count > 0 {
    return (.invalidBytes, "\(decoded.used): \(sequences) replaced by U+FFFD")
  }
  return nil
}
