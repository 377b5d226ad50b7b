// kwfilter — KeywordFilter: running the regex rules over a stream, one line at a time.

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
import PCRE2

/// Finds regex-rule occurrences in a stream, line by line.
///
/// The window: a regex match lies within one line (bytes between two `\n`). A line is matched
/// once it is complete, so the scanner keeps at most one partial line (at most
/// ``RegexRules/window`` bytes; a longer line is matched in windows of that size, and a match
/// that would cross a window cut is not found). Blocks of complete lines inside a chunk are
/// first searched with the joined prefilter; only lines it hits are matched rule by rule.
struct RegexLineScanner {
  let rules: RegexRules
  /// The input's encoding: GB18030 lines are converted to UTF-8 for PCRE2 and the match
  /// offsets mapped back (a `\n` byte is always a character of its own in GB18030 too).
  var encoding: InputEncoding = .utf8
  /// Per-scanner PCRE2 scratch (never shared between threads).
  let scratch = MatchData()
  /// The current partial line and its absolute offset.
  private(set) var partial: [UInt8] = []
  private(set) var partialStart = 0
  /// Rule/offset pairs whose matching hit a PCRE2 limit (reported, scanning continued).
  var diagnostics: [String] = []
  /// Trigger occurrences not yet used: (rule index in ``RegexRules``, absolute end offset).
  private var triggerHits: [(rule: Int, end: Int)] = []

  /// Notes that the automaton found a trigger of rule `k` ending at `end` (UTF-8 input).
  mutating func noteTrigger(_ k: Int, end: Int) {
    if encoding == .utf8 { triggerHits.append((k, end)) }
  }

  init(rules: RegexRules) { self.rules = rules }

  /// Offset of the first byte whose line has not been matched yet.
  var pendingStart: Int { partialStart }

  /// Takes the next chunk (at absolute offset `start`); reports occurrences of complete lines.
  mutating func ingest(
    _ chunk: UnsafeRawBufferPointer, at start: Int, report: (Occurrence) -> Void,
    source: (Int) -> String
  ) {
    guard let firstNewline = chunk.firstIndex(of: UInt8(ascii: "\n")) else {
      if partial.isEmpty { partialStart = start }
      partial.append(contentsOf: chunk)
      cutLongLine(report: report, source: source)
      return
    }
    let lastNewline = chunk.lastIndex(of: UInt8(ascii: "\n"))!
    // The line that began in earlier chunks, completed by this chunk's head.
    if partial.isEmpty { partialStart = start }
    partial.append(contentsOf: chunk[..<firstNewline])
    let joined = partial
    joined.withUnsafeBytes { matchBlock($0, at: partialStart, report: report, source: source) }
    // Complete lines inside the chunk, in place.
    if lastNewline > firstNewline {
      let block = UnsafeRawBufferPointer(rebasing: chunk[(firstNewline + 1)..<lastNewline])
      matchBlock(block, at: start + firstNewline + 1, report: report, source: source)
    }
    partial = Array(chunk[(lastNewline + 1)...])
    partialStart = start + lastNewline + 1
    cutLongLine(report: report, source: source)
  }

  /// Matches the last, unterminated line.
  mutating func finish(report: (Occurrence) -> Void, source: (Int) -> String) {
    let last = partial
    last.withUnsafeBytes { matchBlock($0, at: partialStart, report: report, source: source) }
    partialStart += partial.count
    partial.removeAll()
  }

  private mutating func cutLongLine(report: (Occurrence) -> Void, source: (Int) -> String) {
    while partial.count >= RegexRules.window {
      let window = Array(partial[..<RegexRules.window])
      window.withUnsafeBytes { matchBlock($0, at: partialStart, report: report, source: source) }
      partial.removeFirst(RegexRules.window)
      partialStart += RegexRules.window
    }
  }

  /// Matches a block of complete lines (no trailing newline) at absolute offset `base`.
  private mutating func matchBlock(
    _ block: UnsafeRawBufferPointer, at base: Int, report: (Occurrence) -> Void,
    source: (Int) -> String
  ) {
    guard encoding == .gb18030, !block.isEmpty else {
      matchTriggered(block, at: base, report: report, source: source)
      let untriggered = rules.triggers.map { $0 == nil }
      matchUTF8Block(
        block, at: base, prefilter: rules.untriggeredPrefilter,
        covered: rules.untriggeredPrefiltered,
        everyLine: zip(untriggered, rules.untriggeredPrefiltered).map { $0 && !$1 },
        report: report, source: source)
      return
    }
    // Convert to UTF-8, remembering the original offset of every UTF-8 byte.
    var utf8: [UInt8] = []
    var origin: [Int] = []
    utf8.reserveCapacity(block.count * 3 / 2)
    origin.reserveCapacity(block.count * 3 / 2)
    let table = GB18030Table.shared
    let p = block.baseAddress!.assumingMemoryBound(to: UInt8.self)
    var i = 0
    while i < block.count {
      let (cp, n) = table.decode(p, i, block.count, final: true)
      let scalar = cp == .max ? Unicode.Scalar(0xFFFD)! : (Unicode.Scalar(cp) ?? Unicode.Scalar(0xFFFD)!)
      for byte in String(scalar).utf8 {
        utf8.append(byte)
        origin.append(i)
      }
      i += max(n, 1)
    }
    origin.append(block.count)
    utf8.withUnsafeBytes { converted in
      // GB18030 uses no triggers (their offsets are in the original bytes): every rule takes
      // the prefilter or runs on every line.
      matchUTF8Block(
        converted, at: 0, prefilter: rules.prefilter, covered: rules.prefiltered,
        everyLine: rules.prefiltered.map { !$0 },
        report: { o in
          // A match ends at a character end: map its end through the next character's start.
          report(Occurrence(pattern: o.pattern, start: base + origin[o.start], end: base + origin[o.end]))
        }, source: source)
    }
  }

