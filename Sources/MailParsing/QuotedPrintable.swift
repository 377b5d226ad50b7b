// kwfilter — MailParsing: tolerant quoted-printable decoding (RFC 2045 §6.7).

/// Decodes quoted-printable as mail readers do.
///
/// `=XX` (either case) is a byte; `=` at the end of a line, optionally followed by spaces or
/// tabs, is a soft line break (`=\n` or `=\r\n`) and disappears; any other `=` is kept as it is.
/// Hard line breaks are kept.
enum QuotedPrintable {
  /// Decodes `text`.
  ///
  /// - Complexity: O(`text.count`).
  static func decode(_ text: ArraySlice<UInt8>) -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(text.count)
    var i = text.startIndex
    let end = text.endIndex
    while i < end {
      let b = text[i]
      guard b == UInt8(ascii: "=") else {
        out.append(b)
        i += 1
        continue
      }
      if i + 2 < end, let hi = hexValue(text[i + 1]), let lo = hexValue(text[i + 2]) {
        out.append(hi << 4 | lo)
        i += 3
        continue
      }
      // A soft line break: "=" then optional transport padding then LF or CRLF (or the end).
      var j = i + 1
      while j < end && (text[j] == 0x20 || text[j] == 0x09) { j += 1 }
      if j == end {
        i = end
        continue
      }
      if text[j] == 0x0A {
        i = j + 1
        continue
      }
      if text[j] == 0x0D && j + 1 < end && text[j + 1] == 0x0A {
        i = j + 2
        continue
      }
      out.append(b)  // a stray "="
      i += 1
    }
    return out
  }

  static func hexValue(_ b: UInt8) -> UInt8? {
    switch b {
    case 0x30...0x39: return b - 0x30
    case 0x41...0x46: return b - 0x41 + 10
    case 0x61...0x66: return b - 0x61 + 10
    default: return nil
    }
  }
}
