// kwfilter — KeywordFilter: THE hot loop — UTF-8 decode, fold and automaton step in one pass.

import AhoCorasick

extension StreamScanner {
  /// Decodes UTF-8 from `buffer[from...]`, steps the automaton once per character and hands
  /// every state with outputs to the slow path. Returns where it stopped: the end of the
  /// buffer, or (unless `final`) the start of a valid but incomplete character at its end.
  ///
  /// Invalid bytes are consumed one at a time as characters that no term contains, so they
  /// never match and never join two halves of a term.
  // Safety: every pointer read is at an index checked against `end`; symbols come from the
  // alphabet's tables, which are sized for the automaton (see StepTables.next).
  mutating func scanUTF8(_ buffer: UnsafeRawBufferPointer, from: Int, base: Int, final: Bool)
    -> Int
  {
    let filter = self.filter
    let maxNoise = filter.configuration.normalization.maxNoise
    var state = self.state
    var noiseRun = self.noiseRun
    var i = from
    let end = buffer.count
    guard let p = buffer.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return from }

    let stopped: Int = filter.alphabet.bmp.withUnsafeBufferPointer { classes in
      filter.automaton.withTables { tables in
        while i < end {
          let b0 = p[i]
          var symbol: UInt16
          var length: Int
          if b0 < 0x80 {
            symbol = classes[Int(b0)]
            length = 1
          } else if b0 >= 0xE0 && b0 < 0xF0 {
            if i + 2 < end {
              let b1 = p[i + 1]
              let b2 = p[i + 2]
              let cp = UInt32(b0 & 0x0F) << 12 | UInt32(b1 & 0x3F) << 6 | UInt32(b2 & 0x3F)
              if (b1 & 0xC0) == 0x80 && (b2 & 0xC0) == 0x80 && cp >= 0x800
                && (cp < 0xD800 || cp > 0xDFFF)
              {
                symbol = classes[Int(cp)]
                length = 3
              } else {
                symbol = 0
                length = 1
              }
            } else if !final && StreamScanner.isIncompleteUTF8(p, i, end) {
              break
            } else {
              symbol = 0
              length = 1
            }
          } else if b0 >= 0xC2 && b0 < 0xE0 {
            if i + 1 < end {
              let b1 = p[i + 1]
              if (b1 & 0xC0) == 0x80 {
                symbol = classes[Int(UInt32(b0 & 0x1F) << 6 | UInt32(b1 & 0x3F))]
                length = 2
              } else {
                symbol = 0
                length = 1
              }
            } else if !final {
              break
            } else {
              symbol = 0
              length = 1
            }
          } else if b0 >= 0xF0 && b0 < 0xF5 {
            if i + 3 < end {
              let b1 = p[i + 1]
              let b2 = p[i + 2]
              let b3 = p[i + 3]
              let cp =
                UInt32(b0 & 0x07) << 18 | UInt32(b1 & 0x3F) << 12 | UInt32(b2 & 0x3F) << 6
                | UInt32(b3 & 0x3F)
              if (b1 & 0xC0) == 0x80 && (b2 & 0xC0) == 0x80 && (b3 & 0xC0) == 0x80
                && cp >= 0x10000 && cp <= 0x10FFFF
              {
                length = 4
                symbol = filter.alphabet.symbol(of: cp)
                if symbol == Alphabet.multiple {
                  stepMultiple(cp, end: base + i + 4, state: &state, tables: tables)
                  noiseRun = 0
                  i += 4
                  continue
                }
              } else {
                symbol = 0
                length = 1
              }
            } else if !final && StreamScanner.isIncompleteUTF8(p, i, end) {
              break
            } else {
              symbol = 0
              length = 1
            }
          } else {
            symbol = 0
            length = 1
          }

          if symbol >= Alphabet.multiple {
            if symbol == Alphabet.noise {
              noiseRun &+= 1
              if noiseRun > maxNoise { state = Automaton.root }
            } else {
              let cp = StreamScanner.decodeBMP(p, i, length)
              stepMultiple(cp, end: base + i + length, state: &state, tables: tables)
              noiseRun = 0
            }
            i &+= length
            continue
          }
          noiseRun = 0
          if symbol == 0 {
            state = Automaton.root
          } else {
            state = tables.next(state, UInt32(symbol))
            if tables.hasOutput(state) {
              reportOutputs(of: state, end: base + i + length, unconsumedSymbols: 0)
            }
          }
          i &+= length
        }
        return i
      }
    }
    self.state = state
    self.noiseRun = noiseRun
    return stopped
  }

  /// Whether `p[i..<end]` is a valid prefix of a multi-byte character (more bytes may follow).
  static func isIncompleteUTF8(_ p: UnsafePointer<UInt8>, _ i: Int, _ end: Int) -> Bool {
    let b0 = p[i]
    let need = b0 >= 0xF0 ? 4 : (b0 >= 0xE0 ? 3 : 2)
    if end - i >= need { return false }
    for k in (i + 1)..<end {
      let b = p[k]
      if b & 0xC0 != 0x80 { return false }
      if k == i + 1 {
        if b0 == 0xE0 && b < 0xA0 { return false }
        if b0 == 0xED && b >= 0xA0 { return false }
        if b0 == 0xF0 && b < 0x90 { return false }
        if b0 == 0xF4 && b >= 0x90 { return false }
      }
    }
    return true
  }

  /// The code point of a valid 1–3 byte character.
  static func decodeBMP(_ p: UnsafePointer<UInt8>, _ i: Int, _ length: Int) -> UInt32 {
    switch length {
    case 1: return UInt32(p[i])
    case 2: return UInt32(p[i] & 0x1F) << 6 | UInt32(p[i + 1] & 0x3F)
    default:
      return UInt32(p[i] & 0x0F) << 12 | UInt32(p[i + 1] & 0x3F) << 6 | UInt32(p[i + 2] & 0x3F)
    }
  }

  /// Steps through a character that folds to several code points (`ß` → `ss`).
  mutating func stepMultiple(_ cp: UInt32, end: Int, state: inout UInt32, tables: StepTables) {
    guard case .multiple(let folded) = filter.alphabet.fold(cp) else { return }
    for (k, f) in folded.enumerated() {
      let symbol = filter.alphabet.symbol(ofFolded: f)
      if symbol == 0 {
        state = Automaton.root
        continue
      }
      state = tables.next(state, UInt32(symbol))
      if tables.hasOutput(state) {
        reportOutputs(of: state, end: end, unconsumedSymbols: folded.count - k - 1)
      }
    }
  }

  /// Slow path: records an occurrence for every pattern ending at `state`.
  @inline(never)
  mutating func reportOutputs(of state: UInt32, end: Int, unconsumedSymbols: Int) {
    let view = ByteView(
      history: history, historyStart: historyStart, current: current,
      currentStart: currentStart, streamEnd: nil)
    let filter = self.filter
    var found: [Occurrence] = []
    filter.automaton.forEachOutput(of: state) { p in
      let symbols = filter.patternLength[p.index] + unconsumedSymbols
      let start = view.start(ofMatchEndingAt: end, symbols: symbols, alphabet: filter.alphabet)
      found.append(Occurrence(pattern: p.index, start: start, end: end))
    }
    for o in found { selection.add(o, isAllow: filter.isAllow[o.pattern]) }
  }
}
