#!/usr/bin/env python3
"""Quality report for the word lists: what they match in a real text corpus.

Usage:
  Scripts/quality-report.py [--kwfilter PATH] [--wordlists DIR] [--top N]
                            [--samples K] [--json-out FILE] CORPUS...

Runs `kwfilter --json` over every CORPUS (a file, or a directory searched
recursively; LICENSE*, README*, SHA256SUMS and hidden files are skipped) and
prints, per category:

  * matches, matches per MB (10^6 bytes of scanned input), distinct matched
    terms, and the block / review split of the matches;
  * the N most frequent matched terms, each with its tier, count and share of
    the category, and K sample contexts: +-15 characters around a match, cut
    from the original bytes with the byte offsets that `--json` reports.  The
    match itself is shown in [brackets]; line breaks are shown as '\u23ce'.
    Files that are not valid UTF-8 are shown as GB18030 (raw Chinese mail);
  * how many matches skipped noise characters inside the term (punctuation,
    spaces ...) and how many of those span a line break, i.e. join two
    separate lines/posts -- a common source of false positives;
  * the size of each category's list (terms, review-tier terms, allow
    phrases), and categories whose lists matched nothing.

Samples are picked deterministically (seeded reservoir over all occurrences,
distinct contexts preferred), so reruns give the same report.

Without --wordlists the shipped default lists are used (whatever `kwfilter`
finds on its own).  With --wordlists DIR the filter runs with
`--no-default-lists -w FILE` for every DIR/*.txt in name order, which is the
way to measure edited lists against a binary built elsewhere.

--json-out FILE also writes the figures (and samples) as one JSON document.

Only the Python 3 standard library is used.  Corpus files are read, never
written.
"""

import argparse
import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import unicodedata
from collections import Counter, defaultdict

CONTEXT_CHARS = 15
SKIP_PREFIXES = ("LICENSE", "LICENCE", "README", "SHA256SUMS", "COPYING")
RESERVOIR_FACTOR = 8  # keep K * this many candidate occurrences per term
SEED = 20261125


def find_kwfilter(explicit):
    if explicit:
        return explicit
    here = os.path.dirname(os.path.abspath(__file__))
    repo = os.path.dirname(here)
    for candidate in (os.path.join(repo, ".build", "release", "kwfilter"),
                      os.path.join(repo, ".build", "debug", "kwfilter")):
        if os.access(candidate, os.X_OK):
            return candidate
    found = shutil.which("kwfilter")
    if found:
        return found
    sys.exit("quality-report: kwfilter not found; build it "
             "(swift build -c release --product kwfilter) or pass --kwfilter PATH")


def expand_corpora(paths):
    files = []
    for path in paths:
        if os.path.isdir(path):
            for root, dirs, names in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(names):
                    if name.startswith(".") or name.upper().startswith(SKIP_PREFIXES):
                        continue
                    files.append(os.path.join(root, name))
        elif os.path.isfile(path):
            files.append(path)
        else:
            sys.exit("quality-report: no such file or directory: %s" % path)
    if not files:
        sys.exit("quality-report: no corpus files")
    return files


def wordlist_args(directory):
    if directory is None:
        return []
    if not os.path.isdir(directory):
        sys.exit("quality-report: not a directory: %s" % directory)
    names = sorted(n for n in os.listdir(directory) if n.endswith(".txt"))
    if not names:
        sys.exit("quality-report: no *.txt word lists in %s" % directory)
    args = ["--no-default-lists"]
    for name in names:
        args += ["-w", os.path.join(directory, name)]
    return args


def default_wordlist_dir(kwfilter):
    """The folder kwfilter itself would load its default lists from (mirrors
    DefaultWordlists.locate): $KWFILTER_WORDLISTS, share/kwfilter/wordlists
    beside bin/, else the nearest wordlists/ folder above the executable."""
    env = os.environ.get("KWFILTER_WORDLISTS")
    if env:
        return env if os.path.isdir(env) else None
    directory = os.path.dirname(os.path.realpath(kwfilter))
    installed = os.path.join(os.path.dirname(directory), "share", "kwfilter", "wordlists")
    if os.path.isdir(installed):
        return installed
    while True:
        candidate = os.path.join(directory, "wordlists")
        if os.path.isdir(candidate):
            return candidate
        parent = os.path.dirname(directory)
        if parent == directory:
            return None
        directory = parent


