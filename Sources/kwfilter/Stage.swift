// kwfilter — the command-line tool: one input's way through the filter to the output.

import KeywordFilter

/// Feeds one input's chunks to a masker (mask mode) or a scanner (report modes) and writes
/// what each mode writes: masked text, JSON lines, or (at the end) a count.
///
/// A stage can also run one *piece* of a larger input (see `Parallel.swift`): `base` is the
/// piece's offset in the input, added to every reported offset, and the count line is left to
/// whoever puts the pieces together.
struct Stage {
  let filter: Filter
  let mode: OutputMode
  let mask: String
  let name: String?
  /// Offset of the first byte fed, in the whole input (0 unless this is a piece).
  var base = 0
  /// Whether ``finish(out:)`` writes the `-c` line.
  var writesCount = true
  /// When auditing: the matches so far (ranges in whole-input offsets).
  var audit: AuditRecord?
  /// Problems met while scanning (regex limits), for the caller to print, in order.
  var diagnostics: [String] = []
  private var masker: StreamMasker?
  private var scanner: StreamScanner?
  /// Matches so far.
  private(set) var count = 0
  /// `-q` saw a match: stop reading.
  private(set) var stop = false
  var started: Bool { masker != nil || scanner != nil }

  init(filter: Filter, mode: OutputMode, mask: String, name: String?) {
    self.filter = filter
    self.mode = mode
    self.mask = mask
    self.name = name
  }

  mutating func start(encoding: InputEncoding) {
    if mode == .mask {
      masker = StreamMasker(filter: filter, mask: mask, encoding: encoding)
    } else {
      scanner = filter.makeScanner(encoding: encoding)
    }
  }

  mutating func feed(_ chunk: UnsafeRawBufferPointer, out: inout OutputWriter) {
    if masker != nil {
      var found: [Match] = []
      let auditing = audit != nil
      masker!.process(chunk, onMatch: { if auditing { found.append($0) } }) {
        out.write($0)
      }
      note(found)
      count = masker!.matchCount
      collect(masker!.takeDiagnostics())
      return
    }
    report(out: &out) { scanner, onMatch in scanner.scan(chunk, onMatch: onMatch) }
    collect(scanner!.takeDiagnostics())
    if mode == .quiet && count > 0 { stop = true }
  }

  mutating func finish(out: inout OutputWriter) {
    if masker != nil {
      var found: [Match] = []
      let auditing = audit != nil
      masker!.finish(onMatch: { if auditing { found.append($0) } }) { out.write($0) }
      note(found)
      count = masker!.matchCount
      collect(masker!.takeDiagnostics())
      return
    }
    report(out: &out) { scanner, onMatch in scanner.finish(onMatch: onMatch) }
    collect(scanner!.takeDiagnostics())
    if mode == .count && writesCount {
      out.write(name.map { "\($0):\(count)\n" } ?? "\(count)\n")
    }
  }

  /// Runs the scanner step `body`, writing JSON lines and counting.
  private mutating func report(
    out: inout OutputWriter, _ body: (inout StreamScanner, (Match) -> Void) -> Void
  ) {
    var found: [Match] = []
    body(&scanner!) { found.append($0) }
    count += found.count
    if mode == .json {
      for m in found { out.writeJSON(shifted(m), file: name) }
    }
    note(found)
  }

  private mutating func note(_ found: [Match]) {
    guard audit != nil else { return }
    for m in found { audit!.add(m, offsetBy: base) }
  }

  private func shifted(_ m: Match) -> Match {
    if base == 0 { return m }
    var m = m
    m.range = (m.range.lowerBound + base)..<(m.range.upperBound + base)
    return m
  }

  private mutating func collect(_ found: [String]) {
    for d in found { diagnostics.append(base == 0 ? d : Stage.shiftOffsets(in: d, by: base)) }
  }

  /// A regex-limit diagnostic ("… regex gave up on the line at byte N: …") with N shifted from
  /// piece offsets to input offsets. Other texts are returned unchanged.
  static func shiftOffsets(in diagnostic: String, by base: Int) -> String {
    let text = Array(diagnostic.utf8)
    let marker = Array(" at byte ".utf8)
    guard text.count > marker.count,
      let at = (0...(text.count - marker.count)).first(where: {
        text[$0..<($0 + marker.count)].elementsEqual(marker)
      })
    else { return diagnostic }
    let start = at + marker.count
    var end = start
    while end < text.count && (0x30...0x39).contains(text[end]) { end += 1 }
    guard let n = Int(String(decoding: text[start..<end], as: UTF8.self)) else { return diagnostic }
    return String(decoding: text[..<start], as: UTF8.self) + String(n + base)
      + String(decoding: text[end...], as: UTF8.self)
  }
}
