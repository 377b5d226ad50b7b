// kwfilter — CScanKernel: see include/kw_scan_kernel.h.

#include "kw_scan_kernel.h"

#include <string.h>

#define KW_BASE_MASK 0x0FFFFFFFull
#define KW_FALLBACK_BIT (1ull << 29)
#define KW_EVENT_BITS ((1ull << 63) | (1ull << 31) | (1ull << 29))
#define KW_ONE_NOISE (1ull << 32)
#define KW_REPEAT_BIT (1ull << 28)
#define KW_ASCII_OFFSET 0x10000u

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
  const uint16_t *classes;
  const uint64_t *table;
  const uint32_t *root_next;
  uint64_t noise, start;
} kw_constants;

static inline kw_constants kw_load(const kw_kernel_tables *t) {
  kw_constants c = {t->classes, t->table, t->root_next, t->noise, t->start};
  return c;
}

// One step. Writes the next position and word; returns nonzero on an event (then the outputs
// are not meaningful). All selects are data-dependent and unpredictable: keep them cmovs.
static inline __attribute__((always_inline)) int kw_step(const uint8_t *p, size_t i,
                                                         uint64_t word, kw_constants c,
                                                         size_t *next_i, uint64_t *next_word) {
  uint32_t w;
  memcpy(&w, p + i, 4);
  uint32_t b0 = w & 0xFF;
  int is_ascii = b0 < 0x80;
  int is3 = (w & 0x00C0C0F0u) == 0x008080E0u;
  uint32_t cp3 = ((w & 0x0F) << 12) | ((w >> 2) & 0x0FC0) | ((w >> 16) & 0x3F);
  // Index 0 holds `multiple` (overlong forms): any other length or invalid byte goes there and
  // so to the slow path, with the same test as several-symbol folds.
  uint32_t index = KW_UNPREDICTABLE(is3) ? cp3 : 0;
  index = KW_UNPREDICTABLE(is_ascii) ? (b0 | KW_ASCII_OFFSET) : index;
  uint64_t symbol = c.classes[index];
  uint64_t base = word & KW_BASE_MASK;
  uint64_t entry = c.table[base + symbol];
  uint64_t fallback = (uint64_t)c.root_next[symbol] | ((word >> 1) & KW_FALLBACK_BIT);
  uint64_t stepped = KW_UNPREDICTABLE((entry & 0xFFFFFFFFull) == base) ? (entry >> 32) : fallback;
  // Noise, and a repeat loop's step (DefaultTransitionDFA.repeatBit), keep the state and
  // count the run in the high half; any other step starts the count afresh. Every event —
  // a character of class `multiple` (its root_next entry has an event bit), a fallback, a
  // state with outputs, a run past its limit (bit 63) — is a bit of the next word.
  int skip = (symbol == c.noise) | ((stepped & KW_REPEAT_BIT) != 0);
  uint64_t next = KW_UNPREDICTABLE(skip) ? word + KW_ONE_NOISE : (stepped | c.start);
  *next_word = next;
  *next_i = i + 1 + 2 * (size_t)(!is_ascii);
  return (next & KW_EVENT_BITS) != 0;
}

int kw_scan_utf8_one(const uint8_t *p, kw_lane *a, size_t limit, const kw_kernel_tables *t) {
  const kw_constants c = kw_load(t);
  size_t i = a->i;
  uint64_t word = a->word;
  int event = 0;
  while (i < limit) {
    size_t ni;
    uint64_t nw;
    if (__builtin_expect(kw_step(p, i, word, c, &ni, &nw), 0)) {
      event = 1;
      break;
    }
    i = ni;
    word = nw;
  }
  a->i = i;
  a->word = word;
  return event;
}

int kw_scan_utf8_two(const uint8_t *p, kw_lane *a, size_t a_limit, kw_lane *b, size_t b_limit,
                     const kw_kernel_tables *t) {
  const kw_constants c = kw_load(t);
  size_t ai = a->i, bi = b->i;
  uint64_t aw = a->word, bw = b->word;
  int events = 0;
  while (ai < a_limit && bi < b_limit) {
    size_t an, bn;
    uint64_t anw, bnw;
    int ea = kw_step(p, ai, aw, c, &an, &anw);
    int eb = kw_step(p, bi, bw, c, &bn, &bnw);
    if (__builtin_expect(ea | eb, 0)) {
      events = ea | (eb << 1);
      break;
    }
    ai = an;
    aw = anw;
    bi = bn;
    bw = bnw;
  }
  a->i = ai;
  a->word = aw;
  b->i = bi;
  b->word = bw;
  return events;
}