def list_sizes(directory):
    """Per category: entries in the lists (terms, review-tier terms, allow
    phrases), read the way kwfilter reads them (category from a first line
    '# category: SLUG', else the file name without 'NN-' and extension)."""
    sizes = defaultdict(lambda: {"terms": 0, "review_terms": 0, "allow_phrases": 0})
    if not directory or not os.path.isdir(directory):
        return {}
    for name in sorted(n for n in os.listdir(directory) if n.endswith(".txt")):
        stem = re.sub(r"^[0-9]+-(?=.)", "", name[:-4])
        try:
            lines = open(os.path.join(directory, name), encoding="utf-8").read().split("\n")
        except (OSError, UnicodeDecodeError):
            continue
        category = stem
        if lines and lines[0].startswith("#"):
            body = lines[0][1:].strip()
            if body.lower().startswith("category:"):
                category = body[len("category:"):].strip() or stem
        entry = sizes[category]
        for line in lines:
            t = line.strip()
            if not t or t.startswith("#"):
                continue
            if t.startswith("!"):
                entry["allow_phrases"] += 1
                continue
            entry["terms"] += 1
            if t.partition("\t")[2].strip() == "review":
                entry["review_terms"] += 1
    return dict(sizes)


class TermStats:
    __slots__ = ("count", "tier", "seen", "reservoir", "texts", "noisy", "newline")

    def __init__(self, tier):
        self.count = 0
        self.noisy = 0
        self.newline = 0
        self.tier = tier
        self.seen = 0
        self.reservoir = []
        self.texts = Counter()


def is_noise(ch):
    """Characters the normalizer skips inside a term (see check-wordlists.py)."""
    if ch.isspace():
        return True
    cat = unicodedata.category(ch)
    return cat[0] in ("P", "Z", "S") or cat in ("Cc", "Cf")


def has_noise(text, term):
    """Whether the match skipped noise: a noise character in the matched text
    that the term itself does not contain (so URL punctuation matched by a
    regular expression does not count).  Regular-expression rules (the term
    is the pattern, with brackets or backslashes) never skip noise."""
    if any(c in term for c in "([\\"):
        return False
    return any(is_noise(ch) and ch not in term for ch in text)


def run_filter(kwfilter, list_args, files, samples):
    """Runs kwfilter once over all files; returns per-(category, term) stats."""
    cmd = [kwfilter, "--json"] + list_args + files
    rng = random.Random(SEED)
    cap = max(1, samples * RESERVOIR_FACTOR)
    stats = {}
    file_index = {f: i for i, f in enumerate(files)}
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    for raw in proc.stdout:
        m = json.loads(raw)
        key = (m["category"], m["term"])
        st = stats.get(key)
        if st is None:
            st = stats[key] = TermStats(m.get("tier", "block"))
        st.count += 1
        text = m.get("text", "")
        st.texts[text] += 1
        if has_noise(text, m["term"]):
            st.noisy += 1
            if "\n" in text or "\r" in text:
                st.newline += 1
        fi = file_index.get(m.get("file"), 0)
        occ = (fi, m["start"], m["end"])
        st.seen += 1
        if len(st.reservoir) < cap:
            st.reservoir.append(occ)
        else:
            j = rng.randrange(st.seen)
            if j < cap:
                st.reservoir[j] = occ
    err = proc.stderr.read().decode("utf-8", "replace")
    rc = proc.wait()
    if rc not in (0, 1):
        sys.exit("quality-report: %s failed (exit %d):\n%s" % (" ".join(cmd), rc, err))
    if err.strip():
        sys.stderr.write(err)
    return stats, cmd


def char_start(data, i):
    """Moves i back to the first byte of the UTF-8 character containing it."""
    while 0 < i < len(data) and (data[i] & 0xC0) == 0x80:
        i -= 1
    return i


def show(text):
    """Display form of context text: one line, no BOM."""
    return (text.replace("\ufeff", "").replace("\r\n", "\u23ce").replace("\n", "\u23ce")
            .replace("\r", "\u23ce").replace("\t", " "))


def context_utf8(data, start, end, n):
    left = start
    for _ in range(n):
        if left <= 0:
            break
        left = char_start(data, left - 1)
    right = end
    for _ in range(n):
        if right >= len(data):
            break
        right += 1
        while right < len(data) and (data[right] & 0xC0) == 0x80:
            right += 1
    dec = lambda b: b.decode("utf-8", "replace")
    return dec(data[left:start]), dec(data[start:end]), dec(data[end:right])


