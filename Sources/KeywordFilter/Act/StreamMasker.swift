// kwfilter — KeywordFilter: writes the input back with matched characters masked.

/// Streams an input through a filter and writes it back with every matched character replaced
/// by one mask string; every other byte is written exactly as it came in.
///
/// Output lags input by at most one maximum match span (the bytes that a match found later
/// could still cover), so memory stays bounded.
public struct StreamMasker {
  /// The underlying scanner (its matches are the ones masked).
  public private(set) var scanner: StreamScanner
  /// Bytes written in place of each masked character.
  public let mask: [UInt8]
  /// Matches masked so far.
  public private(set) var matchCount = 0
  /// Input bytes not yet written: `pending[pendingHead...]` starts at offset `written`.
  private var pending: [UInt8] = []
  private var pendingHead = 0
  private var written = 0
  private var ready: [Match] = []

  /// Creates a masker writing `mask` for each masked character, in the input's encoding.
  public init(filter: Filter, mask: String = "*", encoding: InputEncoding = .utf8) {
    self.scanner = filter.makeScanner(encoding: encoding)
    self.mask = encoding == .gb18030 ? GB18030Table.shared.encode(mask) : Array(mask.utf8)
  }

  /// Scans a chunk and writes whatever output is now certain.
  public mutating func process(
    _ chunk: UnsafeRawBufferPointer, onMatch: (Match) -> Void = { _ in },
    write: (UnsafeRawBufferPointer) -> Void
  ) {
    pending.append(contentsOf: chunk)
    var found: [Match] = []
    scanner.scan(chunk) { found.append($0) }
    for m in found { onMatch(m) }
    emit(found, upTo: scanner.settledOffset, write: write)
  }

  /// Returns and clears the scanner's diagnostics (see ``StreamScanner/takeDiagnostics()``).
  public mutating func takeDiagnostics() -> [String] { scanner.takeDiagnostics() }

  /// Ends the input and writes the rest.
  public mutating func finish(
    onMatch: (Match) -> Void = { _ in }, write: (UnsafeRawBufferPointer) -> Void
  ) {
    var found: [Match] = []
    scanner.finish { found.append($0) }
    for m in found { onMatch(m) }
    emit(found, upTo: scanner.settledOffset, write: write)
  }

  private mutating func emit(
    _ matches: [Match], upTo settled: Int, write: (UnsafeRawBufferPointer) -> Void
  ) {
    var out: [UInt8] = []
    for m in matches {
      matchCount += 1
      let start = max(m.range.lowerBound, written)
      if start >= m.range.upperBound { continue }  // already covered (overlapping, --all)
      copy(upTo: start, into: &out)
      let characters = characterCount(from: start, to: m.range.upperBound)
      for _ in 0..<characters { out.append(contentsOf: mask) }
      drop(upTo: m.range.upperBound)
    }
    copy(upTo: max(settled, written), into: &out)
    if !out.isEmpty { out.withUnsafeBytes { write($0) } }
    if pendingHead > 1 << 16 && pendingHead * 2 > pending.count {
      pending.removeFirst(pendingHead)
      pendingHead = 0
    }
  }

  private mutating func copy(upTo offset: Int, into out: inout [UInt8]) {
    let n = min(offset - written, pending.count - pendingHead)
    if n <= 0 { return }
    out.append(contentsOf: pending[pendingHead..<(pendingHead + n)])
    pendingHead += n
    written += n
  }

  private mutating func drop(upTo offset: Int) {
    let n = min(offset - written, pending.count - pendingHead)
    pendingHead += n
    written += n
  }

  /// Characters in `[from, to)` of the pending bytes (ranges are character-aligned).
  private func characterCount(from: Int, to: Int) -> Int {
    let lo = pendingHead + from - written
    let hi = pendingHead + to - written
    if scanner.encoding == .gb18030 {
      return pending.withUnsafeBufferPointer { p in
        var count = 0
        var i = lo
        while i < hi {
          i += max(1, GB18030Table.shared.decode(p.baseAddress!, i, hi, final: true).1)
          count += 1
        }
        return count
      }
    }
    var count = 0
    for k in lo..<hi where pending[k] & 0xC0 != 0x80 { count += 1 }
    return count
  }
}
