// kwfilter — KeywordFilter: what the UTF-8 scan hands the C kernel (CScanKernel): tables and lane words.

import AhoCorasick
import CScanKernel

/// The C kernel's view of a scan (`kw_kernel_tables`, CScanKernel).
enum FastKernel {
  /// Gathers the class table, the automaton's table, the kernel's root transitions
  /// (``Filter/kernelRootNext``) and the constants (pointers valid while `rootNext` is and for
  /// the scan call that built `ctx` and `stepper`).
  static func tables(
    _ ctx: UTF8Lane.Context, _ stepper: DFAStepper, rootNext: UnsafeBufferPointer<UInt32>
  ) -> kw_kernel_tables {
    kw_kernel_tables(
      classes: ctx.fastClasses.baseAddress!, table: stepper.tables.tableAddress,
      root_next: rootNext.baseAddress!, start: ctx.words.start)
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