def context_gb18030(data, start, end, n):
    """GB18030/GBK input (e.g. raw Chinese mail): multi-byte characters have no
    self-synchronising lead bytes, so try the few possible alignments of the
    left window and keep the first that decodes cleanly."""
    width = 4 * n + 4
    left_text = ""
    for shift in range(4):
        lo = max(0, start - width + shift)
        try:
            left_text = data[lo:start].decode("gb18030")
            break
        except UnicodeDecodeError:
            left_text = data[lo:start].decode("gb18030", "replace")
    right_text = data[end:end + width].decode("gb18030", "ignore")
    return (left_text[-n:], data[start:end].decode("gb18030", "replace"), right_text[:n])


def context(data, start, end, n=CONTEXT_CHARS, encoding="utf-8"):
    """n characters either side of data[start:end], as display text with the
    match in [brackets]."""
    if encoding == "utf-8":
        left, mid, right = context_utf8(data, start, end, n)
    else:
        left, mid, right = context_gb18030(data, start, end, n)
    return "%s[%s]%s" % (show(left), show(mid), show(right))


def file_encoding(data):
    """utf-8 if the whole file is valid UTF-8, else gb18030 (what kwfilter's
    automatic detection falls back to for Chinese legacy text)."""
    try:
        data.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        return "gb18030"


def collect_samples(files, chosen, samples):
    """chosen: {(cat, term): TermStats}; fills {(cat, term): [context, ...]}."""
    wanted = defaultdict(list)  # file index -> [(key, start, end)]
    for key, st in chosen.items():
        for fi, s, e in st.reservoir:
            wanted[fi].append((key, s, e))
    found = defaultdict(list)
    for fi, occs in wanted.items():
        with open(files[fi], "rb") as fh:
            data = fh.read()
        encoding = file_encoding(data)
        for key, s, e in occs:
            found[key].append((fi, s, context(data, s, e, encoding=encoding)))
    result = {}
    for key, items in found.items():
        items.sort()
        # Prefer distinct contexts, spread over the corpus in file order.
        distinct, seen = [], set()
        for fi, s, text in items:
            if text not in seen:
                seen.add(text)
                distinct.append(text)
        if len(distinct) > samples:
            step = len(distinct) / samples
            distinct = [distinct[int(i * step)] for i in range(samples)]
        result[key] = distinct
    return result


def build_report(files, stats, top, samples, cmd, sizes=None, sizes_source=None):
    total_bytes = sum(os.path.getsize(f) for f in files)
    mb = total_bytes / 1e6 if total_bytes else 1.0
    sizes = sizes or {}
    by_cat = defaultdict(dict)
    for cat in sizes:
        by_cat[cat]  # categories whose lists matched nothing are listed too
    for (cat, term), st in stats.items():
        by_cat[cat][term] = st
    chosen = {}
    tops = {}
    for cat, terms in by_cat.items():
        ranked = sorted(terms.items(), key=lambda kv: (-kv[1].count, kv[0]))[:top]
        tops[cat] = ranked
        for term, st in ranked:
            chosen[(cat, term)] = st
    ctx = collect_samples(files, chosen, samples) if samples > 0 else {}
    cats = []
    for cat in sorted(by_cat):
        terms = by_cat[cat]
        total = sum(st.count for st in terms.values())
        block = sum(st.count for st in terms.values() if st.tier == "block")
        review = sum(st.count for st in terms.values() if st.tier == "review")
        cats.append({
            "category": cat,
            "list": sizes.get(cat),
            "matches": total,
            "matches_per_mb": round(total / mb, 2),
            "distinct_terms": len(terms),
            "distinct_block_terms": sum(1 for st in terms.values() if st.tier == "block"),
            "block": block,
            "review": review,
            "with_noise": sum(st.noisy for st in terms.values()),
            "across_line_break": sum(st.newline for st in terms.values()),
            "top_terms": [{
                "term": term,
                "tier": st.tier,
                "count": st.count,
                "share": round(st.count / total, 4) if total else 0,
                "with_noise": st.noisy,
                "across_line_break": st.newline,
                "matched_texts": [t for t, _ in st.texts.most_common(5)],
                "samples": ctx.get((cat, term), []),
            } for term, st in tops[cat]],
        })
    return {
        "command": cmd,
        "wordlists": sizes_source,
        "corpus_files": [{"path": f, "bytes": os.path.getsize(f)} for f in files],
        "corpus_bytes": total_bytes,
        "corpus_mb": round(mb, 3),
        "matches": sum(c["matches"] for c in cats),
        "categories": cats,
    }


def width(s):
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in s)


def pad(s, n):
    return s + " " * max(0, n - width(s))


def short(s, n):
    if width(s) <= n:
        return s
    out = ""
    for ch in s:
        if width(out + ch) > n - 1:
            break
        out += ch
    return out + "\u2026"


