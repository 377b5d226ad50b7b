// kwfilter fuzzing — (c) the regex wrapper, through `re:` entries: a PCRE2 pattern and a subject.
//
// Input: a flags byte, the pattern (UTF-8, up to the first NUL byte), then the subject (any
// bytes). Patterns that do not compile are expected (a FilterError); matching must not crash,
// must stay within the PCRE2 limits (libFuzzer's -timeout catches a hang), and must keep every
// streaming invariant — in particular, a regex match found in the whole buffer is found in
// every chunking.
//
// The PCRE2 module itself is not a product of the kwfilter package, so this target drives it
// through KeywordFilter's public API (RegexRules + RegexLineScanner), which is how every rule
// is matched in practice.

import CLibFuzzer
import FuzzSupport
import KeywordFilter

#if canImport(Glibc)
  import Glibc
#endif

/// Found by this target (Tests/KeywordFilterTests/RegressionsRegexPrefilter.swift): the joined
/// prefilter runs over a *block* of lines, so a rule that depends on where its line starts or
/// ends (`^`, `$`, `\A`, `\z`, lookarounds) could miss lines in the middle of a chunk.
/// RegexRules now leaves such rules out of the prefilter, so whole-vs-chunked agreement is
/// checked for every pattern. Set this to true to check such patterns for well-formed results
/// only (while that area is being reworked).
let tolerateKnownPrefilterBug = false

/// Whether a pattern may match differently on a line alone than inside a block of lines.
func mayNeedLineContext(_ pattern: String) -> Bool {
  ["^", "$", "\\A", "\\Z", "\\z", "\\G", "(?=", "(?!", "(?<", "(*"].contains { pattern.contains($0) }
}

/// flags: bit 0 adds a literal term (`赌博`) beside the rule, bit 1 a second rule from the menu
/// (so the prefilter joins two patterns), bit 2 makes the rule an allow-list phrase with a
/// menu rule as the term; bits 3–7 pick the chunk size (1–32).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRegex(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
  var input = FuzzInput(data, size)
  let flags = input.byte()
  let pattern = String(decoding: input.take(upTo: 0), as: UTF8.self)
  let subject = input.rest()
  let category = Category(rawValue: "re")
  var entries = [
    WordlistEntry(
      text: pattern, kind: flags & 4 == 0 ? .term : .allow, category: category, isRegex: true,
      source: "fuzz:1")
  ]
  if flags & 1 != 0 { entries.append(WordlistEntry(text: "赌博", category: category, source: "fuzz:2")) }
  if flags & 6 != 0 {
    entries.append(
      WordlistEntry(text: regexMenu[Int(flags) % regexMenu.count], category: category, isRegex: true,
        source: "fuzz:3"))
  }
  guard let filter = FilterCache.filter(Wordlist(entries: entries), .init()) else { return 0 }
  let sizes = [Int(flags >> 3) + 1]
  if tolerateKnownPrefilterBug && mayNeedLineContext(pattern) {
    // Each scan must still be well formed; only whole-vs-chunked agreement is not checked.
    let whole = subject.withUnsafeBytes { filter.matches(in: $0) }
    checkMatches(whole, in: subject, filter: filter, label: "whole")
    for s in [sizes, [1]] {
      let streamed = streamedMatches(filter, chunks(of: subject, sizes: s))
      checkMatches(streamed, in: subject, filter: filter, label: "chunks \(s)")
    }
    return 0
  }
  checkStreaming(filter: filter, text: subject, chunkSizes: sizes)
  return 0
}

var argc = CommandLine.argc
var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
exit(LLVMFuzzerRunDriver(&argc, &argv, fuzzRegex))
