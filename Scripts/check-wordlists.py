#!/usr/bin/env python3
"""Validate the shipped keyword lists in wordlists/*.txt.

Usage: Scripts/check-wordlists.py [WORDLIST_DIR_OR_FILE ...]

Without arguments it checks wordlists/ next to this script's parent folder.

File format (see the header of any list):
  * UTF-8, LF line endings, one entry per line.
  * Blank lines and lines starting with '#' are comments; surrounding
    whitespace is trimmed.
  * First line exactly '# category: SLUG', SLUG = file name without the
    'NN-' prefix and '.txt'.  A header comment block follows.
  * Term line: 'TERM' or 'TERM<TAB>TIER', TIER is 'block' or 'review'
    (no tier means 'block').
  * Allow line: '!PHRASE'.
  * '\\!' and '\\#' at the start of a line escape a literal '!' / '#'.
  * 're:PATTERN' / '!re:PATTERN' is a regular expression (compiled by the
    filter, so only checked for emptiness here); '\\re:' escapes a literal.
  * Layout: header, term lines sorted by code point (Python sorted() on the
    term text), then exactly one '# allow-list' comment line, then the allow
    lines sorted the same way.  No duplicates in either section.

Errors are printed as 'file:line: message' and make the script exit 1.
Warnings (suspicious but legal content) are printed and do not change the
exit code.  On success a per-file count of terms, review-tier terms and
allow phrases is printed.
"""

import os
import re
import sys
import unicodedata

TIERS = ("block", "review")
ALLOW_MARKER = "# allow-list"
NAME_RE = re.compile(r"^(\d\d)-([a-z0-9]+(?:-[a-z0-9]+)*)\.txt$")
MIN_HEADER_LINES = 3  # comment lines after the category line
# Latin words separated by single spaces ("fuck you", "son of a bitch").
SPACED_WORDS_RE = re.compile(r"(?<=[a-z0-9]) (?=[a-z0-9])")


def is_noise(ch):
    """Characters the normalizer drops: whitespace, punctuation, symbols
    (emoji included), controls and format characters (zero-width)."""
    if ch.isspace():
        return True
    cat = unicodedata.category(ch)
    return cat[0] in ("P", "Z", "S") or cat in ("Cc", "Cf")


def fold_key(text):
    """Approximate the normalizer for duplicate detection: NFKC (full-width
    forms), case folding, noise characters removed."""
    text = unicodedata.normalize("NFKC", text).casefold()
    return "".join(ch for ch in text if not is_noise(ch))


def is_cjk(ch):
    cp = ord(ch)
    return (0x3400 <= cp <= 0x4DBF or 0x4E00 <= cp <= 0x9FFF
            or 0xF900 <= cp <= 0xFAFF or 0x20000 <= cp <= 0x3FFFF)


def check_regex(rep, lineno, pattern, what):
    """A 're:PATTERN' entry (PCRE2, compiled by the filter itself; Python's
    re dialect differs, so only emptiness is checked here)."""
    if pattern.strip() == "":
        rep.error(lineno, "empty regular expression in %s line" % what)
        return False
    return True


def unescape(text):
    if text.startswith("\\!") or text.startswith("\\#"):
        return text[1:]
    return text


class FileReport:
    def __init__(self, path):
        self.path = path
        self.errors = []
        self.warnings = []
        self.terms = 0
        self.review = 0
        self.allow = 0

    def error(self, line, msg):
        self.errors.append((line, "%s:%d: %s" % (self.path, line, msg)))

    def warn(self, line, msg):
        self.warnings.append((line, "%s:%d: warning: %s" % (self.path, line, msg)))


