// kwfilter fuzzing — (b) the streaming scanner and masker.
//
// The input is read as: one configuration byte, a small word list, a chunking, and a text
// (see `decode`). Every invariant of FuzzSupport/Invariants.swift is checked: whole-buffer
// matches are well formed (in bounds, ordered, non-overlapping in leftmost-longest, valid
// UTF-8, terms only), chunked and 1-byte scans report the same, and masked output equals the
// input outside the match ranges.

import CLibFuzzer
import FuzzSupport
import KeywordFilter

#if canImport(Glibc)
  import Glibc
#endif

/// configuration byte: bit 0 = `.all`; bits 1–3 = normalization (0–3 standard with maxNoise
/// 0–3 … see below, 4 exact); then entry count (1–6), each entry: a kind byte (÷8 remainder 0:
/// allow-list phrase, 1: regex from the menu, otherwise a term) and for a term a length byte
/// (1–5 pieces) and one byte per piece; then a chunk-size count (1–4) and the sizes (1–64);
/// the rest is the text (FuzzSupport.text(from:)).
func decode(_ input: inout FuzzInput) -> (Wordlist, Filter.Configuration, [Int], [UInt8]) {
  let config = input.byte()
  let semantics: MatchSemantics = config & 1 == 1 ? .all : .leftmostLongest
  let normalizationChoice = Int(config >> 1) % 6
  let normalization: Normalization =
    switch normalizationChoice {
    case 0, 1: .standard
    case 2, 3, 4: Normalization(maxNoise: normalizationChoice - 2)
    default: .exact
    }
  var entries: [WordlistEntry] = []
  for i in 0..<input.int(in: 1...6) {
    let kind = input.byte()
    let category = Category(rawValue: "c\(i % 3)")
    let tier: Tier = kind & 0x80 == 0 ? .block : .review
    if kind % 8 == 1 {
      let pattern = regexMenu[input.int(in: 0...(regexMenu.count - 1))]
      entries.append(
        WordlistEntry(text: pattern, category: category, tier: tier, isRegex: true,
          source: "fuzz:\(i + 1)"))
      continue
    }
    var text = ""
    for _ in 0..<input.int(in: 1...5) { text += termPieces[input.int(in: 0...(termPieces.count - 1))] }
    entries.append(
      WordlistEntry(text: text, kind: kind % 8 == 0 ? .allow : .term, category: category, tier: tier,
        source: "fuzz:\(i + 1)"))
  }
  var sizes: [Int] = []
  for _ in 0..<input.int(in: 1...4) { sizes.append(input.int(in: 1...64)) }
  // Bit 7 of the config byte: repeat loops (VariantOptions.repeats).
  let variants: VariantOptions = config & 0x80 != 0 ? [.digitStyles, .repeats] : [.digitStyles]
  let configuration = Filter.Configuration(
    normalization: normalization, semantics: semantics, variants: variants)
  return (Wordlist(entries: entries), configuration, sizes, text(from: input.rest()))
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzStream(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
  var input = FuzzInput(data, size)
  let (list, configuration, sizes, text) = decode(&input)
  // A term made only of noise characters is rejected: an error, not a bug.
  guard let filter = FilterCache.filter(list, configuration) else { return 0 }
  checkStreaming(filter: filter, text: text, chunkSizes: sizes)
  return 0
}

var argc = CommandLine.argc
var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
exit(LLVMFuzzerRunDriver(&argc, &argv, fuzzStream))
