// kwfilter — KeywordFilter: THE hot loop — UTF-8 decode, fold and automaton step in one pass.

import AhoCorasick

extension StreamScanner {
  /// Decodes UTF-8 from `buffer[from...]`, steps the automaton once per character and hands
  /// every state with outputs to the slow path. Returns where it stopped: the end of the
  /// buffer, or (unless `final`) the start of a valid but incomplete character at its end.
  ///
  /// Invalid bytes are consumed one at a time as characters that no term contains, so they
  /// never match and never join two halves of a term.
  mutating func scanUTF8(_ buffer: UnsafeRawBufferPointer, from: Int, base: Int, final: Bool)
    -> Int
  {
    let automaton = filter.automaton
    return automaton.withDFATables { tables in
      scanUTF8(buffer, from: from, base: base, final: final,
        stepper: DFAStepper(tables: tables, root: automaton.dfa.rootWord))
    }
  }

  // Safety: every pointer read is at an index checked against `end` (4-byte loads only while
  // i + 4 <= end); symbols come from the alphabet's table and are < multiple + 1, which both
  // steppers accept (see DFATables.next).
  @inline(__always)
  mutating func scanUTF8<S: Stepper>(
    _ buffer: UnsafeRawBufferPointer, from: Int, base: Int, final: Bool, stepper: S
  ) -> Int {
    guard let raw = buffer.baseAddress else { return from }
    let p = raw.assumingMemoryBound(to: UInt8.self)
    let alphabet = filter.alphabet
    let maxNoise = filter.configuration.normalization.maxNoise
    let noise = Int(alphabet.noise)
    let multiple = Int(alphabet.multiple)
    var word = self.stateWord
    var noiseRun = self.noiseRun
    var i = from
    let end = buffer.count

    let stopped: Int = alphabet.bmp.withUnsafeBufferPointer { classes in
      while i < end {
        var symbol: Int
        var length: Int
        // Fast path: ASCII or a valid 3-byte character, decoded without branches.
        if i &+ 4 <= end {
          let w = UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: i, as: UInt32.self))
          let b0 = w & 0xFF
          let cp3 = (b0 & 0x0F) << 12 | ((w >> 8) & 0x3F) << 6 | ((w >> 16) & 0x3F)
          let isASCII = b0 < 0x80
          let is3 =
            (w & 0x00C0_C0F0) == 0x0080_80E0 && cp3 >= 0x800 && (cp3 & 0xF800) != 0xD800
          if isASCII || is3 {
            symbol = Int(classes[Int(isASCII ? b0 : cp3)])
            length = isASCII ? 1 : 3
          } else {
            let (cp, n) = StreamScanner.decodeOther(p, i, end, final: final)
            if n == 0 { break }
            symbol = cp == .max ? 0 : Int(alphabet.symbol(of: cp))
            length = n
          }
        } else {
          let (cp, n) = StreamScanner.decodeOther(p, i, end, final: final)
          if n == 0 { break }
          symbol = cp == .max ? 0 : Int(alphabet.symbol(of: cp))
          length = n
        }

        if symbol >= multiple {
          let (cp, _) = StreamScanner.decodeOther(p, i, end, final: true)
          stepMultiple(cp, end: base &+ i &+ length, word: &word, stepper: stepper)
          noiseRun = 0
          i &+= length
          continue
        }
        // Branch-free step: noise keeps the state (until the run is too long).
        let isNoise = symbol == noise
        let stepped = stepper.next(word, symbol)
        noiseRun = isNoise ? noiseRun &+ 1 : 0
        let kept = noiseRun > maxNoise ? stepper.root : word
        word = isNoise ? kept : stepped
        if !isNoise && stepper.hasOutput(stepped) {
          reportOutputs(of: stepper.state(stepped), end: base &+ i &+ length, unconsumedSymbols: 0)
        }
        i &+= length
      }
      return i
    }
    self.stateWord = word
    self.noiseRun = noiseRun
    return stopped
  }

  /// Decodes any character at `p[i]` the fast path does not take: returns its code point and
  /// length, `(.max, 1)` for an invalid byte, or length 0 for a valid but incomplete character
  /// at the end of the buffer (unless `final`, when it is invalid bytes).
  @inline(never)
  static func decodeOther(_ p: UnsafePointer<UInt8>, _ i: Int, _ end: Int, final: Bool)
    -> (UInt32, Int)
  {
    let b0 = p[i]
    if b0 < 0x80 { return (UInt32(b0), 1) }
    let need: Int
    var cp: UInt32
    switch b0 {
    case 0xC2...0xDF:
      need = 2
      cp = UInt32(b0 & 0x1F)
    case 0xE0...0xEF:
      need = 3
      cp = UInt32(b0 & 0x0F)
    case 0xF0...0xF4:
      need = 4
      cp = UInt32(b0 & 0x07)
    default: return (.max, 1)
    }
    for k in 1..<need {
      if i + k >= end { return final ? (.max, 1) : (0, 0) }
      let b = p[i + k]
      if b & 0xC0 != 0x80 { return (.max, 1) }
      if k == 1 {
        if b0 == 0xE0 && b < 0xA0 { return (.max, 1) }
        if b0 == 0xED && b >= 0xA0 { return (.max, 1) }
        if b0 == 0xF0 && b < 0x90 { return (.max, 1) }
        if b0 == 0xF4 && b >= 0x90 { return (.max, 1) }
      }
      cp = cp << 6 | UInt32(b & 0x3F)
    }
    return (cp, need)
  }

  /// Steps through a character that folds to several code points (`ß` → `ss`).
  @inline(never)
  mutating func stepMultiple<S: Stepper>(
    _ cp: UInt32, end: Int, word: inout UInt64, stepper: S
  ) {
    guard case .multiple(let folded) = filter.alphabet.fold(cp) else { return }
    for (k, f) in folded.enumerated() {
      let symbol = Int(filter.alphabet.symbol(ofFolded: f))
      word = stepper.next(word, symbol)
      if stepper.hasOutput(word) {
        reportOutputs(of: stepper.state(word), end: end, unconsumedSymbols: folded.count - k - 1)
      }
    }
  }

  /// Slow path: records an occurrence for every pattern ending at `state`.
  @inline(never)
  mutating func reportOutputs(of state: UInt32, end: Int, unconsumedSymbols: Int) {
    let view = makeView()
    let filter = self.filter
    var found: [Occurrence] = []
    filter.automaton.forEachOutput(of: state) { p in
      let entry = filter.entryOfPattern[p.index]
      let symbols = filter.patternLength[entry] + unconsumedSymbols
      let start = view.start(ofMatchEndingAt: end, symbols: symbols, alphabet: filter.alphabet)
      let before =
        filter.needsBoundaryBefore[entry] && view.wordCharacter(before: start, alphabet: filter.alphabet)
      found.append(Occurrence(pattern: entry, start: start, end: end, wordBefore: before))
    }
    for o in found { selection.add(o, isAllow: filter.isAllow[o.pattern]) }
  }
}
