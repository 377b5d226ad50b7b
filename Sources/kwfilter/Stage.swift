// kwfilter — the command-line tool: one input's way through the filter to the output.

import KeywordFilter

/// Feeds one input's chunks to a masker (mask mode) or a scanner (report modes) and writes
/// what each mode writes: masked text, JSON lines, or (at the end) a count.
struct Stage {
  let filter: Filter
  let mode: OutputMode
  let mask: String
  let name: String?
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
      masker!.process(chunk) { out.write($0) }
      count = masker!.matchCount
      for d in masker!.takeDiagnostics() { printError(d) }
      return
    }
    var found = 0
    let mode = self.mode
    let name = self.name
    scanner!.scan(chunk) { m in
      found += 1
      if mode == .json { out.writeJSON(m, file: name) }
    }
    count += found
    for d in scanner!.takeDiagnostics() { printError(d) }
    if mode == .quiet && count > 0 { stop = true }
  }

  mutating func finish(out: inout OutputWriter) {
    if masker != nil {
      masker!.finish { out.write($0) }
      count = masker!.matchCount
      for d in masker!.takeDiagnostics() { printError(d) }
      return
    }
    var found = 0
    let mode = self.mode
    let name = self.name
    scanner!.finish { m in
      found += 1
      if mode == .json { out.writeJSON(m, file: name) }
    }
    count += found
    for d in scanner!.takeDiagnostics() { printError(d) }
    if mode == .count { out.write(name.map { "\($0):\(count)\n" } ?? "\(count)\n") }
  }
}