def check_text_entry(rep, lineno, text, what):
    """Checks shared by terms and allow phrases."""
    if text == "":
        rep.error(lineno, "empty %s" % what)
        return False
    if "\t" in text:
        rep.error(lineno, "TAB inside %s %r" % (what, text))
        return False
    if fold_key(text) == "":
        rep.error(lineno, "%s %r consists only of punctuation/space/symbols" % (what, text))
        return False
    if text != text.strip():
        rep.error(lineno, "%s %r has surrounding whitespace" % (what, text))
    if unicodedata.normalize("NFKC", text) != text:
        rep.error(lineno, "%s %r contains full-width/compatibility forms "
                  "(write the plain form; the normalizer folds them)" % (what, text))
    if text.lower() != text:
        rep.error(lineno, "%s %r is not lower case" % (what, text))
    if any(unicodedata.category(ch) == "Cf" for ch in text):
        rep.error(lineno, "%s %r contains zero-width/format characters" % (what, text))
    elif any(is_noise(ch) for ch in SPACED_WORDS_RE.sub("", text)):
        # The normalizer drops noise characters, so a spaced or punctuated
        # variant adds nothing; a plain space between Latin words is fine.
        rep.warn(lineno, "%s %r contains noise characters (space/punctuation/symbol) "
                 "that the normalizer drops anyway" % (what, text))
    return True


def check_file(path):
    rep = FileReport(path)
    name = os.path.basename(path)
    m = NAME_RE.match(name)
    slug = m.group(2) if m else None
    if not m:
        rep.error(1, "file name must look like NN-slug.txt")

    try:
        raw = open(path, "rb").read()
    except OSError as e:
        rep.error(0, "cannot read: %s" % e)
        return rep
    if raw.startswith(b"\xef\xbb\xbf"):
        rep.error(1, "UTF-8 byte order mark is not allowed")
        raw = raw[3:]
    try:
        data = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        rep.error(0, "not valid UTF-8: %s" % e)
        return rep
    if "\r" in data:
        rep.error(data[: data.index("\r")].count("\n") + 1, "CR character (use LF line endings)")
    if data and not data.endswith("\n"):
        rep.warn(data.count("\n") + 1, "no newline at end of file")

    lines = data.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    if not lines:
        rep.error(1, "empty file")
        return rep

    # Header.
    expected = "# category: %s" % slug if slug else None
    if expected and lines[0] != expected:
        rep.error(1, "first line must be exactly %r, got %r" % (expected, lines[0]))
    elif not lines[0].startswith("# category: "):
        rep.error(1, "first line must be '# category: SLUG'")
    header = 0
    for line in lines[1:]:
        s = line.strip()
        if s.startswith("#") and s != ALLOW_MARKER:
            header += 1
        elif s == "":
            continue
        else:
            break
    if header < MIN_HEADER_LINES:
        rep.error(2, "header comment block missing or too short (%d comment lines, need %d)"
                  % (header, MIN_HEADER_LINES))

    terms = []   # (lineno, term, key)
    allows = []  # (lineno, phrase, key)
    marker_line = None
    for lineno, line in enumerate(lines[1:], start=2):
        s = line.strip()
        if s == "":
            continue
        if s.startswith("#"):
            if s == ALLOW_MARKER:
                if marker_line is not None:
                    rep.error(lineno, "second '%s' line (first at line %d)" % (ALLOW_MARKER, marker_line))
                marker_line = lineno
            elif s.lower().startswith("# allow"):
                rep.error(lineno, "allow-list marker must be exactly %r" % ALLOW_MARKER)
            continue
        if s.startswith("!"):
            phrase = s[1:].strip()
            if marker_line is None:
                rep.error(lineno, "allow line before the '%s' line" % ALLOW_MARKER)
            if phrase.startswith("re:"):
                if check_regex(rep, lineno, phrase[3:], "allow"):
                    allows.append((lineno, phrase, phrase))
                continue
            if phrase.startswith("\\re:"):
                phrase = phrase[1:]
            if not check_text_entry(rep, lineno, phrase, "allow phrase"):
                continue
            allows.append((lineno, phrase, fold_key(phrase)))
            continue
        # Term line.
        if marker_line is not None:
            rep.error(lineno, "term line after the '%s' line" % ALLOW_MARKER)
        parts = s.split("\t")
        if len(parts) > 2:
            rep.error(lineno, "more than one TAB in term line")
            continue
        term = unescape(parts[0].strip())
        tier = parts[1].strip() if len(parts) == 2 else "block"
        if tier not in TIERS:
            rep.error(lineno, "unknown tier %r (allowed: %s)" % (tier, ", ".join(TIERS)))
            continue
        if term.startswith("re:"):
            # Regular-expression entry: only checked for emptiness and exact
            # duplicates; it takes part in the sort like any other term.
            if check_regex(rep, lineno, term[3:], "term"):
                terms.append((lineno, term, term))
                rep.terms += 1
                rep.review += tier == "review"
            continue
        if term.startswith("\\re:"):
            term = term[1:]
        if not check_text_entry(rep, lineno, term, "term"):
            continue
        key = fold_key(term)
        if len(key) == 1 and is_cjk(key):
            rep.error(lineno, "single-character Chinese term %r would match far too much text" % term)
        elif len(key) == 1:
            rep.error(lineno, "single-character term %r" % term)
        terms.append((lineno, term, key))
        rep.terms += 1
        if tier == "review":
            rep.review += 1

    if marker_line is None and allows:
        rep.error(len(lines), "missing '%s' line" % ALLOW_MARKER)

    def check_order_and_dups(entries, what):
        seen = {}
        for i, (lineno, text, key) in enumerate(entries):
            if i > 0 and text < entries[i - 1][1]:
                rep.error(lineno, "%s %r out of order (must sort before %r, line %d)"
                          % (what, text, entries[i - 1][1], entries[i - 1][0]))
            if key in seen:
                prev_line, prev_text = seen[key]
                if prev_text == text:
                    rep.error(lineno, "duplicate %s %r (also line %d)" % (what, text, prev_line))
                else:
                    rep.error(lineno, "%s %r is the same as %r (line %d) after normalization"
                              % (what, text, prev_text, prev_line))
            else:
                seen[key] = (lineno, text)

    # Regex rules are grouped and commented by purpose: only literals must be sorted.
    check_order_and_dups([e for e in terms if not e[1].startswith("re:")], "term")
    check_order_and_dups([e for e in allows if not e[1].startswith("re:")], "allow phrase")
    rep.allow = len(allows)

    # An allow phrase only suppresses matches of terms lying inside it; one
    # containing no term of this file has no effect.
    term_keys = [k for _, t, k in terms if not t.startswith("re:")]
    for lineno, phrase, key in allows:
        if phrase.startswith("re:"):
            continue
        if not any(t in key for t in term_keys):
            rep.warn(lineno, "allow phrase %r contains no term of this file" % phrase)
        elif key in term_keys:
            rep.warn(lineno, "allow phrase %r equals a term of this file" % phrase)
    return rep


