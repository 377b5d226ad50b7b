// kwfilter — MailParsing: bytes in a declared charset → UTF-8.

/// Converts text in a declared charset to UTF-8, the way Chinese mail needs it.
///
/// Conversion uses glibc iconv. Names are normalized first (see the table below), and the
/// GB family always decodes as GB18030, the superset of GB2312 and GBK. Invalid sequences
/// become U+FFFD: iconv skips one byte per error, so conversion is linear and cannot hang.
///
/// Some declarations are wrong so often that the bytes are checked:
/// - **No charset, or one iconv does not know** (`134`): UTF-8 when the bytes are
///   (mostly) valid UTF-8, otherwise GB18030. "Mostly": at least four well-formed multi-byte
///   sequences per invalid one, so UTF-8 with a few damaged bytes stays UTF-8, while GBK, in
///   which only a few character pairs happen to form UTF-8, does not.
/// - **`utf-8`** that is not valid UTF-8: the same rule, so GBK labelled `utf-8` reads as GB18030.
/// - **`us-ascii`** with 8-bit bytes: the same rule.
/// - **`iso-8859-*`, `windows-125*`, `big5`** whose 8-bit bytes all come in pairs shaped like
///   GB2312 (both bytes in A1–FE, lead ≤ F7; at least 2 pairs for the single-byte charsets, 8
///   for Big5, and at most one stray byte per 20 pairs): GB18030. Spam often labels GBK this way.
///   Valid multi-byte UTF-8 labelled as a single-byte charset reads as UTF-8.
///
/// | declared | decoded as |
/// | --- | --- |
/// | `gb2312`, `gbk`, `gb18030`, `euc-cn`, `x-gbk`, `cp936`, `gb_2312-80`, `"gb2312"`, `'gb2312'`, `GB2312_CHARSET` | GB18030 |
/// | `utf-8`, `utf8` | UTF-8 (or GB18030, as above) |
/// | `us-ascii`, empty | ASCII (or UTF-8 / GB18030, as above) |
/// | `big5`, `cp950` | CP950 (or GB18030, as above) |
/// | anything iconv knows (`iso-8859-1`, `koi8-r`, `shift_jis`, `utf-16`, …) | that charset |
/// | anything else (`134`) | UTF-8 or GB18030; `known` is `false` |
public enum Charsets {
  /// Decodes `bytes` in `charset` to UTF-8.
  ///
  /// - Parameters:
  ///   - bytes: the text, in its transfer-decoded form.
  ///   - charset: the declared name as written in the mail, quotes and junk included; empty
  ///     when none was declared.
  /// - Returns: the UTF-8 text, with U+FFFD for invalid sequences, and whether the charset
  ///   is known. `known` is `false` only when a name was declared that neither the table above
  ///   nor iconv knows; the text was then guessed as UTF-8 or GB18030. An empty name is
  ///   "undeclared", also guessed, and `known`.
  /// - Complexity: O(`bytes.count`).
  public static func decode(_ bytes: [UInt8], charset: String) -> (text: [UInt8], known: Bool) {
    let decoded = decodeDetailed(bytes[...], charset: CharsetName(charset.utf8))
    return (decoded.text, decoded.known)
  }

  /// The outcome of one conversion, with what the parser needs to report problems.
  struct Decoded {
    /// The UTF-8 text.
    var text: [UInt8]
    /// `false` when the declared charset is unknown.
    var known: Bool
    /// The charset actually used (`UTF-8`, `GB18030`, an iconv name, `ASCII`).
    var used: String
    /// Whether the bytes were read in a charset other than the declared one.
    var reinterpreted: Bool
    /// Invalid sequences replaced by U+FFFD.
    var replacements: Int
  }

