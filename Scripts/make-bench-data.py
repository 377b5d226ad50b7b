#!/usr/bin/env python3
"""Write a deterministic benchmark word list drawn from a public list.

Usage:
  python3 Scripts/make-bench-data.py --source LIST --count 10000 --seed 1 -o /tmp/list10k.txt

Reads LIST (one term per line, UTF-8), keeps the lines that every tool in
Scripts/compare-peers.sh reads the same way, and writes COUNT of them, one per
line, with no header, so the same file feeds `kwfilter -w`, `rg -F -f`,
`grep -F -f` and the Hyperscan driver. A line is skipped when it

  * is not valid UTF-8, or is empty after trimming white space;
  * starts with `#`, `!` or `\\` (kwfilter reads those as a comment, an
    allow-list phrase or an escape) or contains a tab (kwfilter's tier field);
  * is pure noise: no letter and no digit (kwfilter rejects a term made only of
    punctuation, symbols and spaces, since it could never match);
  * repeats an earlier line.

The selection depends only on the source bytes, the seed and the count: each
kept line is ranked by SHA-256(seed, line) and the COUNT lowest are written in
their source order. The output is a file for a benchmark run, never a file for
the repository: nothing read from a corpus or public list is committed.
"""

import argparse
import hashlib
import sys
import unicodedata


def is_noise_only(term: str) -> bool:
    """True when no character is a letter or a digit (Unicode categories L*, N*)."""
    return not any(unicodedata.category(c)[0] in "LN" for c in term)


def candidates(data: bytes):
    """Yields (index, term) for the usable, distinct lines of `data`, in order."""
    seen = set()
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    for raw in data.split(b"\n"):
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError:
            continue
        if "\t" in line:
            continue
        term = line.strip()
        if not term or term[0] in "#!\\" or is_noise_only(term) or term in seen:
            continue
        seen.add(term)
        yield len(seen) - 1, term


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--source", required=True, help="public word list to draw from")
    parser.add_argument("--count", type=int, default=10_000, help="terms to write (10000)")
    parser.add_argument("--seed", type=int, default=1, help="selection seed (1)")
    parser.add_argument("-o", "--output", default="-", help="output file (default stdout)")
    args = parser.parse_args()

    with open(args.source, "rb") as f:
        pool = list(candidates(f.read()))
    if len(pool) < args.count:
        print(
            f"make-bench-data: {args.source} has only {len(pool)} usable terms,"
            f" fewer than --count {args.count}",
            file=sys.stderr,
        )
        return 2

    salt = f"{args.seed}\0".encode()

    def rank(item):
        return hashlib.sha256(salt + item[1].encode("utf-8")).digest()

    chosen = sorted(sorted(pool, key=rank)[: args.count])  # back to source order
    text = "".join(term + "\n" for _, term in chosen)

    if args.output == "-":
        sys.stdout.write(text)
    else:
        with open(args.output, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
    chars = sum(len(t) for _, t in chosen)
    print(
        f"make-bench-data: {len(chosen)} of {len(pool)} usable terms from {args.source}"
        f" (seed {args.seed}, {chars / len(chosen):.1f} characters on average)"
        + ("" if args.output == "-" else f" -> {args.output}"),
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
