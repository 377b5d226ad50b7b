// kwfilter fuzzing — the pieces random lists and texts are built from.

/// Characters terms are made of: Chinese with traditional variants, Latin in several widths,
/// cases and accents, digits, and a few noise characters (a term made only of noise is
/// rejected by `Filter`, which is fine: errors are not crashes).
public let termPieces: [String] = [
  "赌", "博", "賭", "网", "網", "站", "六", "合", "彩", "票", "法", "轮", "輪", "功",
  "a", "b", "s", "A", "ａ", "Ｂ", "ß", "é", "e", "x", "1", "１", "-", " ", "\u{200B}",
]

/// Pieces of text: every term piece, more noise (emoji, variation selector, combining mark,
/// full-width comma, newline, NUL), and invalid UTF-8 (stray continuation, truncated sequences,
/// overlong form, a UTF-16 surrogate, bytes that never occur in UTF-8).
public let textPieces: [[UInt8]] =
  termPieces.map { Array($0.utf8) }
  + ["*", "，", "😀", "\u{FE0F}", "\u{0301}", "\n", "\0", "ǅ", "ﬁ", "㈱"].map { Array($0.utf8) }
  + [[0xFF], [0xFE], [0x80], [0xE8], [0xE8, 0xB5], [0xF0, 0x9F], [0xC0, 0xAF], [0xED, 0xA0, 0x80],
    [0xF4, 0x90, 0x80, 0x80]]

/// Regex rules a generated list may include: bounded, linear patterns of the kinds word lists
/// use (gaps, classes, lookarounds, anchors, an empty alternative).
public let regexMenu: [String] = [
  "赌.{0,2}博", "a+b", "\\d{3,}", "(?<![a-z])ab(?![a-z])", "\\p{Han}{2}", "x|", "网站$", "^六",
  "s\\s*s", "[1１][0-9０-９]{2}", "(?:qq|ｑｑ)\\s*[1-9]",
]

/// Text from fuzzer bytes: a byte ≥ 0x80 picks a piece from ``textPieces``; any other byte
/// (ASCII, NUL included) stands for itself.
public func text(from bytes: [UInt8]) -> [UInt8] {
  var text: [UInt8] = []
  text.reserveCapacity(bytes.count * 2)
  for b in bytes {
    if b >= 0x80 {
      text += textPieces[Int(b & 0x7F) % textPieces.count]
    } else {
      text.append(b)
    }
  }
  return text
}