  /// Decodes `bytes` declared as `name`; see ``Charsets`` for the rules.
  static func decodeDetailed(_ bytes: ArraySlice<UInt8>, charset name: CharsetName) -> Decoded {
    switch name {
    case .unspecified:
      return guess(bytes, known: true, reinterpreted: false)
    case .unknown:
      return guess(bytes, known: false, reinterpreted: false)
    case .ascii:
      if bytes.allSatisfy({ $0 < 0x80 }) { return ascii(bytes) }
      return guess(bytes, known: true, reinterpreted: true)
    case .utf8:
      let summary = UTF8Text.scan(bytes)
      if summary.invalid == 0 {
        return Decoded(
          text: Array(bytes), known: true, used: "UTF-8", reinterpreted: false, replacements: 0)
      }
      if looksMostlyUTF8(summary) { return repairUTF8(bytes, reinterpreted: false) }
      return iconv(bytes, "GB18030", reinterpreted: true)
    case .gb18030:
      return iconv(bytes, "GB18030", reinterpreted: false)
    case .big5(let iconvName):
      if bytes.allSatisfy({ $0 < 0x80 }) { return ascii(bytes) }
      if looksLikeGB2312(bytes, minimumPairs: 8) {
        return iconv(bytes, "GB18030", reinterpreted: true)
      }
      return iconv(bytes, iconvName, reinterpreted: false)
    case .singleByteWestern(let iconvName):
      if bytes.allSatisfy({ $0 < 0x80 }) { return ascii(bytes) }
      let summary = UTF8Text.scan(bytes)
      if summary.invalid == 0 {
        return Decoded(
          text: Array(bytes), known: true, used: "UTF-8", reinterpreted: true, replacements: 0)
      }
      if looksLikeGB2312(bytes, minimumPairs: 2) {
        return iconv(bytes, "GB18030", reinterpreted: true)
      }
      return iconv(bytes, iconvName, reinterpreted: false)
    case .other(let iconvName):
      return iconv(bytes, iconvName, reinterpreted: false)
    }
  }

  /// UTF-8 when valid or mostly valid, else GB18030: for text with no usable label.
  static func guess(_ bytes: ArraySlice<UInt8>, known: Bool, reinterpreted: Bool) -> Decoded {
    let summary = UTF8Text.scan(bytes)
    if summary.invalid == 0 {
      let used = summary.highBytes == 0 ? "ASCII" : "UTF-8"
      return Decoded(
        text: Array(bytes), known: known, used: used,
        reinterpreted: reinterpreted && summary.highBytes > 0, replacements: 0)
    }
    var result =
      looksMostlyUTF8(summary)
      ? repairUTF8(bytes, reinterpreted: reinterpreted)
      : iconv(bytes, "GB18030", reinterpreted: reinterpreted)
    result.known = known
    return result
  }

  private static func looksMostlyUTF8(_ summary: UTF8Text.Summary) -> Bool {
    summary.multibyte >= 4 * summary.invalid
  }

  /// Whether every 8-bit byte (but one in 20 pairs) belongs to a pair shaped like a GB2312
  /// character: lead A1–F7, trail A1–FE.
  static func looksLikeGB2312(_ bytes: ArraySlice<UInt8>, minimumPairs: Int) -> Bool {
    var pairs = 0
    var strays = 0
    var i = bytes.startIndex
    while i < bytes.endIndex {
      let b = bytes[i]
      if b < 0x80 {
        i += 1
      } else if b >= 0xA1 && b <= 0xF7 && i + 1 < bytes.endIndex && bytes[i + 1] >= 0xA1
        && bytes[i + 1] <= 0xFE
      {
        pairs += 1
        i += 2
      } else {
        strays += 1
        i += 1
      }
    }
    return pairs >= minimumPairs && strays * 20 <= pairs
  }

  private static func ascii(_ bytes: ArraySlice<UInt8>) -> Decoded {
    Decoded(text: Array(bytes), known: true, used: "ASCII", reinterpreted: false, replacements: 0)
  }

  private static func repairUTF8(_ bytes: ArraySlice<UInt8>, reinterpreted: Bool) -> Decoded {
    var text: [UInt8] = []
    text.reserveCapacity(bytes.count + 16)
    let replaced = UTF8Text.repair(bytes, appendingTo: &text)
    return Decoded(
      text: text, known: true, used: "UTF-8", reinterpreted: reinterpreted,
      replacements: replaced)
  }

  private static func iconv(
    _ bytes: ArraySlice<UInt8>, _ iconvName: String, reinterpreted: Bool
  ) -> Decoded {
    var text: [UInt8] = []
    text.reserveCapacity(bytes.count * 3 / 2 + 16)
    guard let decoder = IconvDecoder(from: iconvName) else {
      // Not reachable for names CharsetName let through; keep the bytes readable anyway.
      let replaced = UTF8Text.repair(bytes, appendingTo: &text)
      return Decoded(
        text: text, known: false, used: "UTF-8", reinterpreted: reinterpreted,
        replacements: replaced)
    }
    let replaced = decoder.convert(bytes, appendingTo: &text)
    return Decoded(
      text: text, known: true, used: iconvName, reinterpreted: reinterpreted,
      replacements: replaced)
  }
}
