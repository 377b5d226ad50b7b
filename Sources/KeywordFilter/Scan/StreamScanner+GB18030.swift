// kwfilter — KeywordFilter: the GB18030 hot loop — decode, fold and step in one pass, natively.

import AhoCorasick

extension StreamScanner {
  /// Decodes GB18030 from `buffer[from...]` and steps the automaton once per character, exactly
  /// as ``scanUTF8(_:from:base:final:)`` does for UTF-8: the same alphabet, automaton and slow
  /// paths, so every match starts and ends on a character boundary of the GB18030 text (a term
  /// never matches the trail byte of one character and the lead byte of the next).
  ///
  /// Two-byte characters go straight from their bytes to their symbol through ``gbSymbols``;
  /// four-byte and invalid sequences take ``GB18030Table/decode(_:_:_:final:)``. Each
  /// character's start goes into the ``CharacterStarts`` ring for the look-back.
  mutating func scanGB18030(_ buffer: UnsafeRawBufferPointer, from: Int, base: Int, final: Bool)
    -> Int
  {
    let automaton = filter.automaton
    return automaton.withDFATables { tables in
      scanGB18030(buffer, from: from, base: base, final: final,
        stepper: DFAStepper(tables: tables, root: automaton.dfa.rootWord))
    }
  }

  // Safety: pointer reads are at indices checked against `end`; two-byte indices are < 126 × 191
  // (lead 81–FE, trail 40–FE); the ring index is masked.
  @inline(__always)
  mutating func scanGB18030<S: Stepper>(
    _ buffer: UnsafeRawBufferPointer, from: Int, base: Int, final: Bool, stepper: S
  ) -> Int {
    guard let raw = buffer.baseAddress, let ring = starts else { return from }
    let p = raw.assumingMemoryBound(to: UInt8.self)
    let alphabet = filter.alphabet
    let table = GB18030Table.shared
    let maxNoise = filter.configuration.normalization.maxNoise
    let noise = Int(alphabet.noise)
    let multiple = Int(alphabet.multiple)
    let ringBuffer = ring.buffer
    let ringMask = ring.mask
    var ringCount = ring.count
    var word = self.stateWord
    var noiseRun = self.noiseRun
    var i = from
    let end = buffer.count

    let stopped: Int = alphabet.bmp.withUnsafeBufferPointer { classes in
      gbSymbols.withUnsafeBufferPointer { twoByte in
        while i < end {
          let b0 = p[i]
          var symbol: Int
          var length: Int
          var cp: UInt32 = 0
          if b0 < 0x80 {
            symbol = Int(classes[Int(b0)])
            length = 1
          } else {
            var fast = false
            symbol = 0
            length = 1
            if i &+ 1 < end && b0 >= 0x81 && b0 <= 0xFE {
              let b1 = p[i &+ 1]
              if b1 >= 0x40 && b1 <= 0xFE && b1 != 0x7F {
                let s = twoByte[GB18030Table.twoByteIndex(b0, b1)]
                if s != StreamScanner.invalidSymbol {
                  symbol = Int(s)
                  length = 2
                  fast = true
                }
              }
            }
            if !fast {
              let (c, n) = table.decode(p, i, end, final: final)
              if n == 0 { break }
              cp = c
              length = n
              symbol = c == .max ? 0 : Int(alphabet.symbol(of: c))
            }
          }
          ringBuffer[ringCount & ringMask] = base &+ i
          ringCount &+= 1
          ring.count = ringCount

          if symbol >= multiple {
            if cp == 0 { cp = table.decode(p, i, end, final: true).0 }
            stepMultiple(cp, end: base &+ i &+ length, word: &word, stepper: stepper)
            noiseRun = 0
            i &+= length
            continue
          }
          let stepped = stepper.next(word, symbol)
          // A repeat loop (DefaultTransitionDFA.repeatBit) skips its character like noise.
          let isNoise = symbol == noise || stepped & DefaultTransitionDFA.repeatBit != 0
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
    }
    ring.count = ringCount
    self.stateWord = word
    self.noiseRun = noiseRun
    return stopped
  }
}