def main(argv):
    here = os.path.dirname(os.path.abspath(__file__))
    targets = argv[1:] or [os.path.join(here, os.pardir, "wordlists")]
    files = []
    for t in targets:
        if os.path.isdir(t):
            files.extend(sorted(os.path.join(t, n) for n in os.listdir(t) if n.endswith(".txt")))
        else:
            files.append(t)
    if not files:
        print("no word list files found in %s" % ", ".join(targets), file=sys.stderr)
        return 1

    reports = [check_file(os.path.normpath(f)) for f in files]
    slugs = {}
    bad = False
    for r in reports:
        m = NAME_RE.match(os.path.basename(r.path))
        if m:
            if m.group(2) in slugs:
                r.error(1, "category %r also used by %s" % (m.group(2), slugs[m.group(2)]))
            slugs[m.group(2)] = r.path
    for r in reports:
        msgs = sorted(r.warnings + r.errors, key=lambda m: m[0])
        for _, m in msgs:
            print(m, file=sys.stderr)
        if r.errors:
            bad = True

    width = max(len(os.path.basename(r.path)) for r in reports)
    print("%-*s %7s %7s %7s" % (width, "file", "terms", "review", "allow"))
    tot = [0, 0, 0]
    for r in reports:
        print("%-*s %7d %7d %7d" % (width, os.path.basename(r.path), r.terms, r.review, r.allow))
        tot[0] += r.terms
        tot[1] += r.review
        tot[2] += r.allow
    print("%-*s %7d %7d %7d" % (width, "total", tot[0], tot[1], tot[2]))
    if bad:
        print("FAILED: %d error(s)" % sum(len(r.errors) for r in reports), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
