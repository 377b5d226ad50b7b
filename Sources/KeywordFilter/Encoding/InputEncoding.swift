// kwfilter — KeywordFilter: which encoding an input is in, and how `auto` decides.

/// The character encoding of an input. Matches are always reported at byte ranges of the input
/// as it is; masking writes the input's own encoding back.
public enum InputEncoding: String, Sendable, Hashable, CaseIterable {
  /// UTF-8 (a leading BOM is an ordinary noise character).
  case utf8 = "utf-8"
  /// GB18030, which includes GBK and GB2312.
  case gb18030

  /// Parses a name: `utf-8`/`utf8`, or `gb18030`/`gbk`/`gb2312`/`cp936` (case-insensitive).
  public init?(name: String) {
    switch name.lowercased() {
    case "utf-8", "utf8": self = .utf8
    case "gb18030", "gbk", "gb2312", "cp936", "euc-cn": self = .gb18030
    default: return nil
    }
  }

  /// How many bytes of an input ``detect(prefix:)`` looks at.
  public static let detectionWindow = 1 << 16

  /// Decides the encoding of an input from its first bytes (up to ``detectionWindow``).
  ///
  /// The rule: UTF-8 when the prefix is valid UTF-8 or nearly so (at most 1 invalid byte per
  /// 100 non-ASCII bytes — stray bytes then pass through untouched); GB18030 when it is clearly
  /// not UTF-8 and decodes as GB18030 with at most 1 invalid byte per 200 non-ASCII bytes and at
  /// least 8 two-byte characters; anything else (binary, random bytes) UTF-8, so noise never
  /// turns into matches. A character cut by the end of the prefix does not count.
  public static func detect(prefix: UnsafeRawBufferPointer) -> InputEncoding {
    let bytes = UnsafeRawBufferPointer(rebasing: prefix.prefix(detectionWindow))
    guard let base = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return .utf8 }
    let end = bytes.count
    var nonASCII = 0
    var invalidUTF8 = 0
    var i = 0
    while i < end {
      if base[i] < 0x80 {
        i += 1
        continue
      }
      let (_, n) = StreamScanner.decodeOther(base, i, end, final: false)
      if n == 0 { break }
      if n == 1 { invalidUTF8 += 1 }
      nonASCII += n
      i += n
    }
    if invalidUTF8 * 100 <= nonASCII { return .utf8 }
    let table = GB18030Table.shared
    var invalidGB = 0
    var gbNonASCII = 0
    var twoByte = 0
    i = 0
    while i < end {
      if base[i] < 0x80 {
        i += 1
        continue
      }
      let (_, n) = table.decode(base, i, end, final: false)
      if n == 0 { break }
      if n == 1 { invalidGB += 1 }
      if n == 2 { twoByte += 1 }
      gbNonASCII += n
      i += n
    }
    return invalidGB * 200 <= gbNonASCII && twoByte >= 8 ? .gb18030 : .utf8
  }
}
