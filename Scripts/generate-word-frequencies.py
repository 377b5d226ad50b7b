#!/usr/bin/env python3
"""Generate Sources/KeywordFilter/Boundary/WordFrequencyData.swift from jieba's dictionary.

Usage:
  Scripts/generate-word-frequencies.py [--dict PATH/TO/dict.txt] [--cut N] [--out FILE]

Without --dict the script runs `pip download jieba==0.42.1 --no-deps` into a temporary
directory and reads `jieba/dict.txt` from the source archive (jieba is MIT licensed; its
dictionary has one `word frequency part-of-speech` line per word, 349,046 lines, total
frequency 60,101,967).

What is kept (the boundary rule segments short windows of Han text, see
Sources/KeywordFilter/Boundary/BoundaryRule.swift):

  * words made only of Han characters (U+3400-U+4DBF, U+4E00-U+9FFF), 1 to 4 characters;
  * every single character (11,580 of them: a segmentation needs a cost for each character);
  * words of 2 to 4 characters with frequency >= CUT (default 80).

With the default cut that is 46,636 words.  Frequencies are quantized as
q = round(2 * log2(frequency)) (half-octave steps: a factor of 1.41, 0.35 in natural log, far
below the rule's margin).  The total frequency of the whole dictionary (not only of the kept
words) is written as `totalFrequency`, so log-probabilities are jieba's own.

The words are folded here, not at run time: the boundary rule compares them with scanned
text folded by the standard fold table (traditional -> simplified, ...), so each character is
replaced by its fold from Sources/KeywordFilter/Normalize/FoldingData.swift (the generated
data `FoldTable.standard` is decoded from; the table is the same whatever a filter's
normalization options are).  A word with a character that folds to noise, to several code
points or to a non-Han character is left out; words that fold alike keep the highest q (the
lowest cost).  The folded words are then laid out exactly as the Swift side's open-addressing
table holds them (``WordFrequencies``: linear probing from the slot of a multiplicative hash of
the characters packed 16 bits each, words inserted in the order of the groups below), and
written in slot order, so loading is one sequential pass with no hashing, probing or folding.

Data format (one raw string literal per chunk; bytes below 0x30 - the line breaks - are
ignored): for every occupied slot, in slot order,

  SKIP Q WORD

SKIP is one byte `0x30 + n`: n (0-73) empty slots precede this one; the byte `z` (n = 74)
stands for 74 empty slots and no word (another SKIP follows).  Q is one byte `0x30 + q`.  WORD
is the folded word's 1-4 Han characters in UTF-8 (3 bytes each; the next ASCII byte ends it).
Slots after the last word are empty.

The words are inserted in this order: groups by (length, q) ascending, words of a group in
code point order of jieba's spelling (the order the previous version of this file stored and
the Swift side inserted them in; the layout reproduces that table slot for slot).

The output is deterministic: rerun the script and the file is identical.
"""

import argparse
import collections
import hashlib
import math
import pathlib
import re
import subprocess
import sys
import tarfile
import tempfile

REPO = pathlib.Path(__file__).resolve().parent.parent
DEFAULT_OUT = REPO / "Sources/KeywordFilter/Boundary/WordFrequencyData.swift"
FOLDING_DATA = REPO / "Sources/KeywordFilter/Normalize/FoldingData.swift"
JIEBA = "jieba==0.42.1"
HAN = re.compile("^[\u3400-\u4dbf\u4e00-\u9fff]+$")
CHUNK = 60_000  # bytes of data per string literal
LINE = 1_000  # bytes of data per source line (about)
SKIP_ONLY = 74  # the SKIP value that stands for empty slots only


def read_dict(path):
    if path:
        return pathlib.Path(path).read_bytes()
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([sys.executable, "-m", "pip", "download", JIEBA, "--no-deps",
                        "--no-binary", ":all:", "-d", tmp], check=True,
                       stdout=subprocess.DEVNULL)
        archive = next(pathlib.Path(tmp).glob("jieba-*.tar.gz"))
        with tarfile.open(archive) as tar:
            member = next(m for m in tar.getmembers() if m.name.endswith("jieba/dict.txt"))
            return tar.extractfile(member).read()


def read_folds(path):
    """The standard fold of every code point as FoldTable.init decodes FoldingData.swift:
    returns fold(cp) -> a code point, or None for noise and multi-code-point folds."""
    text = path.read_text(encoding="utf-8")
    mappings_at = text.index("static let mappingChunks")
    noise_at = text.index("static let noiseRanges")
    mapping = {}
    for line in text[mappings_at:noise_at].splitlines():
        m = re.fullmatch(r"\s*([0-9A-F]+)=([0-9A-F ]*)", line)
        if m:
            mapping[int(m.group(1), 16)] = [int(t, 16) for t in m.group(2).split()]
    noise = []
    for line in text[noise_at:].splitlines():
        m = re.fullmatch(r"\s*([0-9A-F]+)(?:-([0-9A-F]+))?", line)
        if m:
            lo = int(m.group(1), 16)
            noise.append((lo, int(m.group(2), 16) if m.group(2) else lo))

    def fold(cp):
        # A mapping line overrides a noise range (FoldTable reads the ranges first).
        if cp in mapping:
            targets = mapping[cp]
            return targets[0] if len(targets) == 1 else None
        if any(lo <= cp <= hi for lo, hi in noise):
            return None
        return cp

    return fold


def is_han(c):
    return 0x4E00 <= c <= 0x9FFF or 0x3400 <= c <= 0x4DBF