def print_report(rep, out=sys.stdout):
    w = out.write
    w("kwfilter quality report\n")
    w("corpus: %d file(s), %s bytes (%.1f MB)\n" % (
        len(rep["corpus_files"]), format(rep["corpus_bytes"], ","), rep["corpus_mb"]))
    for f in rep["corpus_files"]:
        w("  %12s  %s\n" % (format(f["bytes"], ","), f["path"]))
    w("word lists: %s\n" % (rep.get("wordlists") or "(unknown)"))
    w("total matches: %s\n\n" % format(rep["matches"], ","))
    w("columns: list = terms in the list (of them review); hit = distinct terms matched; "
      "block/review = matches per tier;\n         noisy = matches with skipped noise "
      "characters inside; \u23ce = of those, across a line break\n")
    w("%-19s %8s %8s %9s %5s %8s %8s %6s %5s  %s\n" % (
        "category", "matches", "per MB", "list", "hit", "block", "review", "noisy", "\u23ce",
        "top terms"))
    w("-" * 120 + "\n")
    for c in rep["categories"]:
        tops = ", ".join("%s %d" % (short(t["term"], 16), t["count"])
                         for t in c["top_terms"][:5])
        lst = c.get("list")
        lst = "%d/%d" % (lst["terms"], lst["review_terms"]) if lst else "-"
        w("%-19s %8d %8.2f %9s %5d %8d %8d %6d %5d  %s\n" % (
            c["category"], c["matches"], c["matches_per_mb"], lst, c["distinct_terms"],
            c["block"], c["review"], c["with_noise"], c["across_line_break"], tops))
    for c in rep["categories"]:
        lst = c.get("list")
        w("\n== %s: %d matches, %.2f/MB, %d distinct terms; block %d (%d terms), "
          "review %d; noisy %d, across line break %d%s\n" % (
              c["category"], c["matches"], c["matches_per_mb"], c["distinct_terms"],
              c["block"], c["distinct_block_terms"], c["review"], c["with_noise"],
              c["across_line_break"],
              "; list: %d terms (%d review), %d allow phrases" % (
                  lst["terms"], lst["review_terms"], lst["allow_phrases"]) if lst else ""))
        for i, t in enumerate(c["top_terms"], 1):
            texts = [x for x in t["matched_texts"] if x != t["term"]]
            extra = ""
            if t["with_noise"]:
                extra += "  noisy %d" % t["with_noise"]
                if t["across_line_break"]:
                    extra += " (\u23ce %d)" % t["across_line_break"]
            if texts:
                extra += "  as: " + ", ".join(
                    short(x.replace("\n", "\u23ce").replace("\r", ""), 20) for x in texts[:3])
            w("%3d. %s %-6s %7d  %5.1f%%%s\n" % (
                i, pad(short(t["term"], 30), 30), t["tier"], t["count"],
                100 * t["share"], extra))
            for s in t["samples"]:
                w("       | %s\n" % s)


def main():
    if hasattr(signal, "SIGPIPE"):
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)  # quiet when piped into head
    ap = argparse.ArgumentParser(
        description="Per-category quality report of kwfilter's word lists over a corpus.")
    ap.add_argument("--kwfilter", help="kwfilter executable (default: .build/release/kwfilter)")
    ap.add_argument("--wordlists", metavar="DIR",
                    help="use DIR/*.txt instead of the default lists")
    ap.add_argument("--top", type=int, default=15, metavar="N",
                    help="most frequent terms shown per category (default 15)")
    ap.add_argument("--samples", type=int, default=3, metavar="K",
                    help="sample contexts per top term (default 3)")
    ap.add_argument("--json-out", metavar="FILE", help="also write the report as JSON")
    ap.add_argument("corpus", nargs="+", metavar="CORPUS")
    a = ap.parse_args()
    kwfilter = find_kwfilter(a.kwfilter)
    files = expand_corpora(a.corpus)
    stats, cmd = run_filter(kwfilter, wordlist_args(a.wordlists), files, a.samples)
    list_dir = a.wordlists or default_wordlist_dir(kwfilter)
    rep = build_report(files, stats, a.top, a.samples, cmd, list_sizes(list_dir),
                       os.path.abspath(list_dir) if list_dir else None)
    print_report(rep)
    if a.json_out:
        with open(a.json_out, "w", encoding="utf-8") as fh:
            json.dump(rep, fh, ensure_ascii=False, indent=1)
            fh.write("\n")


if __name__ == "__main__":
    main()