  /// Rules with triggers, on the lines of the block where a trigger of theirs was found.
  private mutating func matchTriggered(
    _ block: UnsafeRawBufferPointer, at base: Int, report: (Occurrence) -> Void,
    source: (Int) -> String
  ) {
    if triggerHits.isEmpty { return }
    let end = base + block.count
    var done = Set<Int>()  // rule × line start, packed
    var keep: [(rule: Int, end: Int)] = []
    var which = [Bool](repeating: false, count: rules.regexes.count)
    // Hits come in text order, many on one line: the last line found is tried first, so a
    // long line is not walked again for each of its hits.
    var line = 0..<0
    for hit in triggerHits {
      if hit.end > end {
        keep.append(hit)
        continue
      }
      if hit.end <= base { continue }
      let last = hit.end - base - 1  // the trigger's last byte (never a line feed)
      if !line.contains(last) {
        let start = lineStart(block, before: last)
        line = start..<lineEnd(block, from: start)
      }
      if !done.insert(line.lowerBound &* 4096 &+ hit.rule).inserted { continue }
      which[hit.rule] = true
      matchLine(block, line, at: base, report: report, source: source, which: which)
      which[hit.rule] = false
    }
    triggerHits = keep
  }

  private mutating func matchUTF8Block(
    _ block: UnsafeRawBufferPointer, at base: Int, prefilter: Regex?, covered: [Bool],
    everyLine: [Bool], report: (Occurrence) -> Void, source: (Int) -> String
  ) {
    // Rules the prefilter does not cover run on every line.
    if everyLine.contains(true) {
      forEachLine(block, from: 0, to: block.count) {
        matchLine(block, $0, at: base, report: report, source: source, which: everyLine)
      }
    }
    guard let prefilter else { return }
    var q = 0
    while q < block.count {
      switch prefilter.firstMatch(in: block, from: q, scratch: scratch) {
      case .noMatch:
        return
      case .match(let hit):
        // Every line the hit touches is matched rule by rule; then search on after them.
        let from = lineStart(block, before: hit.lowerBound)
        let to = lineEnd(block, from: max(hit.lowerBound, hit.upperBound - 1))
        forEachLine(block, from: from, to: to) {
          matchLine(block, $0, at: base, report: report, source: source, which: covered)
        }
        q = to + 1
      case .limitExceeded, .error:
        // The prefilter gave up: match the rest rule by rule (each reports its own limits).
        forEachLine(block, from: lineStart(block, before: q), to: block.count) {
          matchLine(block, $0, at: base, report: report, source: source, which: covered)
        }
        return
      }
    }
  }

  /// Where the line holding `block[offset - 1]` starts (after the last line feed before
  /// `offset`, or 0).
  private func lineStart(_ block: UnsafeRawBufferPointer, before offset: Int) -> Int {
    var i = min(offset, block.count)
    while i > 0 && block[i - 1] != UInt8(ascii: "\n") { i -= 1 }
    return i
  }

  /// The first line feed at or after `offset`, or the block's end.
  private func lineEnd(_ block: UnsafeRawBufferPointer, from offset: Int) -> Int {
    guard offset < block.count,
      let found = memchr(block.baseAddress! + offset, 0x0A, block.count - offset)
    else { return max(offset, block.count) }
    return block.baseAddress!.distance(to: UnsafeRawPointer(found))
  }

  private func forEachLine(
    _ block: UnsafeRawBufferPointer, from: Int, to: Int, _ body: (Range<Int>) -> Void
  ) {
    var start = from
    while start <= to && start < block.count {
      let end = lineEnd(block, from: start)
      body(start..<min(end, to))
      start = end + 1
    }
  }

  /// The rules marked in `which` over one line.
  private mutating func matchLine(
    _ block: UnsafeRawBufferPointer, _ line: Range<Int>, at base: Int,
    report: (Occurrence) -> Void, source: (Int) -> String, which: [Bool]
  ) {
    if line.isEmpty { return }
    let subject = UnsafeRawBufferPointer(rebasing: block[line])
    for (k, regex) in rules.regexes.enumerated() where which[k] {
      do {
        for r in try regex.matches(in: subject, scratch: scratch) where !r.isEmpty {
          report(
            Occurrence(
              pattern: rules.rules[k], start: base + line.lowerBound + r.lowerBound,
              end: base + line.lowerBound + r.upperBound))
        }
      } catch {
        diagnostics.append(
          "\(source(rules.rules[k])): regex gave up on the line at byte \(base + line.lowerBound): \(error.message)"
        )
      }
    }
  }
}
