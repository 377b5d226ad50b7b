// kwfilter — tests: the generated word-frequency table agrees with the fold table it was built with.

import Testing

@testable import KeywordFilter

/// The words of ``WordFrequencyData``, read the plain way: each run of non-ASCII characters is
/// one word (the ASCII bytes around them are the slot and frequency codes).
private func storedWords() -> [[UInt32]] {
  var words: [[UInt32]] = []
  var word: [UInt32] = []
  for chunk in WordFrequencyData.chunks {
    for scalar in chunk.unicodeScalars {
      if scalar.isASCII {
        if !word.isEmpty { words.append(word) }
        word = []
      } else {
        word.append(scalar.value)
      }
    }
    if !word.isEmpty { words.append(word) }
    word = []
  }
  return words
}

// The generator folds the words with FoldingData.swift ahead of time. If the fold data changes
// without `Scripts/generate-word-frequencies.py` being rerun, stored words stop being what
// scanned text folds to: every stored character must be a Han character the standard fold
// keeps as it is, and every word must be found where the table's lookup probes for it.
@Test func wordFrequencyDataIsFoldedAndFindable() {
  let words = storedWords()
  let table = WordFrequencies.shared
  #expect(words.count == WordFrequencyData.foldedCount)
  #expect(table.count == WordFrequencyData.foldedCount)
  var unfolded: [String] = []
  var missing = 0
  for word in words {
    #expect((1...4).contains(word.count))
    for c in word where !(WordFrequencies.isHan(c) && FoldTable.standard.fold(c) == .single(c)) {
      unfolded.append(String(UnicodeScalar(c)!))
    }
    if table.cost(word[...]) == nil { missing += 1 }
  }
  #expect(unfolded.isEmpty, "not folded: \(unfolded.prefix(10))")
  #expect(missing == 0)
  #expect(Set(words).count == words.count)
}
