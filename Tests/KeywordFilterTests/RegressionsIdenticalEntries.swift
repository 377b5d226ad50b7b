// kwfilter — regression: a list that repeats one term many times costs no more, per match,
// than a list that holds it once.
//
// Found by Scripts/hostile-input.sh ("100,000 identical entries"): `kwfilter -c` with a list of
// 100,000 lines `赌博`, over 1,000 lines of `赌博 打击赌博 赌-博` (27 KB, one read), grew past
// 13.8 GB of RSS in 87 s and had to be killed. With D copies of a term every occurrence is
// recorded D times (one Occurrence per automaton output), and StreamScanner keeps all the
// occurrences of a chunk in its Selection until the chunk's flush: memory is
// (occurrences in a 64 KiB chunk) × D. Measured with the release binary: 30,000 copies and 100
// occurrences take 285 MB; 10,000 copies, 118 MB; 1,000 copies, 31 MB. Merged lists repeat
// terms routinely, so D is whatever the operator's lists happen to hold.

import Testing

@testable import KeywordFilter

@Test func identicalEntriesCostNoMorePerMatchThanOne() throws {
  let copies = 5_000
  let filter = try Filter(wordlist: Wordlist(terms: Array(repeating: "赌博", count: copies)))
  let text = Array(String(repeating: "赌博 ", count: 400).utf8)
  let clock = ContinuousClock()
  let started = clock.now
  let matches = filter.matches(in: text)
  let elapsed = clock.now - started
  #expect(matches.count == 400)
  #expect(matches.allSatisfy { $0.entryIndex == 0 }, "the first of identical entries reports")
  // One copy takes well under a millisecond here; 5,000 copies record 2,000,000 occurrences
  // and take seconds.
  #expect(elapsed < .seconds(1), "400 matches with \(copies) identical entries took \(elapsed)")
}
