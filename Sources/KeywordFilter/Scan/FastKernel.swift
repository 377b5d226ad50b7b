// kwfilter — KeywordFilter: what the UTF-8 scan hands the C kernel (CScanKernel): tables and lane words.

import AhoCorasick
import CScanKernel

/// The C kernel's view of a scan (`kw_kernel_tables`, CScanKernel).
enum FastKernel {
  /// Gathers the kernel's lookup block (``Filter/kernelLookup``), the automaton's table and the
  /// noise-run start (pointers valid while `lookup` is and for the scan call that built `ctx`
  /// and `stepper`).
  static func tables(
    _ ctx: UTF8Lane.Context, _ stepper: DFAStepper, lookup: UnsafeBufferPointer<UInt16>
  ) -> kw_kernel_tables {
    kw_kernel_tables(
      lookup: lookup.baseAddress!, table: stepper.tables.tableAddress, start: ctx.words.start)
  }

  /// The kernel's lookup block (`kw_kernel_tables.lookup`): the alphabet's UTF-8 class table
  /// (``Alphabet/utf8Classes(bmp:multiple:)``, built here and not kept) with each three-byte
  /// character under `kw_class_index` of its payload bits instead of its code point and `multiple` for the first bytes 80…FF, then the
  /// DFA's root transitions as the kernel reads them (``rootNext(_:multiple:noise:)``),
  /// `KW_CLASS_COUNT` classes in.
  static func lookup(_ automaton: Automaton, alphabet: Alphabet) -> [UInt16] {
    let classCount = Int(KW_CLASS_COUNT)
    let rootNext = rootNext(automaton, multiple: Int(alphabet.multiple), noise: Int(alphabet.noise))
    var block = [UInt16](repeating: 0, count: classCount + 2 * rootNext.count)
    let utf8Classes = Alphabet.utf8Classes(bmp: alphabet.bmp, multiple: alphabet.multiple)
    utf8Classes.withUnsafeBufferPointer { classes in
      block.withUnsafeMutableBufferPointer { block in
        // Three-byte characters E0+a 80+b 80+c: the code point's class under the index the
        // kernel computes from the masked bytes a | b << 8 | c << 16.
        for cp in 0..<0x10000 {
          let payload = UInt32(cp >> 12) | UInt32((cp >> 6) & 0x3F) << 8 | UInt32(cp & 0x3F) << 16
          block[Int(kw_class_index(payload))] = classes[cp]
        }
        // First bytes: ASCII has its class, any other byte (a character of another length, or
        // invalid) `multiple`, which sends it to the slow path.
        let ascii = Int(KW_ASCII_OFFSET)
        for k in ascii..<classCount { block[k] = k < ascii + 0x80 ? classes[k] : alphabet.multiple }
      }
    }
    block.withUnsafeMutableBytes { bytes in
      for (k, word) in rootNext.enumerated() {
        bytes.storeBytes(of: word, toByteOffset: 2 * classCount + 4 * k, as: UInt32.self)
      }
    }
    return block
  }

  /// The DFA's root transitions for the kernel: the entry of the `multiple` symbol (every
  /// character the kernel does not take) is the root's word with the output bit, which makes
  /// its step an event, and the entry of `noise` is the root's word with the repeat bit
  /// (``DefaultTransitionDFA/repeatBit``), which makes the kernel skip it as it skips a repeat
  /// loop's step — one bit test for both, and no noise symbol in the loop.
  ///
  /// A noise step always reads this entry: `noise` is one of the DFA's spare symbols, on which
  /// no state has a stored transition, so no slot `base + noise` is owned by the state with
  /// that base. A skipped step's word ignores the entry (and any fallback bit ORed into it).
  static func rootNext(_ automaton: Automaton, multiple: Int, noise: Int) -> [UInt32] {
    automaton.withDFATables { t in
      var copy = Array(UnsafeBufferPointer(start: t.rootNextAddress, count: automaton.dfa.symbolLimit))
      let root = UInt32(truncatingIfNeeded: automaton.dfa.rootWord)
      copy[multiple] = root | 1 << 31
      copy[noise] = root | UInt32(truncatingIfNeeded: DefaultTransitionDFA.repeatBit)
      return copy
    }
  }
}

/// The kernel's lane word: the stepper's word in the low half, and in the high half a noise-run
/// counter that starts at `start >> 32` after every step that is not skipped and sets bit 63
/// when the run exceeds the limit (`start` = 2^63 − (maxNoise + 1) · 2^32).
struct FastWords {
  let start: UInt64
  let root: UInt64

  init(maxNoise: Int, root: UInt64) {
    start = (UInt64(0x8000_0000) - UInt64(maxNoise + 1)) << 32
    self.root = root
  }

  /// A lane as a kernel word (at the root the run does not matter: it starts afresh).
  func pack(_ lane: UTF8Lane) -> UInt64 {
    let run = lane.word == root ? 0 : UInt64(lane.noiseRun)
    return lane.word | (start &+ run << 32)
  }

  func unpack(_ i: Int, _ word: UInt64) -> UTF8Lane {
    UTF8Lane(i: i, word: word & 0xFFFF_FFFF, noiseRun: Int((word &- start) >> 32))
  }
}
