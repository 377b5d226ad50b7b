#!/usr/bin/env python3
"""Measure kwfilter on labelled evasion data: recall per perturbation type, false positives on
clean text.

Usage (from the repository root):

    python3 Scripts/evaluate-variants.py cntp                      # current binary, core normalization
    python3 Scripts/evaluate-variants.py cntp --flags "--max-noise 3"
    python3 Scripts/evaluate-variants.py cntp --simulate all       # AFTER, simulated (see below)
    python3 Scripts/evaluate-variants.py cntp --simulate pinyinFull,pinyinInitials --limit 32
    python3 Scripts/evaluate-variants.py toxicloakcn
    python3 Scripts/evaluate-variants.py chineseharm -w wordlists  # no marked keywords: give a list
    python3 Scripts/evaluate-variants.py all --json results.json

Data: ../shared/corpora/variants/ (override with --corpora DIR), described in that folder's
README, §5. Evaluation only: nothing from it is copied into the repository.

 - cntp: CNTP (ToxiBenchCN). The word list is every `toxic_entity` of toxic_base.json. For each
   of the 8 perturbation files, an *instance* is one (sentence, entity) pair; it is found when
   kwfilter reports a match of that entity (or of one of its variants) on that sentence's line.
   `recall` counts all instances; `recall (perturbed)` only those whose entity no longer occurs
   verbatim in the perturbed text (the ones the perturbation actually hit); `sentences` counts
   sentences with at least one entity found. The last column is an approximation (Python, noise
   dropped without the 3-in-a-row limit, no Latin word-boundary rule): it shows how much recall
   the boundary rule costs where CNTP glued the pinyin of neighbouring words together
   (`mu zhusai diao chan`). False positives: the share of non_toxic_base.json sentences with any
   match.
 - toxicloakcn: ToxiCloakCN. Its rows are CNTP sentences; each toxic row whose text is a CNTP
   original gets that sentence's entities. Recall as above on the 4 perturbed copies; false
   positives on the rows labelled 0 (base_data.tsv).
 - chineseharm: ChineseHarm-Bench bench.json has no marked keywords, so a list is required
   (-w FILE or DIR, e.g. the shipped wordlists/): the report is the share of texts with a match
   per label; for 不违规 that is the false-positive rate.

How kwfilter is run: `KWFILTER --no-default-lists -w LIST --json --all FLAGS TEXTFILE` over a
temporary file with one text per line (newlines inside a text replaced by spaces); matches are
mapped back to lines by byte offset, and to entities by the `term` field.

--simulate OPTIONS (comma-separated VariantOptions names, or `all`) expands every entity with
a Python mirror of `VariantExpander.variants(of:options:limit:)`
(Sources/KeywordFilter/Variants/VariantExpander.swift), reading the same generated data
(VariantData.swift), writes the expanded list (each variant a term of its own, mapped back to
its entity) and runs the current binary on it: the recall the variant options will give once
the filter adds the variants as patterns of their entry. `--lookalike-fold` additionally
applies LookalikeData.swift's folds to the texts and the list terms (simulating the merged fold
table). `--syllable-fold` adds a second kwfilter pass in which texts and the terms with at least
`--syllable-min-chars` Han characters (default 2) have every Han character replaced by its
homophone key (`VariantExpander.homophoneKey`): homophone matching by a fold instead of by
expansion. None of these flags changes the binary.

The filter now matches homophones and look-alikes itself, by class-fold passes (README,
"Homophones and look-alikes"): measure them with the binary's own flags,
    python3 Scripts/evaluate-variants.py cntp --flags "--variants none"          # core only
    python3 Scripts/evaluate-variants.py cntp --flags "--variants homophones"
    python3 Scripts/evaluate-variants.py cntp --flags "--variants lookalikes"
    python3 Scripts/evaluate-variants.py cntp --flags "--variants homophones,lookalikes"
and compare another build with --binary PATH. `--syllable-fold` (the simulation the homophone
pass was designed from) and `--simulate homophones` / `--simulate lookalikes` (a mirror of the
old expansion, which the filter no longer does for those two options) are kept only to compare
against: don't combine them with those --variants flags.
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_BINARY = REPO / ".build/release/kwfilter"
DEFAULT_CORPORA = REPO.parent / "shared/corpora/variants"
VARIANT_DATA = REPO / "Sources/KeywordFilter/Variants/VariantData.swift"
LOOKALIKE_DATA = REPO / "Sources/KeywordFilter/Variants/LookalikeData.swift"
FOLDING_DATA = REPO / "Sources/KeywordFilter/Normalize/FoldingData.swift"

CNTP_TYPES = [
    ("radical_transform", "look-alike (VSim)"),
    ("chaizi_transform", "split characters"),
    ("Traditional_transform", "traditional"),
    ("pinyin_transform", "pinyin initials"),
    ("pinyin_full_transform", "full pinyin"),
    ("homo_toxi_transform", "homophones"),
    ("Swap_transform", "character swap"),
    ("Emoji_toxic_transform", "emoji"),
]

# --------------------------------------------------------------------------
# The standard fold (FoldingData.swift), optionally with the look-alike folds merged


def swift_literals(path: Path) -> dict[str, str]:
    """name -> literal body for `static let NAME = \"\"\"...\"\"\"` (indentation removed)."""
    text = path.read_text(encoding="utf-8")
    out = {}
    for m in re.finditer(r'static let (\w+)(?:: \w+)? = """\n(.*?)\n\s*"""', text, re.S):
        out[m.group(1)] = "\n".join(line.strip() for line in m.group(2).split("\n"))
    chunks = re.search(r"static let (\w+): \[String\] = \[\n(.*?)\n  \]", text, re.S)
    if chunks:
        bodies = re.findall(r'"""\n(.*?)\n\s*"""', chunks.group(2), re.S)
        out[chunks.group(1)] = "\n".join(
            line.strip() for body in bodies for line in body.split("\n"))
    return out


class Fold:
    def __init__(self, lookalikes: bool = False):
        text = FOLDING_DATA.read_text(encoding="utf-8")
        literals = re.findall(r'"""\n(.*?)\n\s*"""', text, re.S)
        *chunks, noise_lit = literals
        self.map: dict[int, list[int]] = {}
        for chunk in chunks:
            for line in chunk.split("\n"):
                src, dst = line.strip().split("=")
                self.map[int(src, 16)] = [int(d, 16) for d in dst.split(" ")]
        self.noise_ranges = []
        for line in noise_lit.split("\n"):
            lo, _, hi = line.strip().partition("-")
            self.noise_ranges.append((int(lo, 16), int(hi or lo, 16)))
        self.noise = set()
        for lo, hi in self.noise_ranges:
            if hi - lo < 0x20000:
                self.noise.update(range(lo, hi + 1))
        self.extra: dict[int, list[int]] = {}
        if lookalikes:
            for body in swift_literals(LOOKALIKE_DATA).values():
                for line in body.split("\n"):
                    src, dst = line.split("=")
                    self.extra[int(src, 16)] = [int(d, 16) for d in dst.split(" ")]

    def fold_cp(self, cp: int) -> list[int]:
        if cp in self.extra:
            return self.extra[cp]
        if cp in self.noise:
            return []
        return self.map.get(cp, [cp])

    def fold(self, s: str) -> str:
        return "".join(chr(c) for ch in s for c in self.fold_cp(ord(ch)))

    def apply_extra(self, s: str) -> str:
        """Only the look-alike folds (characters without one are kept as they are)."""
        return "".join("".join(chr(c) for c in self.extra[ord(ch)]) if ord(ch) in self.extra else ch
                       for ch in s)

    def fold_keep_noise(self, s: str) -> str:
        """Folds each character but keeps noise as it is (so the scanner still sees it)."""
        return "".join(ch if ord(ch) in self.noise else "".join(chr(c) for c in self.fold_cp(ord(ch)))
                       for ch in s)

    _shared: "Fold | None" = None

    @classmethod
    def shared(cls) -> "Fold":
        if cls._shared is None:
            cls._shared = Fold()
        return cls._shared


# --------------------------------------------------------------------------
# Python mirror of VariantExpander (keep in step with VariantExpander.swift)

ALL_OPTIONS = ["digitStyles", "pinyinFull", "pinyinInitials", "splitCharacters", "lookalikes",
               "homophones", "repeats"]

DIGITS = "0123456789"
LOWER_NUMERALS = "〇一二三四五六七八九"
FINANCIAL_NUMERALS = "零壹贰叁肆伍陆柒捌玖"
NUMERAL_VALUE = {c: i for s in (DIGITS, LOWER_NUMERALS, FINANCIAL_NUMERALS) for i, c in enumerate(s)}
NUMERAL_VALUE["零"] = 0

PINYIN_COMBINATIONS = 4
HOMOPHONES_PER_CHARACTER = 4
LOOKALIKES_PER_CHARACTER = 3
MAX_SUBSTITUTED_POSITIONS = 8


class Expander:
    def __init__(self, fold: Fold, homophones_per_character=HOMOPHONES_PER_CHARACTER,
                 lookalikes_per_character=LOOKALIKES_PER_CHARACTER):
        lits = swift_literals(VARIANT_DATA)
        self.fold = fold
        self.k_homophones = homophones_per_character
        self.k_lookalikes = lookalikes_per_character
        self.readings: dict[str, list[str]] = {}
        for line in lits["primaryReadings"].split("\n"):
            syl, chars = line.split("=")
            for c in chars:
                self.readings[c] = [syl]
        for line in lits["secondReadings"].split("\n"):
            syl, chars = line.split("=")
            for c in chars:
                self.readings[c].append(syl)
        self.homophones: dict[str, list[str]] = {}
        for line in lits["homophones"].split("\n"):
            syl, chars = line.split("=")
            self.homophones[syl] = list(chars)
        order = lits["frequencyOrder"].replace("\n", "")
        self.rank = {c: i for i, c in enumerate(order)}
        self.splits: dict[str, list[tuple[str, bool]]] = {}
        for line in lits["splitChunks"].split("\n"):
            ch, rest = line.split("=", 1)
            self.splits[ch] = [(p.lstrip("*"), p.startswith("*")) for p in rest.split(" ")]
        # look-alike index: characters by their preferred split's second component, and by
        # each component
        by_second: dict[str, list[str]] = collections.defaultdict(list)
        by_component: dict[str, list[str]] = collections.defaultdict(list)
        for ch, sp in self.splits.items():
            a, b = sp[0][0][0], sp[0][0][1]
            by_second[b].append(ch)
            by_component[a].append(ch)
            if b != a:
                by_component[b].append(ch)
        self.by_second = by_second
        self.by_component = by_component
        self._lookalike_cache: dict[str, list[str]] = {}

    # -- helpers

    def lookalikes_of(self, c: str) -> list[str]:
        if c in self._lookalike_cache:
            return self._lookalike_cache[c]
        cands = set()
        if c in self.splits:
            a, b = self.splits[c][0][0][0], self.splits[c][0][0][1]
            for x in self.by_second.get(b, []):
                if x != c and self.splits[x][0][0][0] != a:
                    cands.add(x)
        for x in self.by_component.get(c, []):
            if x != c:
                cands.add(x)
        out = sorted(cands, key=lambda x: (self.rank.get(x, 1 << 30), x))[: self.k_lookalikes]
        self._lookalike_cache[c] = out
        return out

    @staticmethod
    def choice_vectors(ks: list[int], cap: int) -> list[list[int]]:
        """Choice vectors over positions with ks[i] alternatives each, best first.

        Choice 0 keeps a position, choice j >= 1 takes its j-th alternative. Vectors are
        ordered by total cost (cost(0) = 1, cost(j) = j: keeping a position costs as much as
        taking its first alternative), then by more positions changed, then lexicographically;
        the all-zero vector is skipped. Only the first MAX_SUBSTITUTED_POSITIONS positions with
        alternatives may change. At most cap vectors.
        """
        positions = [i for i, k in enumerate(ks) if k][:MAX_SUBSTITUTED_POSITIONS]
        if not positions or cap <= 0:
            return []
        kk = [ks[i] for i in positions]
        n = len(positions)
        # every position costs at least 1 (choices 0 and 1) and at most its k
        max_rest = [0] * (n + 1)
        for p in range(n - 1, -1, -1):
            max_rest[p] = max_rest[p + 1] + kk[p]
        out: list[list[int]] = []
        for total in range(n, max_rest[0] + 1):
            level: list[tuple[int, list[int]]] = []

            def rec(p: int, remaining: int, vec: list[int]):
                if p == n:
                    if any(vec):
                        level.append((vec.count(0), list(vec)))
                    return
                for j in range(kk[p] + 1):
                    r = remaining - max(j, 1)
                    if n - p - 1 <= r <= max_rest[p + 1]:
                        vec.append(j)
                        rec(p + 1, r, vec)
                        vec.pop()

            rec(0, total, [])
            level.sort()
            for _, vec in level:
                full = [0] * len(ks)
                for p, j in zip(positions, vec):
                    full[p] = j
                out.append(full)
                if len(out) >= cap:
                    return out
        return out

    @classmethod
    def substitutions(cls, base: list[str], alternatives: list[list[str]], cap: int) -> list[str]:
        """`base` with some positions replaced by one of their alternatives (choice_vectors order)."""
        out = []
        for vec in cls.choice_vectors([len(a) for a in alternatives], cap):
            out.append("".join(alternatives[i][j - 1] if j else base[i] for i, j in enumerate(vec)))
        return out

    # -- generators (each returns up to `cap` strings, best first)

    def digit_styles(self, t: str, cap: int) -> list[str]:
        if len(t) < 2 or not any(c in NUMERAL_VALUE for c in t):
            return []
        out = []
        for table in (DIGITS, LOWER_NUMERALS, FINANCIAL_NUMERALS):
            out.append("".join(table[NUMERAL_VALUE[c]] if c in NUMERAL_VALUE else c for c in t))
        return out[:cap]

    def _pinyin_combos(self, t: str) -> list[list[str]] | None:
        """Reading combinations (lists of per-position strings), best first, or None."""
        alts: list[list[str]] = []
        base: list[str] = []
        han = 0
        for c in t:
            if c in self.readings:
                r = self.readings[c]
                base.append(r[0])
                alts.append(r[1:])
                han += 1
            elif c.isascii() and c.isalnum():
                base.append(c)
                alts.append([])
            else:
                return None
        if han == 0:
            return None
        combos = [list(base)]
        for vec in self.choice_vectors([len(a) for a in alts], PINYIN_COMBINATIONS - 1):
            combos.append([alts[i][j - 1] if j else base[i] for i, j in enumerate(vec)])
        return combos

    def pinyin_full(self, t: str, cap: int) -> list[str]:
        combos = self._pinyin_combos(t)
        if not combos:
            return []
        out = []
        for combo in combos:
            s = "".join(combo)
            out.append(s)
            if any(c in self.readings and "v" in p for c, p in zip(t, combo)):
                out.append("".join(p.replace("v", "u") if c in self.readings else p
                                   for c, p in zip(t, combo)))
        return out[:cap]

    def pinyin_initials(self, t: str, cap: int) -> list[str]:
        if sum(1 for c in t if c in self.readings) < 2:
            return []
        combos = self._pinyin_combos(t)
        if not combos:
            return []
        out = []
        for combo in combos:
            s = "".join(p[0] if c in self.readings else p for c, p in zip(t, combo))
            if s not in out:
                out.append(s)
        return out[:cap]

    def split_characters(self, t: str, cap: int) -> list[str]:
        alts = []
        for c in t:
            sp = self.splits.get(c, [])
            alts.append([p for p, flagged in sp if not (flagged and len(t) == 1)])
        return self.substitutions(list(t), alts, cap)

    def homophone_variants(self, t: str, cap: int) -> list[str]:
        if sum(1 for c in t if c in self.readings) < 2:
            return []
        alts = []
        for c in t:
            if c in self.readings:
                cands = [x for x in self.homophones.get(self.readings[c][0], []) if x != c]
                alts.append(cands[: self.k_homophones])
            else:
                alts.append([])
        return self.substitutions(list(t), alts, cap)

    def lookalike_variants(self, t: str, cap: int) -> list[str]:
        if sum(1 for c in t if c in self.readings) < 2:
            return []
        alts = [self.lookalikes_of(c) if c in self.splits or c in self.by_component else [] for c in t]
        return self.substitutions(list(t), alts, cap)

    def variants(self, term: str, options: set[str], limit: int) -> list[str]:
        t = self.fold.fold(term)
        if not t or limit <= 0:
            return []
        cap = 2 * limit
        lists = []
        if "digitStyles" in options:
            lists.append(self.digit_styles(t, cap))
        if "pinyinFull" in options:
            lists.append(self.pinyin_full(t, cap))
        if "pinyinInitials" in options:
            lists.append(self.pinyin_initials(t, cap))
        if "splitCharacters" in options:
            lists.append(self.split_characters(t, cap))
        if "lookalikes" in options:
            lists.append(self.lookalike_variants(t, cap))
        if "homophones" in options:
            lists.append(self.homophone_variants(t, cap))
        seen = {t, term}
        out: list[str] = []
        cursors = [0] * len(lists)
        progress = True
        while len(out) < limit and progress:
            progress = False
            for i, lst in enumerate(lists):
                while cursors[i] < len(lst):
                    s = lst[cursors[i]]
                    cursors[i] += 1
                    if s not in seen:
                        seen.add(s)
                        out.append(s)
                        progress = True
                        break
                if len(out) >= limit:
                    break
        return out


# --------------------------------------------------------------------------
# Data sets


def load_cntp(root: Path):
    base = root / "toxibenchcn_cntp"
    toxic = json.loads((base / "toxic_base.json").read_text(encoding="utf-8"))
    clean = json.loads((base / "non_toxic_base.json").read_text(encoding="utf-8"))
    entities = sorted({e for r in toxic for e in r["toxic_entity"]})
    sets = []
    for stem, label in CNTP_TYPES:
        rows = json.loads((base / "perturbed_data" / f"{stem}.json").read_text(encoding="utf-8"))["results"]
        sets.append((label, [(r["perturbed_text"], r["toxic_entity"]) for r in rows]))
    return entities, sets, [r["original_text"] for r in clean]


def read_tsv(path: Path) -> list[tuple[str, str]]:
    rows = []
    text = path.read_text(encoding="utf-8").replace("\r\n", "\n")
    for line in text.split("\n")[1:]:
        if not line:
            continue
        content, _, label = line.rpartition("\t")
        rows.append((content, label.strip()))
    return rows


def read_csv(path: Path) -> list[tuple[str, str]]:
    import csv

    with path.open(encoding="utf-8", newline="") as fh:
        r = csv.reader(fh)
        next(r)
        return [(row[0], row[1].strip()) for row in r]


def load_toxicloakcn(root: Path):
    cntp = json.loads((root / "toxibenchcn_cntp/toxic_base.json").read_text(encoding="utf-8"))
    by_text = {r["original_text"]: r["toxic_entity"] for r in cntp}
    base = root / "toxicloakcn"
    rows = read_tsv(base / "base_data.tsv")
    ents = [by_text.get(t) if label == "1" else None for t, label in rows]
    entities = sorted({e for es in ents if es for e in es})
    sets = []
    for label, path, reader in (
        ("homophones, keywords only", base / "Only_Keywords/homo_keyword.csv", read_csv),
        ("emoji, keywords only", base / "Only_Keywords/emoji_keyword.csv", read_csv),
        ("homophones, whole text", base / "Full_Perturbation/homo_full.tsv", read_tsv),
        ("emoji, whole text", base / "Full_Perturbation/emoji_full.tsv", read_tsv),
    ):
        pert = reader(path)
        if len(pert) != len(rows):
            sys.exit(f"error: {path} has {len(pert)} rows, base_data.tsv {len(rows)}")
        sets.append((label, [(p[0], es) for p, es in zip(pert, ents) if es]))
    clean = [t for t, label in rows if label == "0"]
    matched = sum(1 for e in ents if e)
    toxic = sum(1 for _, label in rows if label == "1")
    note = f"{matched} of {toxic} toxic rows matched a CNTP sentence and carry its entities"
    return entities, sets, clean, note


def load_chineseharm(root: Path):
    rows = json.loads((root / "chineseharm_bench/bench.json").read_text(encoding="utf-8"))
    by_label = collections.defaultdict(list)
    for r in rows:
        by_label[r["标签"]].append(r["文本"])
    return by_label


# --------------------------------------------------------------------------
# Running kwfilter


def escape_term(term: str) -> str:
    term = term.replace("\t", " ").replace("\n", " ").strip()
    if term.startswith(("#", "!")):
        return "\\" + term
    if term.startswith("re:"):
        return "\\" + term
    return term


class SyllableFold:
    """Each Han character with a reading -> the most frequent character of its customary
    syllable (赌, 堵, 睹 -> 都): simulates matching homophones by folding, not by expansion."""

    def __init__(self, expander: "Expander", min_chars: int = 2):
        self.min_chars = min_chars
        self.map = {}
        for c, rs in expander.readings.items():
            lst = expander.homophones.get(rs[0])
            if lst:
                self.map[c] = lst[0]

    def apply(self, s: str) -> str:
        return "".join(self.map.get(c, c) for c in s)


def run_kwfilter(binary: Path, flags: list[str], list_files: list[Path], texts: list[str],
                 text_fold: Fold | None = None, syllable_fold: SyllableFold | None = None
                 ) -> list[set[str]]:
    """Per text, the set of terms kwfilter reported."""
    with tempfile.TemporaryDirectory() as tmp:
        tpath = Path(tmp) / "texts.txt"
        lines = [t.replace("\r", " ").replace("\n", " ") for t in texts]
        if text_fold is not None:
            lines = [text_fold.apply_extra(line) for line in lines]
        if syllable_fold is not None:
            lines = [syllable_fold.apply(Fold.shared().fold_keep_noise(line)) for line in lines]
        data = "".join(line + "\n" for line in lines).encode("utf-8")
        tpath.write_bytes(data)
        starts = []
        pos = 0
        for line in lines:
            starts.append(pos)
            pos += len(line.encode("utf-8")) + 1
        cmd = [str(binary), "--no-default-lists", "--json", "--all"]
        for lf in list_files:
            cmd += ["-w", str(lf)]
        cmd += flags + [str(tpath)]
        proc = subprocess.run(cmd, capture_output=True)
        if proc.returncode not in (0, 1):
            sys.exit(f"error: {' '.join(cmd)} exited {proc.returncode}: {proc.stderr.decode()[:2000]}")
    import bisect

    found: list[set[str]] = [set() for _ in texts]
    for line in proc.stdout.decode("utf-8").splitlines():
        m = json.loads(line)
        i = bisect.bisect_right(starts, m["start"]) - 1
        found[i].add(m["term"])
    return found


def write_list(path: Path, terms: list[str]):
    path.write_text("# category: eval\n" + "".join(escape_term(t) + "\n" for t in terms), encoding="utf-8")


# --------------------------------------------------------------------------
# Evaluation


def expanded_terms(entities: list[str], fold: Fold, expander: Expander | None, options: set[str],
                   limit: int, text_fold: Fold | None = None) -> tuple[list[str], dict[str, set[str]]]:
    """The list to write (entities and variants, folded-empty ones dropped) and term -> entities.

    With text_fold (--lookalike-fold), the look-alike folds are applied to the terms as well,
    as the filter will fold its patterns with the merged table.
    """
    def pre(t: str) -> str:
        return text_fold.apply_extra(t) if text_fold is not None else t

    owner: dict[str, set[str]] = collections.defaultdict(set)
    for e in entities:
        if not fold.fold(e):
            continue
        owner[pre(e.strip())].add(e)
        if expander:
            for v in expander.variants(e, options, limit):
                owner[pre(v)].add(e)
    return sorted(owner), owner


def evaluate_sets(binary, flags, entities, sets, clean, fold, expander, options, limit, text_fold,
                  syllable_fold=None):
    terms, owner = expanded_terms(entities, fold, expander, options, limit, text_fold)
    # --syllable-fold: a second pass over syllable-folded text with the terms of 2+ Han
    # characters, syllable-folded; its hits are added to the first pass's.
    s_terms: list[str] = []
    s_owner: dict[str, set[str]] = collections.defaultdict(set)
    if syllable_fold is not None:
        for term, es in owner.items():
            f = fold.fold(term)
            if sum(1 for c in f if c in syllable_fold.map) >= syllable_fold.min_chars:
                s_owner[syllable_fold.apply(f)] |= es
        s_terms = sorted(s_owner)

    def run(texts: list[str]) -> list[set[str]]:
        found = run_kwfilter(binary, flags, [lpath], texts, text_fold)
        if s_terms:
            for i, extra in enumerate(run_kwfilter(binary, flags, [spath], texts, text_fold,
                                                   syllable_fold)):
                found[i] |= {"\0" + t for t in extra}
        return found

    def owners(t: str) -> set[str]:
        return s_owner.get(t[1:], set()) if t.startswith("\0") else owner.get(t, set())

    forms: dict[str, set[str]] = collections.defaultdict(set)  # entity -> folded list terms
    for term, es in owner.items():
        for e in es:
            forms[e].add(fold.fold(term))
    s_forms: dict[str, set[str]] = collections.defaultdict(set)
    for term, es in s_owner.items():
        for e in es:
            s_forms[e].add(term)
    results = {"terms": len(terms), "entities": len(entities), "types": [], "clean": None}
    with tempfile.TemporaryDirectory() as tmp:
        lpath = Path(tmp) / "list.txt"
        write_list(lpath, terms)
        spath = Path(tmp) / "syllable-list.txt"
        write_list(spath, s_terms)
        results["terms"] += len(s_terms)
        for label, rows in sets:
            t0 = time.time()
            found = run([t for t, _ in rows])
            inst = hit = pinst = phit = sent = senthit = loose = 0
            for (text, ents), terms_found in zip(rows, found):
                folded_text = fold.fold(text_fold.apply_extra(text) if text_fold else text)
                s_text = syllable_fold.apply(folded_text) if syllable_fold is not None else ""
                got = set()
                for t in terms_found:
                    got |= owners(t)
                any_hit = False
                sent += 1
                for e in set(ents):
                    if not fold.fold(e):
                        continue
                    inst += 1
                    ok = e in got
                    hit += ok
                    loose += ok or any(f and f in folded_text for f in forms[e]) or any(
                        f in s_text for f in s_forms.get(e, ()))
                    any_hit |= ok
                    if e not in text:
                        pinst += 1
                        phit += ok
                senthit += any_hit
            results["types"].append({
                "type": label, "instances": inst, "found": hit, "perturbed": pinst,
                "perturbed_found": phit, "sentences": sent, "sentences_found": senthit,
                "found_ignoring_boundaries": loose,
                "seconds": round(time.time() - t0, 2)})
        found = run(clean)
        fp = sum(1 for f in found if f)
        results["clean"] = {"texts": len(clean), "with_match": fp,
                            "matches": sum(len(f) for f in found)}
    return results


def pct(a: int, b: int) -> str:
    return f"{100 * a / b:5.1f}%" if b else "   n/a"


def print_table(title: str, r):
    print(f"\n## {title}")
    print(f"{r['entities']} entities, {r['terms']} list terms")
    print("| perturbation | recall (all instances) | recall (perturbed instances) | sentences with a hit "
          "| recall ignoring Latin word boundaries (approx.) |")
    print("|---|---|---|---|---|")
    for t in r["types"]:
        print(f"| {t['type']} | {pct(t['found'], t['instances'])} ({t['found']}/{t['instances']}) "
              f"| {pct(t['perturbed_found'], t['perturbed'])} ({t['perturbed_found']}/{t['perturbed']}) "
              f"| {pct(t['sentences_found'], t['sentences'])} "
              f"| {pct(t['found_ignoring_boundaries'], t['instances'])} |")
    c = r["clean"]
    print(f"| **clean texts: false-positive rate** | {pct(c['with_match'], c['texts'])} "
          f"({c['with_match']}/{c['texts']} texts, {c['matches']} distinct terms hit) | | | |")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("dataset", choices=["cntp", "toxicloakcn", "chineseharm", "all"])
    ap.add_argument("--binary", default=str(DEFAULT_BINARY))
    ap.add_argument("--corpora", default=str(DEFAULT_CORPORA))
    ap.add_argument("--flags", default="", help="extra kwfilter flags, one string (e.g. \"--max-noise 4\")")
    ap.add_argument("-w", "--wordlist", action="append", default=[],
                    help="word list file or folder (chineseharm; for the others it replaces the marked keywords)")
    ap.add_argument("--simulate", default="", help="VariantOptions to simulate: names, comma-separated, or 'all'")
    ap.add_argument("--limit", type=int, default=32, help="variants per entity (simulation)")
    ap.add_argument("--homophones-per-character", type=int, default=HOMOPHONES_PER_CHARACTER)
    ap.add_argument("--lookalikes-per-character", type=int, default=LOOKALIKES_PER_CHARACTER)
    ap.add_argument("--lookalike-fold", action="store_true",
                    help="apply LookalikeData.swift's folds to the texts (simulates the merged fold table)")
    ap.add_argument("--syllable-fold", action="store_true",
                    help="add a second pass: texts and the terms of 2+ Han characters with every Han"
                         " character folded to its syllable's most frequent character (simulates"
                         " homophone matching by a fold instead of expansion)")
    ap.add_argument("--syllable-min-chars", type=int, default=2,
                    help="--syllable-fold: only terms with at least this many Han characters")
    ap.add_argument("--json", help="also write the results here")
    args = ap.parse_args()

    binary = Path(args.binary)
    if not binary.is_file():
        sys.exit(f"error: {binary} missing; build it: swift build -c release --product kwfilter")
    root = Path(args.corpora)
    flags = args.flags.split()
    options = set(ALL_OPTIONS) if args.simulate == "all" else {o for o in args.simulate.split(",") if o}
    unknown = options - set(ALL_OPTIONS)
    if unknown:
        sys.exit(f"error: unknown options {sorted(unknown)}; known: {ALL_OPTIONS}")
    fold = Fold()
    text_fold = Fold(lookalikes=True) if args.lookalike_fold else None
    expander = Expander(fold, args.homophones_per_character, args.lookalikes_per_character) if options else None
    syllable_fold = (SyllableFold(expander or Expander(fold), args.syllable_min_chars)
                     if args.syllable_fold else None)
    mode = f"simulated variants {sorted(options)} (limit {args.limit})" if options else "no simulation"
    if args.lookalike_fold:
        mode += " + look-alike fold"
    if args.syllable_fold:
        mode += f" + syllable fold ({args.syllable_min_chars}+ Han characters)"
    mode += f"; flags: {' '.join(flags) or '(none)'}"

    def list_files() -> list[Path]:
        files = []
        for w in args.wordlist:
            p = Path(w)
            files += sorted(p.glob("*.txt")) if p.is_dir() else [p]
        return files

    def entities_from_lists() -> list[str]:
        out = []
        for f in list_files():
            for line in f.read_text(encoding="utf-8").splitlines():
                line = line.strip()
                if line and not line.startswith(("#", "!", "re:")):
                    out.append(line.split("\t")[0])
        return sorted(set(out))

    all_results = {"mode": mode, "binary": str(binary)}
    datasets = ["cntp", "toxicloakcn", "chineseharm"] if args.dataset == "all" else [args.dataset]
    for ds in datasets:
        if ds == "cntp":
            entities, sets, clean = load_cntp(root)
            if args.wordlist:
                entities = entities_from_lists()
            r = evaluate_sets(binary, flags, entities, sets, clean, fold, expander, options,
                              args.limit, text_fold, syllable_fold)
            print_table(f"CNTP (ToxiBenchCN) — {mode}", r)
            all_results["cntp"] = r
        elif ds == "toxicloakcn":
            entities, sets, clean, note = load_toxicloakcn(root)
            if args.wordlist:
                entities = entities_from_lists()
            r = evaluate_sets(binary, flags, entities, sets, clean, fold, expander, options,
                              args.limit, text_fold, syllable_fold)
            print_table(f"ToxiCloakCN — {mode}", r)
            print(f"({note}; clean = the {len(clean)} rows labelled 0)")
            r["note"] = note
            all_results["toxicloakcn"] = r
        else:
            by_label = load_chineseharm(root)
            if not args.wordlist:
                print("\n## ChineseHarm-Bench: skipped (no marked keywords; pass -w FILE|DIR)")
                continue
            # The lists are passed as they are (regex rules and allow-list phrases included);
            # simulated variants of their literal terms go in one more list.
            entities = entities_from_lists()
            terms, owner = expanded_terms(entities, fold, expander, options, args.limit, text_fold)
            extra = [t for t in terms if t not in set(entities)]
            rows = {}
            with tempfile.TemporaryDirectory() as tmp:
                lpath = Path(tmp) / "variants.txt"
                write_list(lpath, extra)
                lists = list_files() + ([lpath] if extra else [])
                s_terms = []
                if syllable_fold is not None:
                    s_terms = sorted({syllable_fold.apply(fold.fold(t)) for t in terms
                                      if sum(1 for c in fold.fold(t) if c in syllable_fold.map)
                                      >= syllable_fold.min_chars})
                    spath = Path(tmp) / "syllable-list.txt"
                    write_list(spath, s_terms)
                for label in sorted(by_label):
                    found = run_kwfilter(binary, flags, lists, by_label[label], text_fold)
                    if s_terms:
                        more = run_kwfilter(binary, flags, [spath], by_label[label], text_fold,
                                            syllable_fold)
                        found = [a | b for a, b in zip(found, more)]
                    rows[label] = (sum(1 for f in found if f), len(found))
            print(f"\n## ChineseHarm-Bench — {mode}; lists: {', '.join(args.wordlist)}"
                  f" ({len(entities)} literal terms, {len(extra)} variants)")
            print("| label | texts with a match |")
            print("|---|---|")
            for label, (hit, n) in rows.items():
                print(f"| {label}{' (clean: false positives)' if label == '不违规' else ''} | {pct(hit, n)} ({hit}/{n}) |")
            all_results["chineseharm"] = {k: {"with_match": h, "texts": n} for k, (h, n) in rows.items()}
    if args.json:
        Path(args.json).write_text(json.dumps(all_results, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