def slot_of(key, mask):
    """WordFrequencies.slot(_:_:)."""
    return ((key * 0x9E3779B97F4A7C15) % (1 << 64)) >> 32 & mask


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--dict", help="jieba dict.txt (default: pip download %s)" % JIEBA)
    ap.add_argument("--cut", type=int, default=80, help="least frequency of a 2-4 character word")
    ap.add_argument("--out", default=str(DEFAULT_OUT))
    a = ap.parse_args()

    raw = read_dict(a.dict)
    digest = hashlib.sha256(raw).hexdigest()
    fold = read_folds(FOLDING_DATA)
    folding_digest = hashlib.sha256(FOLDING_DATA.read_bytes()).hexdigest()
    total = 0
    groups = collections.defaultdict(list)
    kept = 0
    for line in raw.decode("utf-8").splitlines():
        word, freq, _ = line.split(" ")
        freq = int(freq)
        total += freq
        if not HAN.match(word) or len(word) > 4:
            continue
        if len(word) > 1 and freq < a.cut:
            continue
        q = round(2 * math.log2(max(freq, 1)))
        groups[(len(word), q)].append(word)
        kept += 1

    # The table: twice as many slots as kept words, rounded up to a power of two.
    capacity = 1
    while capacity < 2 * kept:
        capacity <<= 1
    mask = capacity - 1
    keys = [0] * capacity
    qs = [0] * capacity
    count = 0
    for (length, q) in sorted(groups):
        for word in sorted(groups[(length, q)]):
            key = 0
            for ch in word:
                f = fold(ord(ch))
                if f is None or not is_han(f):
                    break
                key = key << 16 | f
            else:
                slot = slot_of(key, mask)
                while keys[slot] != 0 and keys[slot] != key:
                    slot = (slot + 1) & mask
                if keys[slot] == key:
                    qs[slot] = max(qs[slot], q)  # the lower cost
                else:
                    keys[slot] = key
                    qs[slot] = q
                    count += 1
    assert max(qs) < 0x7A - 0x30, "q does not fit in one byte of the format"

    # Slot order, SKIP Q WORD per word.
    data = []
    skip = 0
    for slot in range(capacity):
        key = keys[slot]
        if key == 0:
            skip += 1
            continue
        while skip >= SKIP_ONLY:
            data.append(chr(0x30 + SKIP_ONLY))
            skip -= SKIP_ONLY
        chars = []
        while key:
            chars.append(chr(key & 0xFFFF))
            key >>= 16
        data.append(chr(0x30 + skip) + chr(0x30 + qs[slot]) + "".join(reversed(chars)))
        skip = 0

    chunks, lines, line, size, line_size = [], [], "", 0, 0
    for entry in data:
        line += entry
        n = len(entry.encode())
        size += n
        line_size += n
        if line_size >= LINE:
            lines.append(line)
            line, line_size = "", 0
        if size >= CHUNK:
            if line:
                lines.append(line)
            chunks.append(lines)
            lines, line, size, line_size = [], "", 0, 0
    if line:
        lines.append(line)
    if lines:
        chunks.append(lines)

    out = []
    out.append("// GENERATED by Scripts/generate-word-frequencies.py — do not edit by hand.")
    out.append("// Source: jieba 0.42.1 (PyPI, MIT license) jieba/dict.txt, sha256 %s…," % digest[:16])
    out.append("// total frequency %d. Kept: Han-only words of 1-4 characters; every single" % total)
    out.append("// character, and 2-4 character words with frequency >= %d: %d words." % (a.cut, kept))
    out.append("// Folded with FoldingData.swift (sha256 %s…): %d distinct folded words," % (
        folding_digest[:16], count))
    out.append("// laid out in a %d-slot open-addressing table. Format: see the script's docstring." % capacity)
    out.append("")
    out.append("/// The folded word-frequency table for the boundary rule (see ``WordFrequencies``), slot by")
    out.append("/// slot: for each occupied slot `SKIP Q WORD` (SKIP = 0x30 + empty slots before it, 0x7A = 74")
    out.append("/// empty slots and no word; Q = 0x30 + round(2 · log2(frequency)); WORD = its Han characters).")
    out.append("enum WordFrequencyData {")
    out.append("  /// Sum of all frequencies in jieba's dictionary (every word, not only the kept ones).")
    out.append("  static let totalFrequency = %d" % total)
    out.append("  /// Number of jieba words kept (before folding).")
    out.append("  static let wordCount = %d" % kept)
    out.append("  /// Number of distinct folded words (occupied slots).")
    out.append("  static let foldedCount = %d" % count)
    out.append("  /// Number of slots of the table (a power of two, at least 2 × ``wordCount``).")
    out.append("  static let slotCount = %d" % capacity)
    out.append("  /// The slots in order, one raw literal per chunk (line breaks are not data).")
    out.append("  static let chunks: [String] = [")
    for c in chunks:
        out.append('    #"""')
        for line in c:
            out.append("    " + line)
        out.append('    """#,')
    out.append("  ]")
    out.append("}")
    text = "\n".join(out) + "\n"
    pathlib.Path(a.out).parent.mkdir(parents=True, exist_ok=True)
    pathlib.Path(a.out).write_text(text, encoding="utf-8")
    print("%s: %d words, %d folded, %d slots, %d bytes" % (
        a.out, kept, count, capacity, len(text.encode())), file=sys.stderr)


if __name__ == "__main__":
    main()
