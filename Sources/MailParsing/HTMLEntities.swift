// kwfilter — MailParsing: HTML character references (the common named ones and numeric).

/// Named and numeric character references, as HTML5 decodes them in text.
enum HTMLEntities {
  /// The code point for `&name;`, or `nil` (names are case-sensitive).
  static func named(_ name: String) -> UInt32? { table[name] }

  /// The longest legacy name that `name` starts with: the entities browsers also accept
  /// without `;` (the ones spam still writes), or `nil`.
  static func legacyPrefix(of name: String) -> String? {
    legacyNames.first { name.hasPrefix($0) }
  }

  /// Longest first, so `&nbspx` finds `nbsp`.
  private static let legacyNames = [
    "QUOT", "quot", "nbsp", "copy", "AMP", "amp", "reg", "LT", "GT", "lt", "gt",
  ]

  /// What `&#n;` means: HTML5 maps 0x80–0x9F through windows-1252, and 0, surrogates and values
  /// above U+10FFFF to U+FFFD.
  static func numeric(_ value: UInt32) -> UInt32 {
    switch value {
    case 0, 0xD800...0xDFFF, 0x110000...: return 0xFFFD
    case 0x80...0x9F: return windows1252[Int(value - 0x80)]
    default: return value
    }
  }

  /// 0x80–0x9F in windows-1252 (unassigned bytes keep their C1 value, as HTML5 does).
  private static let windows1252: [UInt32] = [
    0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D, 0x017D, 0x8F,
    0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178,
  ]

  /// HTML 4's Latin-1 entities, U+00A0 to U+00FF in order.
  private static let latin1Names: [String] = [
    "nbsp", "iexcl", "cent", "pound", "curren", "yen", "brvbar", "sect",
    "uml", "copy", "ordf", "laquo", "not", "shy", "reg", "macr",
    "deg", "plusmn", "sup2", "sup3", "acute", "micro", "para", "middot",
    "cedil", "sup1", "ordm", "raquo", "frac14", "frac12", "frac34", "iquest",
    "Agrave", "Aacute", "Acirc", "Atilde", "Auml", "Aring", "AElig", "Ccedil",
    "Egrave", "Eacute", "Ecirc", "Euml", "Igrave", "Iacute", "Icirc", "Iuml",
    "ETH", "Ntilde", "Ograve", "Oacute", "Ocirc", "Otilde", "Ouml", "times",
    "Oslash", "Ugrave", "Uacute", "Ucirc", "Uuml", "Yacute", "THORN", "szlig",
    "agrave", "aacute", "acirc", "atilde", "auml", "aring", "aelig", "ccedil",
    "egrave", "eacute", "ecirc", "euml", "igrave", "iacute", "icirc", "iuml",
    "eth", "ntilde", "ograve", "oacute", "ocirc", "otilde", "ouml", "divide",
    "oslash", "ugrave", "uacute", "ucirc", "uuml", "yacute", "thorn", "yuml",
  ]

  /// Other common entities: markup, punctuation, spaces and joiners, arrows, symbols.
  private static let others: [(String, UInt32)] = [
    ("quot", 0x22), ("amp", 0x26), ("apos", 0x27), ("lt", 0x3C), ("gt", 0x3E),
    ("QUOT", 0x22), ("AMP", 0x26), ("LT", 0x3C), ("GT", 0x3E),
    ("OElig", 0x152), ("oelig", 0x153), ("Scaron", 0x160), ("scaron", 0x161), ("Yuml", 0x178),
    ("fnof", 0x192), ("circ", 0x2C6), ("tilde", 0x2DC),
    ("ensp", 0x2002), ("emsp", 0x2003), ("thinsp", 0x2009), ("zwnj", 0x200C), ("zwj", 0x200D),
    ("lrm", 0x200E), ("rlm", 0x200F), ("ndash", 0x2013), ("mdash", 0x2014),
    ("lsquo", 0x2018), ("rsquo", 0x2019), ("sbquo", 0x201A), ("ldquo", 0x201C),
    ("rdquo", 0x201D), ("bdquo", 0x201E), ("dagger", 0x2020), ("Dagger", 0x2021),
    ("bull", 0x2022), ("hellip", 0x2026), ("permil", 0x2030), ("prime", 0x2032),
    ("Prime", 0x2033), ("lsaquo", 0x2039), ("rsaquo", 0x203A), ("oline", 0x203E),
    ("frasl", 0x2044), ("euro", 0x20AC), ("trade", 0x2122), ("larr", 0x2190), ("uarr", 0x2191),
    ("rarr", 0x2192), ("darr", 0x2193), ("harr", 0x2194), ("minus", 0x2212), ("infin", 0x221E),
    ("ne", 0x2260), ("le", 0x2264), ("ge", 0x2265), ("spades", 0x2660), ("clubs", 0x2663),
    ("hearts", 0x2665), ("diams", 0x2666),
  ]

  private static let table: [String: UInt32] = {
    var t: [String: UInt32] = [:]
    for (i, name) in latin1Names.enumerated() { t[name] = 0xA0 + UInt32(i) }
    for (name, value) in others { t[name] = value }
    return t
  }()
}
