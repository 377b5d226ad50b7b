// kwfilter — KeywordFilter: one audit-log line — which input matched what, and what was done.

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// What an audit trail keeps about one input that matched: when, which input (name and
/// SHA-256), the categories and terms that matched and where, and the action taken.
///
/// Written as one JSON object per line by ``AuditLog``:
///
/// ```json
/// {"time":"2026-11-25T23:18:00Z","input":"posts/17.txt","sha256":"9f86…","action":"masked","matches":2,"categories":["obscenity-violence"],"terms":["赌博"],"ranges":[[6,13],[30,36]]}
/// ```
///
/// `ranges` are byte ranges `[start, end)` of the input, one per match in order of position;
/// `categories` and `terms` are the distinct ones, in order of first match. At most
/// ``rangeLimit`` ranges are kept (`"ranges_truncated":true` then says so; `matches`,
/// `categories` and `terms` stay complete). Optional fields: `"key"` (the record key in record
/// mode) and `"parts"` (mail mode: the MIME part of each range, whose offsets are into that
/// part's decoded text).
public struct AuditRecord: Sendable, Hashable {
  /// What was done with the input.
  public enum Action: String, Sendable, Hashable {
    /// The matched text was masked in the output.
    case masked
    /// The matches were reported (JSON lines, a count, an exit status); the text was not changed.
    case reported
    /// An e-mail message was passed on with `X-Kwfilter-*` headers added.
    case mailHeader = "mail-header"
  }

  /// When the record was made: RFC 3339, UTC, whole seconds (`2026-11-25T23:18:00Z`).
  public var time: String
  /// The input's name: a file path, `-` for standard input, or a service's own document name.
  public var input: String
  /// The record key (record mode), or nil.
  public var key: String?
  /// SHA-256 of the input bytes, 64 lower-case hex digits.
  public var sha256: String
  /// What was done.
  public var action: Action
  /// Every match counted, including any whose range was not kept.
  public private(set) var matchCount = 0
  /// The distinct categories matched, in order of first match.
  public private(set) var categories: [String] = []
  /// The distinct terms matched (the list entry; a regex rule's pattern), in order of first match.
  public private(set) var terms: [String] = []
  /// The byte range of each match (at most ``rangeLimit``).
  public private(set) var ranges: [Range<Int>] = []
  /// Mail mode: the part of each kept range (`header:Subject`, `1.2`); nil otherwise.
  public private(set) var parts: [String]?
  private var categorySet: Set<String> = []
  private var termSet: Set<String> = []

  /// The most ranges a record keeps, so one record stays one reasonable `write`.
  public static let rangeLimit = 10_000

  /// Creates a record with no matches yet; add them with ``add(_:offsetBy:part:)``.
  public init(
    input: String, sha256: String, action: Action, key: String? = nil,
    time: String = AuditRecord.now()
  ) {
    self.input = input
    self.sha256 = sha256
    self.action = action
    self.key = key
    self.time = time
  }

  /// Creates the record of a complete input: its SHA-256 and these matches.
  public init(
    input: String, bytes: UnsafeRawBufferPointer, matches: [Match], action: Action,
    key: String? = nil
  ) {
    self.init(input: input, sha256: AuditDigest.hex(of: bytes), action: action, key: key)
    for m in matches { add(m) }
  }

  /// Whether the ranges were cut at ``rangeLimit``.
  public var rangesTruncated: Bool { ranges.count < matchCount }

  /// Adds one match; its range is shifted by `offsetBy` (for an input scanned in pieces).
  public mutating func add(_ match: Match, offsetBy offset: Int = 0, part: String? = nil) {
    matchCount += 1
    if categorySet.insert(match.category.rawValue).inserted {
      categories.append(match.category.rawValue)
    }
    if termSet.insert(match.term).inserted { terms.append(match.term) }
    if ranges.count < AuditRecord.rangeLimit {
      ranges.append((match.range.lowerBound + offset)..<(match.range.upperBound + offset))
      if let part {
        if parts == nil { parts = Array(repeating: "", count: ranges.count - 1) }
        parts!.append(part)
      } else if parts != nil {
        parts!.append("")
      }
    }
  }

  /// Adds the matches of a later piece of the same input (their ranges already absolute).
  public mutating func merge(_ other: AuditRecord) {
    matchCount += other.matchCount - other.ranges.count
    for c in other.categories where categorySet.insert(c).inserted { categories.append(c) }
    for t in other.terms where termSet.insert(t).inserted { terms.append(t) }
    for (k, r) in other.ranges.enumerated() {
      matchCount += 1
      guard ranges.count < AuditRecord.rangeLimit else { continue }
      ranges.append(r)
      if let p = other.parts?[k] {
        if parts == nil { parts = Array(repeating: "", count: ranges.count - 1) }
        parts!.append(p)
      } else if parts != nil {
        parts!.append("")
      }
    }
  }

  /// The record as one JSON line, newline included.
  public var jsonLine: String {
    var s = "{\"time\":" + AuditRecord.json(time)
    s += ",\"input\":" + AuditRecord.json(input)
    if let key { s += ",\"key\":" + AuditRecord.json(key) }
    s += ",\"sha256\":" + AuditRecord.json(sha256)
    s += ",\"action\":" + AuditRecord.json(action.rawValue)
    s += ",\"matches\":\(matchCount)"
    s += ",\"categories\":[" + categories.map(AuditRecord.json).joined(separator: ",") + "]"
    s += ",\"terms\":[" + terms.map(AuditRecord.json).joined(separator: ",") + "]"
    s +=
      ",\"ranges\":[" + ranges.map { "[\($0.lowerBound),\($0.upperBound)]" }.joined(separator: ",")
      + "]"
    if rangesTruncated { s += ",\"ranges_truncated\":true" }
    if let parts { s += ",\"parts\":[" + parts.map(AuditRecord.json).joined(separator: ",") + "]" }
    return s + "}\n"
  }

  /// The current time, RFC 3339 UTC to the second.
  public static func now() -> String {
    var now = timespec()
    clock_gettime(CLOCK_REALTIME, &now)
    return timestamp(secondsSinceEpoch: Int(now.tv_sec))
  }

  /// A time given in seconds since 1970-01-01T00:00:00Z, as RFC 3339 UTC (`…T23:18:00Z`).
  public static func timestamp(secondsSinceEpoch seconds: Int) -> String {
    var t = time_t(seconds)
    var parts = tm()
    gmtime_r(&t, &parts)
    func two(_ n: Int32) -> String { n < 10 ? "0\(n)" : "\(n)" }
    let year = Int(parts.tm_year) + 1900
    let y = String(year)
    return String(repeating: "0", count: max(0, 4 - y.count)) + y + "-" + two(parts.tm_mon + 1)
      + "-" + two(parts.tm_mday) + "T" + two(parts.tm_hour) + ":" + two(parts.tm_min) + ":"
      + two(parts.tm_sec) + "Z"
  }

  /// A JSON string literal (see ``JSONText/quoted(_:)``).
  static func json(_ s: String) -> String { JSONText.quoted(s) }
}
