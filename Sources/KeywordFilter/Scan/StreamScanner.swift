// kwfilter — KeywordFilter: chunked scanning with bounded memory.

import AhoCorasick

/// Scans one input stream in chunks of any size and reports every match with byte ranges in
/// the original input.
///
/// Feed chunks with ``scan(_:onMatch:)`` and end with ``finish(onMatch:)``. Matches that span
/// chunk boundaries are found as if the input came in one piece; a character split across
/// chunks is carried over. Between chunks the scanner keeps the automaton state, at most three
/// bytes of a split character, and the last ``Filter``'s maximum match span of input bytes
/// (a few hundred bytes for ordinary lists), so memory does not grow with the input.
///
/// Matches are reported in order of their start offset, once nothing later in the stream can
/// change them (an allow-list phrase or a longer match may still begin up to one maximum
/// match span back). ``settledOffset`` says how far that is.
///
/// When the filter has class-fold passes (``VariantOptions/homophones``,
/// ``VariantOptions/lookalikes``), the scanner feeds each chunk to one inner scanner per pass
/// as well and merges their matches into the same ordered stream (see `MatchMerger`).
public struct StreamScanner {
  /// The filter this scanner runs.
  public let filter: Filter
  /// The input's encoding.
  public let encoding: InputEncoding
  /// GB18030 only: the symbol of each two-byte sequence (``GB18030Table/twoByteIndex``), with
  /// `invalidSymbol` for sequences that do not decode; and the ring of character starts.
  let gbSymbols: [UInt16]
  let starts: CharacterStarts?
  static let invalidSymbol: UInt16 = 0xFFFF

  /// Automaton state after the last decoded character, as the stepper's word.
  var stateWord: UInt64
  /// Noise characters since the last term character.
  var noiseRun = 0
  /// Absolute offset up to which the input has been decoded (a character boundary).
  var position = 0
  /// Bytes of a character split at the end of the last chunk (they start at `position`).
  var carry: [UInt8] = []
  /// The last bytes received, for looking back from a match: `history[0]` is at `historyStart`
  /// and the history ends where the received input ends. Invariant: holds at least
  /// `filter.maxSpan + 16` bytes when that many have been received.
  var history: [UInt8] = []
  var historyStart = 0
  /// Total bytes received.
  var received = 0
  /// The chunk being scanned and its absolute offset (valid only inside `scan`).
  var current: UnsafeRawBufferPointer = UnsafeRawBufferPointer(start: nil, count: 0)
  var currentStart = 0
  var selection: Selection
  /// The regex rules' line matcher (nil when the filter has none).
  var regexScanner: RegexLineScanner?
  /// Every match starting before this offset has been reported.
  public internal(set) var settledOffset = 0
  /// One scanner per class-fold pass of the filter (``Filter/foldPasses``), fed the same
  /// chunks, and the merger of their matches with this scanner's; empty and nil when the filter
  /// has no such pass.
  var foldScanners: [StreamScanner] = []
  var merger: MatchMerger?
  var finished = false
  /// Reused by ``reportOutputs(of:end:unconsumedSymbols:reportBefore:)`` for the patterns
  /// ending at a state (empty between calls).
  var outputScratch: [(PatternID, UInt32)] = []

  init(filter: Filter, encoding: InputEncoding = .utf8) {
    self.filter = filter
    self.encoding = encoding
    if encoding == .gb18030 {
      let table = GB18030Table.shared
      gbSymbols = table.twoByte.map { $0 == 0 ? StreamScanner.invalidSymbol : filter.alphabet.symbol(of: $0) }
      starts = CharacterStarts(atLeast: filter.maxSpan + 16 + filter.lookAroundBytes)
    } else {
      gbSymbols = []
      starts = nil
    }
    self.stateWord = filter.automaton.dfa.rootWord
    self.selection = Selection(semantics: filter.configuration.semantics)
    self.regexScanner = filter.regexRules.isEmpty ? nil : RegexLineScanner(rules: filter.regexRules)
    self.regexScanner?.encoding = encoding
    if !filter.foldPasses.isEmpty {
      foldScanners = filter.foldPasses.map { StreamScanner(filter: $0, encoding: encoding) }
      merger = MatchMerger(passes: 1 + foldScanners.count, semantics: filter.configuration.semantics)
    }
  }

  /// Returns and clears the problems met while scanning that did not stop it: a regex rule that
  /// reached a PCRE2 limit on some line (the rule's `file:line` and the line's offset).
  public mutating func takeDiagnostics() -> [String] {
    guard let found = regexScanner?.diagnostics, !found.isEmpty else { return [] }
    regexScanner?.diagnostics.removeAll()
    return found
  }

  /// Feeds the regex rules (if any) and records their occurrences.
  mutating func scanRegex(_ chunk: UnsafeRawBufferPointer, at start: Int) {
    if regexScanner == nil { return }
    let filter = self.filter
    var found: [Occurrence] = []
    regexScanner?.ingest(
      chunk, at: start, report: { found.append($0) }, source: { filter.entryStore[filter.ruleEntry[$0]].source })
    for o in found { selection.add(o, isAllow: filter.isAllow[o.pattern]) }
  }

  /// The recent input as one address space (see ``ByteView``).
  func makeView() -> ByteView {
    ByteView(
      history: history, historyStart: historyStart, current: current,
      currentStart: currentStart, encoding: encoding, starts: starts)
  }

