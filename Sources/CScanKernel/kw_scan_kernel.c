// kwfilter — CScanKernel: see include/kw_scan_kernel.h.

#include "kw_scan_kernel.h"

#include <string.h>

#define KW_BASE_MASK 0x0FFFFFFFull
#define KW_FALLBACK_BIT (1ull << 29)
#define KW_EVENT_BITS ((1ull << 63) | (1ull << 31) | (1ull << 29))
#define KW_ONE_NOISE (1ull << 32)
#define KW_REPEAT_BIT (1ull << 28)

#if defined(__has_builtin)
#if __has_builtin(__builtin_unpredictable)
#define KW_UNPREDICTABLE(x) __builtin_unpredictable(x)
#endif
#endif
#ifndef KW_UNPREDICTABLE
#define KW_UNPREDICTABLE(x) (x)
#endif

// The tables and constants, copied into one value so that the compiler keeps them in
// registers (or rematerializes them) instead of reloading through a pointer.
typedef struct {
  const uint16_t *lookup;
  const uint64_t *table;
  uint64_t start;
} kw_constants;

static inline kw_constants kw_load(const kw_kernel_tables *t) {
  kw_constants c = {t->lookup, t->table, t->start};
  return c;
}

// The root transitions, KW_CLASS_COUNT classes into the lookup block: a constant offset, so
// an entry is one addressing mode off the block's register.
static inline const uint32_t *kw_root_next(kw_constants c) {
  return (const uint32_t *)(const void *)(c.lookup + KW_CLASS_COUNT);
}

// One step of the lane at `p` in state `word`: returns the next word and writes where the next
// character starts. The caller tests the word for an event (then neither output is taken).
// All selects are data-dependent and unpredictable: keep them cmovs.
static inline __attribute__((always_inline)) uint64_t kw_step(const uint8_t *p, uint64_t word,
                                                              kw_constants c,
                                                              const uint8_t **next_p) {
  uint32_t w;
  memcpy(&w, p, 4);
  uint8_t b0 = (uint8_t)w;
  int is3 = (w & 0x00C0C0F0u) == 0x008080E0u;
  uint32_t index3 = kw_class_index(w & 0x003F3F0Fu);
  // Every first byte has a class at KW_ASCII_OFFSET + byte, `multiple` from 0x80 on: any other
  // length or invalid byte goes to the slow path, with the same test as several-symbol folds,
  // and one select tells them from three-byte characters (whose index 0, an overlong form,
  // holds `multiple` too).
  uint32_t index = KW_UNPREDICTABLE(is3) ? index3 : (b0 | KW_ASCII_OFFSET);
  uint64_t symbol = c.lookup[index];
  // The symbol's column of the table, found while the state is still being computed: the
  // dependent chain from one word to the next is then mask, load, compare, select, test,
  // select.
  const uint64_t *column = c.table + symbol;
  uint64_t base = word & KW_BASE_MASK;
  uint64_t entry = column[base];
  uint64_t fallback = (uint64_t)kw_root_next(c)[symbol] | ((word >> 1) & KW_FALLBACK_BIT);
  uint64_t stepped = KW_UNPREDICTABLE((uint32_t)entry == (uint32_t)base) ? (entry >> 32) : fallback;
  // One byte, or three (a character the kernel takes that is not ASCII is a three-byte one).
  *next_p = p + 1 + 2 * (size_t)(b0 >> 7);
  // A repeat loop's step (DefaultTransitionDFA.repeatBit) and noise (whose root_next entry
  // carries the same bit, and whose slot no state owns) keep the state and count the run in
  // the high half; any other step starts the count afresh. Every event — a character of class
  // `multiple` (its root_next entry has an event bit), a fallback, a state with outputs, a run
  // past its limit (bit 63) — is a bit of the next word. A skipped step ignores `stepped`, so
  // the fallback bit of a noise step is no event.
  return KW_UNPREDICTABLE((stepped & KW_REPEAT_BIT) != 0) ? word + KW_ONE_NOISE
                                                          : (stepped | c.start);
}

// Rounds that a lane `distance` bytes short of its limit can take without a check: a step
// reads one or three bytes, so k steps from p stay below the limit while p + 3(k − 1) < limit.
static inline size_t kw_safe_rounds(size_t distance) { return (distance + 2) / 3; }

int kw_scan_utf8_one(const uint8_t *p, kw_lane *a, size_t limit, const kw_kernel_tables *t) {
  const kw_constants c = kw_load(t);
  const uint8_t *pa = p + a->i;
  const uint8_t *const end = p + limit;
  uint64_t word = a->word;
  int event = 0;
  while (pa < end) {
    const uint8_t *next_p;
    uint64_t next = kw_step(pa, word, c, &next_p);
    if (__builtin_expect((next & KW_EVENT_BITS) != 0, 0)) {
      event = 1;
      break;
    }
    pa = next_p;
    word = next;
  }
  a->i = (size_t)(pa - p);
  a->word = word;
  return event;
}

int kw_scan_utf8_two(const uint8_t *p, kw_lane *a, size_t a_limit, kw_lane *b, size_t b_limit,
                     const kw_kernel_tables *t) {
  const kw_constants c = kw_load(t);
  const uint8_t *pa = p + a->i, *pb = p + b->i;
  const uint8_t *const a_end = p + a_limit, *const b_end = p + b_limit;
  uint64_t aw = a->word, bw = b->word;
  int events = 0;
  while (pa < a_end && pb < b_end) {
    // Lane b is safe for `rounds` rounds; lane a checks only its own stop, which lies at most
    // `rounds` bytes on (a step reads at least one) and not past its limit: one compare per
    // round, and no counter to keep in a register. A run of three-byte characters in lane a
    // ends the inner loop after a third of the rounds; the outer one then starts another.
    size_t a_left = (size_t)(a_end - pa), rounds = kw_safe_rounds((size_t)(b_end - pb));
    const uint8_t *const a_stop = pa + (a_left < rounds ? a_left : rounds);
    do {
      const uint8_t *pa_next, *pb_next;
      uint64_t anw = kw_step(pa, aw, c, &pa_next);
      uint64_t bnw = kw_step(pb, bw, c, &pb_next);
      if (__builtin_expect(((anw | bnw) & KW_EVENT_BITS) != 0, 0)) {
        events = ((anw & KW_EVENT_BITS) != 0) | (((bnw & KW_EVENT_BITS) != 0) << 1);
        goto done;
      }
      pa = pa_next;
      aw = anw;
      pb = pb_next;
      bw = bnw;
    } while (pa < a_stop);
  }
done:
  a->i = (size_t)(pa - p);
  a->word = aw;
  b->i = (size_t)(pb - p);
  b->word = bw;
  return events;
}
