// kwfilter — CScanKernel: the UTF-8 scan's innermost loop (decode, classify, automaton step).
//
// Written in C so that the compiler keeps every lane in registers and every select a
// conditional move (__builtin_unpredictable); the Swift caller (KeywordFilter's
// StreamScanner+UTF8.swift) handles every character the kernel stops at.

#ifndef KW_SCAN_KERNEL_H
#define KW_SCAN_KERNEL_H

#include <stddef.h>
#include <stdint.h>

/// Entries of the class part of the lookup block (see `kw_kernel_tables.lookup`): 2^16 for the
/// payloads of three-byte characters, then KW_ASCII_OFFSET + byte for every first byte (the
/// class of an ASCII byte, `multiple` for any other).
#define KW_CLASS_COUNT 0x10100
/// Where first byte `b` has its class: KW_ASCII_OFFSET + b.
#define KW_ASCII_OFFSET 0x10000

/// The class index of a three-byte character `E0+A 80+B 80+C` from its loaded bytes masked
/// with 0x003F3F0F (A | B << 8 | C << 16): one multiply packs the 16 payload bits, in an order
/// of their own, into a 16-bit index, where shifts and masks would take eight instructions.
/// The map is one-to-one on all 2^16 payloads (the kernel test checks it), so the lookup block
/// can hold every character's class under its index; 0 maps to 0.
static inline uint32_t kw_class_index(uint32_t payload) {
  return ((payload * 0x4011u) >> 6) & 0xFFFFu;
}

/// The tables and constants one scan needs (see KeywordFilter's `FastKernel`).
typedef struct {
  /// The lookup block: KW_CLASS_COUNT uint16 classes (Alphabet.utf8Classes(bmp:multiple:),
  /// three-byte characters under kw_class_index, `multiple` for first bytes 80…FF), then from
  /// KW_CLASS_COUNT * 2 bytes on the uint32 root transitions — DefaultTransitionDFA.rootNext,
  /// except that the entry of `multiple` (the class of every character the kernel does not
  /// take) is a word with an event bit, so its step is an event, and the entry of the noise
  /// symbol has the repeat bit, so its step is skipped. One base pointer for both, at a
  /// constant distance, saves the loop a register.
  const uint16_t *lookup;
  /// DefaultTransitionDFA.table: owner base in the low half, target word in the high half.
  const uint64_t *table;
  /// The high half a lane word gets on every step that is not skipped: the noise run counts
  /// up from it and sets bit 63 (an event) once it exceeds the limit.
  uint64_t start;
} kw_kernel_tables;

/// One lane: the next byte to read and the word (automaton word | noise-run counter << 32).
typedef struct {
  size_t i;
  uint64_t word;
} kw_lane;

/// Steps lane `a` while `a->i < limit` (four bytes readable at every such i; three-byte
/// characters end by the lane's end). Stops early at an *event*: a character it does not take
/// (not ASCII or a valid three-byte character, or folding to several symbols), a step that
/// needs the failure-link fallback, a step into (or a skip in) a state with outputs, or a noise
/// run past its limit. The event's character is left unread. Returns 1 on an event, 0 at the
/// limit.
int kw_scan_utf8_one(const uint8_t *p, kw_lane *a, size_t limit, const kw_kernel_tables *t);

/// Steps two lanes in lockstep while both are short of their limits. Stops when either meets
/// an event, without taking that round's step of either lane. Returns a bit mask of the lanes
/// at an event (1 = a, 2 = b), or 0 when a lane reached its limit.
int kw_scan_utf8_two(const uint8_t *p, kw_lane *a, size_t a_limit, kw_lane *b, size_t b_limit,
                     const kw_kernel_tables *t);

#endif