  /// The horizon: occurrences found later start after it.
  func horizon() -> Int {
    // The boundary rule and glued pinyin read a few characters past a match's end.
    let literal = position - filter.maxSpan - 1 - filter.lookAroundBytes
    guard let regex = regexScanner else { return literal }
    return min(literal, regex.pendingStart - 1)
  }

  /// Scans the next chunk of the input and reports the matches that became certain.
  public mutating func scan(_ chunk: UnsafeRawBufferPointer, onMatch: (Match) -> Void) {
    if merger == nil {
      scanPrimary(chunk, onMatch: onMatch)
    } else {
      scanWithFoldPasses(chunk, onMatch: onMatch)
    }
  }

  /// ``scan(_:onMatch:)`` of this scanner's own automaton (without the class-fold passes).
  mutating func scanPrimary(_ chunk: UnsafeRawBufferPointer, onMatch: (Match) -> Void) {
    precondition(!finished, "scan(_:) after finish(onMatch:)")
    if chunk.isEmpty { return }
    let chunkStart = received
    var offset = 0
    if !carry.isEmpty {
      // Complete the split character (and whatever follows it in the first few bytes).
      var joined = carry
      joined.append(contentsOf: chunk.prefix(3))
      let consumed = joined.withUnsafeBytes { scanPiece($0, from: 0, at: position, final: false) }
      if consumed < carry.count {
        // Still incomplete: the chunk was shorter than the rest of the character.
        carry = Array(joined[consumed...])
        position += consumed
        scanRegex(chunk, at: chunkStart)
        remember(chunk, at: chunkStart)
        return
      }
      offset = consumed - carry.count
      position += consumed
      carry.removeAll()
    }
    let consumed = scanPiece(chunk, from: offset, at: chunkStart, final: false)
    position = chunkStart + consumed
    carry = Array(chunk[consumed...])
    scanRegex(chunk, at: chunkStart)
    flush(upTo: horizon(), chunk: chunk, at: chunkStart, onMatch: onMatch)
    remember(chunk, at: chunkStart)
  }

  /// Ends the input: scans any incomplete character as invalid bytes and reports the rest.
  public mutating func finish(onMatch: (Match) -> Void) {
    if merger == nil {
      finishPrimary(onMatch: onMatch)
    } else {
      finishWithFoldPasses(onMatch: onMatch)
    }
  }

  /// ``finish(onMatch:)`` of this scanner's own automaton (without the class-fold passes).
  mutating func finishPrimary(onMatch: (Match) -> Void) {
    if finished { return }
    finished = true
    if !carry.isEmpty {
      let bytes = carry
      _ = bytes.withUnsafeBytes { scanPiece($0, from: 0, at: position, final: true) }
      position += bytes.count
      carry.removeAll()
    }
    if regexScanner != nil {
      let filter = self.filter
      var found: [Occurrence] = []
      regexScanner?.finish(report: { found.append($0) }, source: { filter.entryStore[filter.ruleEntry[$0]].source })
      for o in found { selection.add(o, isAllow: filter.isAllow[o.pattern]) }
    }
    flush(upTo: Int.max, chunk: UnsafeRawBufferPointer(start: nil, count: 0), at: received,
      onMatch: onMatch)
    settledOffset = received
  }

  /// Scans `buffer[from...]` (buffer[0] at absolute offset `at`) as far as whole characters go.
  /// Returns the index where it stopped (the start of an incomplete character, or the end).
  mutating func scanPiece(_ buffer: UnsafeRawBufferPointer, from: Int, at base: Int, final: Bool)
    -> Int
  {
    current = buffer
    currentStart = base
    defer { current = UnsafeRawBufferPointer(start: nil, count: 0) }
    switch encoding {
    case .utf8: return scanUTF8(buffer, from: from, base: base, final: final)
    case .gb18030: return scanGB18030(buffer, from: from, base: base, final: final)
    }
  }

  /// Keeps the tail of the input received so far (see ``history``).
  mutating func remember(_ chunk: UnsafeRawBufferPointer, at chunkStart: Int) {
    received = chunkStart + chunk.count
    // Enough to look back over any match still to be reported, regex matches included.
    let keep =
      filter.maxSpan + 16 + filter.lookAroundBytes + (regexScanner.map { received - $0.pendingStart } ?? 0)
    if chunk.count >= keep {
      history = Array(chunk[(chunk.count - keep)...])
    } else {
      history.append(contentsOf: chunk)
      if history.count > keep { history.removeFirst(history.count - keep) }
    }
    historyStart = received - history.count
  }

  /// Reports settled occurrences (see ``Selection``).
  mutating func flush(
    upTo horizon: Int, chunk: UnsafeRawBufferPointer, at chunkStart: Int,
    onMatch: (Match) -> Void
  ) {
    current = chunk
    currentStart = chunkStart
    defer { current = UnsafeRawBufferPointer(start: nil, count: 0) }
    let view = makeView()
    let filter = self.filter
    let control = filter.configuration.boundaryControl
    selection.flush(
      upTo: horizon,
      isValid: { o in
        view.passesBoundaries(o, filter: filter)
          && (control != .drop || view.survivesBoundaryRule(o, filter: filter))
      },
      emit: { o in
        let text = view.text(o.start..<o.end)
        var match = filter.makeMatch(rule: o.pattern, range: o.start..<o.end, text: text)
        if control == .review && !view.survivesBoundaryRule(o, filter: filter) {
          match.tier = .review
        }
        onMatch(match)
      })
    settledOffset = max(settledOffset, horizon == Int.max ? position : min(horizon + 1, position))
  }
}
