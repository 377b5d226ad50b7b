// kwfilter — the command-line tool: `--mail`, one RFC 5322 message through the filter.

import KeywordFilter
import MailParsing

/// Scans one message: its text headers (RFC 2047-decoded) and every text part of its MIME
/// tree (transfer- and charset-decoded; HTML as text), each as its own UTF-8 input. In filter
/// (default) mode the message is written back byte for byte with two headers added, the
/// SpamAssassin way:
///
///     X-Kwfilter-Status: Yes, matches=3
///     X-Kwfilter-Categories: obscenity-violence, insult-defamation
///
/// `Yes` when at least one `block`-tier entry matched; `matches=` counts every match (review
/// tier included), and the categories header lists the categories of all of them (it is left
/// out when nothing matched). Address headers are scanned for their display names only: the
/// addresses themselves (`<…>` and anything with an `@`) are blanked out first, keeping offsets.
struct MailMode {
  let filter: Filter
  let mode: OutputMode

  /// Returns the number of matches (with `-q`, 1 at the first). Matches are added to `audit`
  /// when it is not nil; problems in the message go to `note`.
  func process(
    _ message: [UInt8], name: String?, out: inout OutputWriter, audit: inout AuditRecord?,
    note: (String) -> Void
  ) -> Int {
    let mail = MailParser.parse(message)
    for problem in mail.problems {
      note("\(name ?? "(standard input)"): mail part \(problem.part): \(problem.message)")
    }
    var count = 0
    var blocked = false
    var categories: [String] = []
    for part in mail.parts {
      let text = MailMode.addressHeaders.contains(part.name) ? MailMode.blankAddresses(part.text) : part.text
      for m in filter.matches(in: text) {
        count += 1
        blocked = blocked || m.tier == .block
        if !categories.contains(m.category.rawValue) { categories.append(m.category.rawValue) }
        audit?.add(m, part: part.name)
        if mode == .json { out.writeJSON(m, file: name, part: part.name) }
        if mode == .quiet { return count }
      }
    }
    switch mode {
    case .mask:
      var headers = [("X-Kwfilter-Status", "\(blocked ? "Yes" : "No"), matches=\(count)")]
      if count > 0 { headers.append(("X-Kwfilter-Categories", categories.joined(separator: ", "))) }
      MailHeaders.adding(headers, to: message).withUnsafeBytes { out.write($0) }
    case .count:
      out.write(name.map { "\($0):\(count)\n" } ?? "\(count)\n")
    case .json, .quiet:
      break
    }
    return count
  }

  static let addressHeaders: Set<String> = [
    "header:From", "header:To", "header:Cc", "header:Bcc", "header:Reply-To", "header:Sender",
  ]

  /// The header text with every `<…>` group and every word containing `@` replaced by spaces.
  static func blankAddresses(_ text: [UInt8]) -> [UInt8] {
    var out = text
    var i = 0
    while i < out.count {
      if out[i] == UInt8(ascii: "<"), let close = out[i...].firstIndex(of: UInt8(ascii: ">")) {
        for k in i...close { out[k] = UInt8(ascii: " ") }
        i = close + 1
        continue
      }
      if out[i] == UInt8(ascii: "@") {
        let separators: Set<UInt8> = [0x20, 0x09, 0x0A, 0x0D, 0x2C, 0x3B, 0x22]  // space tab LF CR , ; "
        var lo = i
        while lo > 0 && !separators.contains(out[lo - 1]) { lo -= 1 }
        var hi = i
        while hi < out.count && !separators.contains(out[hi]) { hi += 1 }
        for k in lo..<hi { out[k] = UInt8(ascii: " ") }
        i = hi
        continue
      }
      i += 1
    }
    return out
  }
}
