// kwfilter — MailParsing: tolerant base64 decoding (RFC 2045 §6.8).

/// Decodes base64 the way mail readers do: whitespace is skipped, characters outside the
/// alphabet are skipped and counted, and `=` ends a 4-character group early, so several
/// separately padded blocks run on (`QQ==QQ==` is `AA`).
enum Base64 {
  /// The decoded bytes and what had to be ignored.
  struct Decoded {
    var bytes: [UInt8]
    /// Bytes that are neither alphabet, `=` nor whitespace.
    var invalidCharacters = 0
    /// Whether a single character was left over at the end (6 bits: not a whole byte).
    var danglingCharacter = false
    /// Non-whitespace bytes seen (alphabet, padding and invalid).
    var significant = 0
    /// Non-whitespace bytes on lines that look like base64.
    ///
    /// Such lines hold only alphabet and `=`, with no space between them. Far fewer than
    /// ``significant`` means the text is not base64 at all.
    var onBase64Lines = 0
  }

  /// Decodes `text`.
  ///
  /// - Complexity: O(`text.count`).
  static func decode(_ text: ArraySlice<UInt8>) -> Decoded {
    var out = Decoded(bytes: [])
    out.bytes.reserveCapacity(text.count / 4 * 3 + 3)
    var accumulator: UInt32 = 0
    var count = 0
    var lineSignificant = 0
    var lineClean = true
    var spaceInLine = false
    for b in text {
      let v = table[Int(b)]
      if v == whitespace {
        if b == 0x0A {
          if lineClean { out.onBase64Lines += lineSignificant }
          lineSignificant = 0
          lineClean = true
          spaceInLine = false
        } else if lineSignificant > 0 {
          spaceInLine = true
        }
        continue
      }
      lineSignificant += 1
      if spaceInLine || v == invalid { lineClean = false }
      if v < 64 {
        accumulator = accumulator << 6 | UInt32(v)
        count += 1
        out.significant += 1
        if count == 4 {
          out.bytes.append(UInt8(truncatingIfNeeded: accumulator >> 16))
          out.bytes.append(UInt8(truncatingIfNeeded: accumulator >> 8))
          out.bytes.append(UInt8(truncatingIfNeeded: accumulator))
          accumulator = 0
          count = 0
        }
      } else if v == padding {
        out.significant += 1
        flush(&accumulator, &count, into: &out)
      } else if v == invalid {
        out.significant += 1
        out.invalidCharacters += 1
      }
    }
    flush(&accumulator, &count, into: &out)
    if lineClean { out.onBase64Lines += lineSignificant }
    return out
  }

  /// Whether every byte is in the alphabet, `=` or whitespace (what an RFC 2047 `B` word may
  /// hold, allowing the spaces some mailers leave in).
  static func isAlphabetOrSpace(_ text: ArraySlice<UInt8>) -> Bool {
    text.allSatisfy { table[Int($0)] != invalid }
  }

  private static func flush(
    _ accumulator: inout UInt32, _ count: inout Int, into out: inout Decoded
  ) {
    switch count {
    case 2:
      out.bytes.append(UInt8(truncatingIfNeeded: accumulator >> 4))
    case 3:
      out.bytes.append(UInt8(truncatingIfNeeded: accumulator >> 10))
      out.bytes.append(UInt8(truncatingIfNeeded: accumulator >> 2))
    case 1:
      out.danglingCharacter = true
    default:
      break
    }
    accumulator = 0
    count = 0
  }

  private static let padding: UInt8 = 64
  private static let whitespace: UInt8 = 65
  private static let invalid: UInt8 = 66

  /// Byte → 6-bit value, or one of `padding`, `whitespace`, `invalid`.
  private static let table: [UInt8] = {
    var t = [UInt8](repeating: invalid, count: 256)
    for (i, c) in "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8
      .enumerated()
    {
      t[Int(c)] = UInt8(i)
    }
    t[Int(UInt8(ascii: "="))] = padding
    for c in [0x20, 0x09, 0x0D, 0x0A, 0x0B, 0x0C] { t[c] = whitespace }
    return t
  }()
}
