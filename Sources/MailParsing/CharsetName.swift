// kwfilter — MailParsing: declared charset names, cleaned up and sorted into families.

/// A declared charset name, normalized: which decoder to use for it.
///
/// Real mail declares charsets loosely: `charset="gb2312"`, `'gb2312'`, `GB2312_CHARSET`,
/// `charset="charset="GB2312""`, `134`. Normalization lowercases the name, drops quotes,
/// spaces, a repeated `charset=` prefix and an RFC 2231 `*language` suffix, then sorts it:
///
/// | family | names | decoded as |
/// | --- | --- | --- |
/// | ``gb18030`` | anything containing `gb2312`, `2312`, `gbk`, `gb18030`, `936`; `euc-cn`, `cn-gb`, `chinese`, … | GB18030, the superset of GB2312 and GBK |
/// | ``utf8`` | `utf-8`, `utf8` | UTF-8 |
/// | ``ascii`` | `us-ascii`, `ascii`, `ansi_x3.4-1968`, … | ASCII |
/// | ``big5`` | `big5`, `big-5`, `cn-big5`, `x-x-big5`, `cp950` | iconv `CP950` (Big5 with Microsoft's additions) |
/// | ``singleByteWestern`` | `iso-8859-*`, `latin*`, `windows-125*`, `cp125*` | iconv, by that name |
/// | ``other`` | any other name iconv knows | iconv, by that name |
/// | ``unknown`` | names iconv does not know | UTF-8 if valid, else GB18030 |
/// | ``unspecified`` | empty | UTF-8 if valid, else GB18030 |
enum CharsetName: Equatable {
  case unspecified
  case utf8
  case ascii
  case gb18030
  /// The iconv name to open.
  case big5(String)
  /// The iconv name to open.
  case singleByteWestern(String)
  /// The iconv name to open.
  case other(String)
  /// The cleaned-up declared name.
  case unknown(String)

  /// Normalizes and classifies a declared name.
  ///
  /// Opens an iconv descriptor only for names outside
  /// the families above, to learn whether iconv knows them.
  init(_ declared: some Collection<UInt8>) {
    let name = Self.clean(declared)
    if name.isEmpty {
      self = .unspecified
      return
    }
    if Self.isGB(name) {
      self = .gb18030
      return
    }
    switch name {
    case "utf-8", "utf8", "unicode-1-1-utf-8", "x-unicode20utf8":
      self = .utf8
      return
    case "us-ascii", "ascii", "us", "ansi_x3.4-1968", "iso646-us", "csascii", "cp367", "ibm367",
      "iso-ir-6":
      self = .ascii
      return
    case "big5", "big-5", "cn-big5", "x-x-big5", "x-big5", "csbig5", "cp950", "windows-950":
      self = .big5("CP950")
      return
    case "big5-hkscs", "big5hkscs":
      self = .big5("BIG5-HKSCS")
      return
    default:
      break
    }
    // Only plain charset-name characters reach iconv.
    let plain = name.utf8.allSatisfy { b in
      (b >= 0x61 && b <= 0x7A) || (b >= 0x30 && b <= 0x39) || b == 0x2D || b == 0x5F
        || b == 0x2E || b == 0x3A
    }
    guard plain, name.utf8.count <= 40 else {
      self = .unknown(name)
      return
    }
    let western =
      name.hasPrefix("iso-8859-") || name.hasPrefix("iso8859-") || name.hasPrefix("iso_8859-")
      || name.hasPrefix("latin") || name.hasPrefix("windows-125") || name.hasPrefix("cp125")
    let iconvName = name.uppercased()
    guard IconvDecoder.knows(iconvName) else {
      self = .unknown(name)
      return
    }
    self = western ? .singleByteWestern(iconvName) : .other(iconvName)
  }

  /// Lowercases, removes quotes, whitespace and control bytes, a leading `charset=` (repeated),
  /// an RFC 2231 `*language` suffix and trailing `;` or `,`.
  static func clean(_ declared: some Collection<UInt8>) -> String {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(declared.count)
    for b in declared {
      switch b {
      case 0x22, 0x27, 0x00...0x20, 0x7F: continue
      case 0x41...0x5A: bytes.append(b | 0x20)
      default: bytes.append(b)
      }
    }
    let prefix = Array("charset=".utf8)
    while bytes.starts(with: prefix) { bytes.removeFirst(prefix.count) }
    if let star = bytes.firstIndex(of: UInt8(ascii: "*")) { bytes.removeSubrange(star...) }
    while let last = bytes.last, last == UInt8(ascii: ";") || last == UInt8(ascii: ",") {
      bytes.removeLast()
    }
    return String(decoding: bytes, as: Unicode.UTF8.self)
  }

  private static func isGB(_ name: String) -> Bool {
    if name.contains("gb2312") || name.contains("2312") || name.contains("gbk")
      || name.contains("gb18030") || name.contains("936")
    {
      return !name.hasPrefix("hz")  // HZ-GB-2312 is a 7-bit encoding of its own
    }
    switch name {
    case "euc-cn", "euccn", "x-euc-cn", "cn-gb", "csgb2312", "chinese", "iso-ir-58", "gb",
      "x-gbk", "csiso58gb231280":
      return true
    default:
      return false
    }
  }
}
