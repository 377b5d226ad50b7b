// kwfilter — regression: the shipped spam rules scan a long line in time linear in its length.
//
// Found by Scripts/hostile-input.sh: a single line of ASCII letters made `kwfilter` crawl with
// the default lists — 11.5 s for a 64 KiB line, 50 s for 256 KiB, 193 s for 1 MiB (release
// build), so 1 GiB would take days. The rule
//   re:[a-z0-9._%+-]{3,}\s*(?:#|\(at\)|\[at\]|艾特|圈a)\s*[a-z0-9-]+(?:\.|点)(?:com|cn|net)
// in wordlists/10-spam.txt has an unbounded `{3,}` that PCRE2 retries from every start position
// of a run of letters (it has no single required character to rule the line out), so a
// window of n letters costs about n²/2 steps. PCRE2's match limit counts per start position,
// so it does not stop this. Every other shipped rule is linear on the same inputs.

import Testing

@testable import KeywordFilter

@Test(arguments: ["a", "a.", "1", "a-"])
func shippedSpamRulesScanALongLineInLinearTime(unit: String) throws {
  var path = #filePath
  for _ in 0..<3 { path = String(path[..<path.lastIndex(of: "/")!]) }
  let filter = try Filter(wordlist: Wordlist(contentsOfFile: path + "/wordlists/10-spam.txt"))
  // 32 KiB on one line: about 3 s before the fix, a few milliseconds after it.
  let line = Array(String(repeating: unit, count: 32_768 / unit.utf8.count).utf8)
  let clock = ContinuousClock()
  let started = clock.now
  _ = line.withUnsafeBytes { filter.countMatches(in: $0) }
  let elapsed = clock.now - started
  #expect(elapsed < .seconds(1), "a 32 KiB line of '\(unit)' took \(elapsed)")
}
