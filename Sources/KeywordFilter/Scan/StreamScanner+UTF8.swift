// kwfilter — KeywordFilter: the UTF-8 scan — lanes around the C kernel (CScanKernel), the general step.

import AhoCorasick
import CScanKernel

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
  // i + 4 <= end); symbols come from the alphabet's table and are < multiple + 1, which the
  // stepper accepts (see DFATables.next).
  @inline(__always)
  mutating func scanUTF8(
    _ buffer: UnsafeRawBufferPointer, from: Int, base: Int, final: Bool, stepper: DFAStepper
  ) -> Int {
    guard let raw = buffer.baseAddress else { return from }
    let end = buffer.count
    return filter.alphabet.bmp.withUnsafeBufferPointer { classes in
      let ctx = UTF8Lane.Context(
        raw: raw, classes: classes, alphabet: filter.alphabet,
        maxNoise: filter.configuration.normalization.maxNoise, base: base, root: stepper.root)
      var lane = UTF8Lane(i: from, word: stateWord, noiseRun: noiseRun)
      if end - from >= filter.configuration.laneThreshold {
        lane = scanTwoLanes(ctx, lane, end: end, stepper: stepper)
      }
      if lane.i &+ 4 <= end { runFast(&lane, ctx, limit: end &- 3, end: end, stepper: stepper) }
      while lane.i < end {
        if !stepUTF8(&lane, ctx, end: end, final: final, stepper: stepper) { break }
      }
      stateWord = lane.word
      noiseRun = lane.noiseRun
      return lane.i
    }
  }

  /// Scans most of `[lane.i, end)` as two interleaved lanes — the first half from the current
  /// state, the second half from the root — so that the two dependent chains of table loads
  /// overlap. The first lane then runs on past the midpoint, reporting only occurrences that
  /// start before it, until its state no longer depends on anything before the midpoint (its
  /// depth is at most the symbols read since); from there the second lane's state is the truth.
  /// Returns the lane state at the stop (a character boundary at least 4 bytes before `end`).
  @inline(__always)
  mutating func scanTwoLanes(
    _ ctx: UTF8Lane.Context, _ start: UTF8Lane, end: Int, stepper: DFAStepper
  ) -> UTF8Lane {
    let p = ctx.raw.assumingMemoryBound(to: UInt8.self)
    let stop = end - 4
    var mid = start.i + (stop - start.i) / 2
    while mid < stop && p[mid] & 0xC0 == 0x80 { mid += 1 }
    var a = start
    var b = UTF8Lane(i: mid, word: stepper.root, noiseRun: 0)
    // Lane b decodes against the true end (a character may run past `stop`; at least 4 bytes
    // remain after it, so no character is cut), lane a against the midpoint, a boundary.
    // Lane a's characters all end by the midpoint (a lead byte), so its fast step, which only
    // takes whole characters, may load the four bytes at any i < mid ≤ stop.
    runFast(&a, limit: mid, end: mid, &b, limit: stop, end: end, ctx, stepper: stepper)
    runFast(&a, ctx, limit: mid, end: mid, stepper: stepper)
    runFast(&b, ctx, limit: stop, end: end, stepper: stepper)
    // Stitch: lane a goes on from the midpoint until it agrees with lane b.
    var symbolsSinceMid = 0
    while a.i < b.i {
      let before = a
      _ = stepUTF8(&a, ctx, end: b.i, final: true, stepper: stepper, reportBefore: ctx.base + mid)
      if a.noiseRun == 0 {
        symbolsSinceMid += max(1, a.symbolsInLast)
        if filter.automaton.depth(of: stepper.state(a.word)) <= symbolsSinceMid { return b }
      }
      if a.i == before.i { break }
    }
    return a
  }

  /// Runs one lane through the C kernel (CScanKernel) while it has four readable bytes
  /// before `limit`; its characters end by `end`. The characters the kernel stops at (events:
  /// other lengths, invalid bytes, several-symbol folds, fallback steps, outputs) go through
  /// ``stepUTF8``.
  @inline(never)
  mutating func runFast(
    _ lane: inout UTF8Lane, _ ctx: UTF8Lane.Context, limit: Int, end: Int, stepper: DFAStepper
  ) {
    let p = ctx.raw.assumingMemoryBound(to: UInt8.self)
    var k = kw_lane(i: lane.i, word: ctx.words.pack(lane))
    filter.kernelLookup.withUnsafeBufferPointer { lookup in
      var tables = FastKernel.tables(ctx, stepper, lookup: lookup)
      while k.i < limit {
        if kw_scan_utf8_one(p, &k, limit, &tables) != 0 {
          (k.i, k.word) = stepOther(k.i, k.word, ctx, end: end, stepper: stepper)
        }
      }
    }
    lane = ctx.words.unpack(k.i, k.word)
  }

  /// Runs two lanes in lockstep through the C kernel, `a` until `aLimit` (its characters end
  /// by `aEnd`) and `b` until `bLimit` (characters end by `bEnd`), while both are short of
  /// their limits; the lanes at an event take that character through ``stepUTF8``.
  @inline(never)
  mutating func runFast(
    _ a: inout UTF8Lane, limit aLimit: Int, end aEnd: Int,
    _ b: inout UTF8Lane, limit bLimit: Int, end bEnd: Int,
    _ ctx: UTF8Lane.Context, stepper: DFAStepper
  ) {
    let p = ctx.raw.assumingMemoryBound(to: UInt8.self)
    var ka = kw_lane(i: a.i, word: ctx.words.pack(a))
    var kb = kw_lane(i: b.i, word: ctx.words.pack(b))
    filter.kernelLookup.withUnsafeBufferPointer { lookup in
      var tables = FastKernel.tables(ctx, stepper, lookup: lookup)
      while ka.i < aLimit && kb.i < bLimit {
        let events = kw_scan_utf8_two(p, &ka, aLimit, &kb, bLimit, &tables)
        if events & 1 != 0 {
          (ka.i, ka.word) = stepOther(ka.i, ka.word, ctx, end: aEnd, stepper: stepper)
        }
        if events & 2 != 0 {
          (kb.i, kb.word) = stepOther(kb.i, kb.word, ctx, end: bEnd, stepper: stepper)
        }
      }
    }
    a = ctx.words.unpack(ka.i, ka.word)
    b = ctx.words.unpack(kb.i, kb.word)
  }

  /// ``stepUTF8(_:_:end:final:stepper:reportBefore:)`` for one character at `i`, for the
  /// events of the fast loops; kept out of line so they stay small.
  @inline(never)
  mutating func stepOther(
    _ i: Int, _ word: UInt64, _ ctx: UTF8Lane.Context, end: Int, stepper: DFAStepper
  ) -> (Int, UInt64) {
    var lane = ctx.words.unpack(i, word)
    _ = stepUTF8(&lane, ctx, end: end, final: true, stepper: stepper)
    return (lane.i, ctx.words.pack(lane))
  }

  /// Decodes one character at `lane.i` and steps the automaton; false when the character is
  /// cut by `end` (and not `final`). Occurrences are reported unless they start at or after
  /// `reportBefore`.
  @inline(__always)
  mutating func stepUTF8<S: Stepper>(
    _ lane: inout UTF8Lane, _ ctx: UTF8Lane.Context, end: Int, final: Bool, stepper: S,
    reportBefore: Int = .max
  ) -> Bool {
    let i = lane.i
    let p = ctx.raw.assumingMemoryBound(to: UInt8.self)
    var symbol: Int
    var length: Int
    // Fast path: ASCII or a valid 3-byte character, decoded without branches.
    if i &+ 4 <= end {
      let w = UInt32(littleEndian: ctx.raw.loadUnaligned(fromByteOffset: i, as: UInt32.self))
      let b0 = w & 0xFF
      let cp3 = (b0 & 0x0F) << 12 | ((w >> 8) & 0x3F) << 6 | ((w >> 16) & 0x3F)
      let isASCII = b0 < 0x80
      let is3 = (w & 0x00C0_C0F0) == 0x0080_80E0 && cp3 >= 0x800 && (cp3 & 0xF800) != 0xD800
      if isASCII || is3 {
        symbol = Int(ctx.classes[Int(isASCII ? b0 : cp3)])
        length = isASCII ? 1 : 3
      } else {
        let (cp, n) = StreamScanner.decodeOther(p, i, end, final: final)
        if n == 0 { return false }
        symbol = cp == .max ? 0 : Int(ctx.alphabet.symbol(of: cp))
        length = n
      }
    } else {
      let (cp, n) = StreamScanner.decodeOther(p, i, end, final: final)
      if n == 0 { return false }
      symbol = cp == .max ? 0 : Int(ctx.alphabet.symbol(of: cp))
      length = n
    }
    lane.symbolsInLast = 1
    if symbol >= ctx.multiple {
      let (cp, _) = StreamScanner.decodeOther(p, i, end, final: true)
      lane.symbolsInLast = stepMultiple(
        cp, end: ctx.base &+ i &+ length, word: &lane.word, stepper: stepper,
        reportBefore: reportBefore)
      lane.noiseRun = 0
      lane.i = i &+ length
      return true
    }
    // Branch-free step: noise keeps the state (until the run is too long). Selects by masks,
    // so the compiler has no branch to mispredict on the ~15% of characters that are noise.
    // A repeat loop (DefaultTransitionDFA.repeatBit) skips its character like noise.
    let stepped = stepper.next(lane.word, symbol)
    let isNoise = symbol == ctx.noise || stepped & DefaultTransitionDFA.repeatBit != 0
    let noiseMask = 0 &- UInt64(truncatingIfNeeded: UInt8(bitPattern: Int8(isNoise ? 1 : 0)))
    lane.noiseRun = (lane.noiseRun &+ 1) & Int(truncatingIfNeeded: noiseMask)
    let overflow = UInt64(truncatingIfNeeded: (ctx.maxNoise &- lane.noiseRun) >> 63)
    let kept = stepper.root & overflow | lane.word & ~overflow
    lane.word = kept & noiseMask | stepped & ~noiseMask
    if stepper.hasOutput(stepped & ~noiseMask) {
      reportOutputs(
        of: stepper.state(stepped), end: ctx.base &+ i &+ length, unconsumedSymbols: 0,
        reportBefore: reportBefore)
    }
    lane.i = i &+ length
    return true
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

  /// Steps through a character that folds to several code points (`ß` → `ss`); returns how
  /// many symbols it fed.
  @inline(never)
  @discardableResult
  mutating func stepMultiple<S: Stepper>(
    _ cp: UInt32, end: Int, word: inout UInt64, stepper: S, reportBefore: Int = .max
  ) -> Int {
    guard case .multiple(let folded) = filter.alphabet.fold(cp) else { return 1 }
    for (k, f) in folded.enumerated() {
      let symbol = Int(filter.alphabet.symbol(ofFolded: f))
      let stepped = stepper.next(word, symbol)
      if stepped & DefaultTransitionDFA.repeatBit != 0 { continue }  // a repeat: skipped
      word = stepped
      if stepper.hasOutput(word) {
        reportOutputs(
          of: stepper.state(word), end: end, unconsumedSymbols: folded.count - k - 1,
          reportBefore: reportBefore)
      }
    }
    return folded.count
  }

  /// Slow path: records an occurrence for every pattern ending at `state`.
  @inline(never)
  mutating func reportOutputs(
    of state: UInt32, end: Int, unconsumedSymbols: Int, reportBefore: Int = .max
  ) {
    let view = makeView()
    let filter = self.filter
    var triggered: [Int] = []
    let checksBoundaries = filter.configuration.boundaryControl != .off
    // With repeat loops a match may hold skipped repeats: walk back along its own symbols.
    let repeats = filter.repeatLoops && unconsumedSymbols == 0
    var backward: [UInt32] = []
    // The outputs are gathered first (into the scanner's reused buffer): walking them in a
    // closure that also updates the scanner made every call copy the whole automaton.
    var outputs = outputScratch
    outputScratch = []
    defer {
      outputs.removeAll(keepingCapacity: true)
      outputScratch = outputs
    }
    filter.automaton.forEachOutputWithState(of: state) { outputs.append(($0, $1)) }
    for (p, endState) in outputs {
      let entry = filter.ruleOfPattern[p.index]  // the rule (see Filter)
      if entry < 0 {  // a regex rule's literal trigger
        triggered.append(-1 - entry)
        continue
      }
      let start: Int
      if repeats {
        backward.removeAll(keepingCapacity: true)
        filter.automaton.appendPathBackward(to: endState, into: &backward)
        start = view.start(ofMatchEndingAt: end, backward: backward, alphabet: filter.alphabet)
      } else {
        let symbols = filter.patternLength[entry] + unconsumedSymbols
        start = view.start(ofMatchEndingAt: end, symbols: symbols, alphabet: filter.alphabet)
      }
      var before =
        filter.needsBoundaryBefore[entry]
        && view.wordCharacter(before: view.beforeRepeats(start, filter: filter), alphabet: filter.alphabet)
      if before && filter.isPinyinRule[entry] {
        before = !view.gluedPinyin(before: start, alphabet: filter.alphabet)
      }
      var o = Occurrence(pattern: entry, start: start, end: end, wordBefore: before)
      if checksBoundaries && filter.needsBoundaryRule(entry) {
        o.hanBefore = view.hanContext(before: start, alphabet: filter.alphabet)
      }
      if start < reportBefore { selection.add(o, isAllow: filter.isAllow[entry]) }
    }
    for k in triggered { regexScanner?.noteTrigger(k, end: end) }
  }
}

/// One lane of the UTF-8 scan: where it is, its automaton state and its noise run.
struct UTF8Lane {
  var i: Int
  var word: UInt64
  var noiseRun: Int
  /// Symbols the last character fed (1, or more for `ß` → `ss`).
  var symbolsInLast = 1

  /// What every step needs, gathered once per scan call (plain values, so they stay in
  /// registers).
  struct Context {
    let raw: UnsafeRawPointer
    let classes: UnsafeBufferPointer<UInt16>
    let alphabet: Alphabet
    let maxNoise: Int
    let base: Int
    let noise: Int
    let multiple: Int
    /// The kernel's lane words (``FastWords``).
    let words: FastWords

    init(
      raw: UnsafeRawPointer, classes: UnsafeBufferPointer<UInt16>, alphabet: Alphabet,
      maxNoise: Int, base: Int, root: UInt64
    ) {
      self.raw = raw
      self.classes = classes
      self.alphabet = alphabet
      self.maxNoise = maxNoise
      self.base = base
      self.noise = Int(alphabet.noise)
      self.multiple = Int(alphabet.multiple)
      self.words = FastWords(maxNoise: maxNoise, root: root)
    }
  }
}
