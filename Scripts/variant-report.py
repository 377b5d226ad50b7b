#!/usr/bin/env python3
"""Issue #8's before/after table: recall per perturbation type and the false-positive rate on
clean texts, for the core normalization alone, the default options, and every option.

Usage (from the repository root, after `swift build -c release`):

    python3 Scripts/variant-report.py                 # CNTP
    python3 Scripts/variant-report.py toxicloakcn
    python3 Scripts/variant-report.py cntp --binary /path/to/kwfilter

Every column is the same binary with different flags (all the variant work is optional, so
"before" is the binary with it switched off):

 - core:    --variants none --boundary-control off   (the core normalization only)
 - default: no flags                                  (digit styles, boundary control `review`)
 - each option on its own: --variants NAME
 - all:     --variants all --boundary-control drop

It runs Scripts/evaluate-variants.py once per column (see that script for how a set becomes a
word list and what an instance is) and prints one Markdown table: recall over all instances
per perturbation type, then the share of clean texts with any match. Data stays in
../shared/corpora/variants/ (nothing is copied into the repository).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile

COLUMNS = [
    ("core", "--variants none --boundary-control off"),
    ("default", ""),
    ("pinyin", "--variants pinyin"),
    ("initials", "--variants initials"),
    ("split", "--variants split"),
    ("homophones", "--variants homophones"),
    ("lookalikes", "--variants lookalikes"),
    ("repeats", "--variants repeats"),
    ("all", "--variants all --boundary-control drop"),
]


def run(script: str, dataset: str, binary: str, flags: str) -> dict:
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as handle:
        path = handle.name
    try:
        command = [sys.executable, script, dataset, "--binary", binary, "--json", path]
        if flags:
            command += ["--flags", flags]
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
        with open(path, encoding="utf-8") as f:
            return json.load(f)
    finally:
        os.unlink(path)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("dataset", nargs="?", default="cntp", choices=["cntp", "toxicloakcn"])
    parser.add_argument("--binary", default=".build/release/kwfilter")
    args = parser.parse_args()
    script = os.path.join(os.path.dirname(os.path.abspath(__file__)), "evaluate-variants.py")
    results = [(name, flags, run(script, args.dataset, args.binary, flags)[args.dataset])
               for name, flags in COLUMNS]
    print(f"## {args.dataset}: recall over all instances, and clean texts with a match\n")
    for name, flags, _ in results:
        print(f"- {name}: `{flags or '(no flags)'}`")
    print()
    print("| perturbation | " + " | ".join(name for name, _, _ in results) + " |")
    print("|---|" + "---|" * len(results))
    for k, first in enumerate(results[0][2]["types"]):
        cells = []
        for _, _, r in results:
            t = r["types"][k]
            cells.append(f"{100 * t['found'] / max(1, t['instances']):.1f}%")
        print(f"| {first['type']} | " + " | ".join(cells) + " |")
    cells = []
    for _, _, r in results:
        c = r["clean"]
        cells.append(f"{100 * c['with_match'] / max(1, c['texts']):.1f}%")
    print("| **clean texts with a match (false positives)** | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
