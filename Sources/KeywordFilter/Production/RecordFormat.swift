// kwfilter — KeywordFilter: `KEY<TAB>TEXT` records for pipe-based engines (Hadoop, Spark).

/// The line format of record mode (`kwfilter --records`), as used by Hadoop Streaming and
/// Spark's `RDD.pipe()`: one record per line, `KEY<TAB>TEXT`.
///
/// - The key is everything before the first TAB, taken as is; a line with no TAB is a record
///   with an empty key whose text is the whole line.
/// - Inside TEXT a backslash starts an escape: `\t` is a TAB, `\n` a line feed, `\r` a carriage
///   return and `\\` a backslash. A backslash before anything else (or at the end of the line)
///   stands for itself. Escapes are decoded before scanning, so `赌\t博` is scanned as `赌`,
///   TAB, `博`.
/// - Output text is escaped the same way (``escape(_:into:)``): TAB, LF, CR and backslash are
///   always written as `\t`, `\n`, `\r`, `\\`, so an output record is always one line and
///   decoding it gives back the scanned text. (A lone backslash that stood for itself comes
///   back as `\\`: same text, canonical spelling.)
/// - Records are UTF-8 (a GB18030 trail byte can be a backslash, so escapes could not be
///   found without decoding).
public enum RecordFormat {
  /// Why a record was flagged: the strongest tier matched.
  public enum Status: String, Sendable, Hashable {
    /// A `block`-tier entry matched.
    case block
    /// Only `review`-tier entries matched.
    case review
    /// Nothing matched.
    case clean

    /// The status of a record with these matches.
    public init(_ matches: [Match]) {
      if matches.contains(where: { $0.tier == .block }) {
        self = .block
      } else if matches.isEmpty {
        self = .clean
      } else {
        self = .review
      }
    }
  }

  /// Splits a line (without its line feed) at the first TAB: the key as is, the text decoded.
  public static func split(_ line: some Collection<UInt8>) -> (key: [UInt8], text: [UInt8]) {
    guard let tab = line.firstIndex(of: 0x09) else { return ([], unescape(line)) }
    return (Array(line[..<tab]), unescape(line[line.index(after: tab)...]))
  }

  /// Decodes the escapes `\t`, `\n`, `\r`, `\\`; any other backslash stands for itself.
  public static func unescape(_ escaped: some Collection<UInt8>) -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(escaped.count)
    var backslash = false
    for byte in escaped {
      if backslash {
        backslash = false
        switch byte {
        case UInt8(ascii: "t"): out.append(0x09)
        case UInt8(ascii: "n"): out.append(0x0A)
        case UInt8(ascii: "r"): out.append(0x0D)
        case UInt8(ascii: "\\"): out.append(0x5C)
        default:
          out.append(0x5C)
          out.append(byte)
        }
      } else if byte == 0x5C {
        backslash = true
      } else {
        out.append(byte)
      }
    }
    if backslash { out.append(0x5C) }
    return out
  }

  /// Appends `text` with TAB, LF, CR and backslash escaped (the inverse of ``unescape(_:)``).
  public static func escape(_ text: some Collection<UInt8>, into out: inout [UInt8]) {
    for byte in text {
      switch byte {
      case 0x09: out += [0x5C, UInt8(ascii: "t")]
      case 0x0A: out += [0x5C, UInt8(ascii: "n")]
      case 0x0D: out += [0x5C, UInt8(ascii: "r")]
      case 0x5C: out += [0x5C, 0x5C]
      default: out.append(byte)
      }
    }
  }

  /// `text` escaped (see ``escape(_:into:)``).
  public static func escape(_ text: some Collection<UInt8>) -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(text.count)
    escape(text, into: &out)
    return out
  }
}
