// kwfilter — the command-line tool: `--records`, KEY<TAB>TEXT lines for Hadoop and Spark.

import KeywordFilter

/// Reads records (`KEY<TAB>TEXT` lines, see ``RecordFormat``) and writes one line per record,
/// `KEY<TAB>STATUS<TAB>CATEGORIES<TAB>MASKED_TEXT`, or with `--json` one object per match with
/// `"key"` — in input order, whatever `-j` is.
///
/// Lines are handed out in blocks of about ``blockSize`` bytes. A block's texts are scanned as
/// one stream, joined by line feeds: no match crosses a line feed, so each record gets exactly
/// the matches it would get alone, without a scanner set up per record.
struct RecordMode: Sendable {
  let filter: Filter
  let json: Bool
  let mask: [UInt8]
  let auditing: Bool

  static let blockSize = 1 << 20

  /// A processed block.
  struct BlockResult: Sendable {
    var output: [UInt8] = []
    var matched = false
    var records: [AuditRecord] = []
  }

  /// Runs every input (standard input when `files` is empty) on `jobs` threads.
  func run(files: [String], jobs: Int, audit: AuditLog?, out: inout OutputWriter) -> (
    anyMatch: Bool, failed: Bool
  ) {
    var anyMatch = false
    var failed = false
    let pool = jobs > 1 ? WorkerPool(threads: jobs) : nil
    defer { pool?.shutdown() }
    var ordered = pool.map { OrderedJobs<Void, BlockResult>(pool: $0, window: 2 * jobs) }
    let mode = self
    func take(_ result: BlockResult) {
      out.write(result.output)
      anyMatch = anyMatch || result.matched
      for record in result.records {
        do {
          try audit?.append(record)
        } catch {
          out.flush()
          printError(error.description)
          failed = true
        }
      }
    }
    func submit(_ block: [UInt8], name: String) {
      if ordered == nil {
        take(mode.process(block, inputName: name))
      } else {
        ordered!.submit({ mode.process(block, inputName: name) }, context: ()) { take($1) }
      }
    }
    let inputs: [String?] = files.isEmpty ? [nil] : files.map { $0 }
    for path in inputs {
      let name = path ?? "-"
      var pending: [UInt8] = []
      do {
        try InputFile(path: path).forEachChunk { chunk in
          pending.append(contentsOf: chunk)
          if pending.count >= RecordMode.blockSize, let lf = pending.lastIndex(of: 0x0A) {
            submit(Array(pending[...lf]), name: name)
            pending.removeFirst(lf + 1)
          }
          return true
        }
        if !pending.isEmpty { submit(pending, name: name) }
      } catch {
        if !pending.isEmpty { submit(pending, name: name) }
        ordered?.drain { take($1) }
        out.flush()
        printError(error.description)
        failed = true
      }
    }
    ordered?.drain { take($1) }
    out.flush()
    return (anyMatch, failed)
  }

  /// The output lines (and audit records) of a block of complete lines (the last line of an
  /// input may lack its line feed).
  func process(_ block: [UInt8], inputName: String) -> BlockResult {
    // Split into records; join the decoded texts with line feeds; remember where each starts.
    var keys: [ArraySlice<UInt8>] = []
    var joined: [UInt8] = []
    joined.reserveCapacity(block.count)
    var starts: [Int] = []
    var lineStart = 0
    while lineStart < block.count {
      let lf = block[lineStart...].firstIndex(of: 0x0A) ?? block.count
      let line = block[lineStart..<lf]
      let tab = line.firstIndex(of: 0x09)
      keys.append(tab.map { block[lineStart..<$0] } ?? [])
      if !starts.isEmpty { joined.append(0x0A) }
      starts.append(joined.count)
      joined += RecordFormat.unescape(tab.map { block[($0 + 1)..<lf] } ?? line)
      lineStart = lf + 1
    }
    let found = filter.matches(in: joined)

    var result = BlockResult()
    result.output.reserveCapacity(block.count + block.count / 8)
    var next = 0  // the first match not yet given to a record (matches are in start order)
    for (i, key) in keys.enumerated() {
      let start = starts[i]
      let end = i + 1 < starts.count ? starts[i + 1] - 1 : joined.count
      var mine: [Match] = []
      while next < found.count && found[next].range.lowerBound < end {
        var m = found[next]
        m.range = (m.range.lowerBound - start)..<(m.range.upperBound - start)
        mine.append(m)
        next += 1
      }
      let text = joined[start..<end]
      let keyText = String(decoding: key, as: UTF8.self)
      if !mine.isEmpty {
        result.matched = true
        if auditing {
          var record = AuditRecord(
            input: inputName, sha256: text.withUnsafeBytes { AuditDigest.hex(of: $0) },
            action: json ? .reported : .masked, key: keyText)
          for m in mine { record.add(m) }
          result.records.append(record)
        }
      }
      if json {
        var writer = OutputWriter.memory()
        for m in mine { writer.writeJSON(m, file: nil, key: keyText) }
        result.output += writer.take()
        continue
      }
      result.output += key
      result.output.append(0x09)
      result.output += Array(RecordFormat.Status(mine).rawValue.utf8)
      result.output.append(0x09)
      var categories: [String] = []
      for m in mine where !categories.contains(m.category.rawValue) {
        categories.append(m.category.rawValue)
      }
      result.output += Array((categories.isEmpty ? "-" : categories.joined(separator: ",")).utf8)
      result.output.append(0x09)
      RecordFormat.escape(masked(text, mine), into: &result.output)
      result.output.append(0x0A)
    }
    return result
  }

  /// `text` (UTF-8) with every character of every match replaced by the mask, as
  /// ``StreamMasker`` does it.
  func masked(_ text: ArraySlice<UInt8>, _ matches: [Match]) -> [UInt8] {
    if matches.isEmpty { return Array(text) }
    var out: [UInt8] = []
    out.reserveCapacity(text.count)
    let base = text.startIndex
    var written = 0
    for m in matches {
      let start = max(m.range.lowerBound, written)
      if start >= m.range.upperBound { continue }  // already covered (--all)
      out += text[(base + written)..<(base + start)]
      for k in start..<m.range.upperBound where text[base + k] & 0xC0 != 0x80 { out += mask }
      written = m.range.upperBound
    }
    out += text[(base + written)...]
    return out
  }
}
