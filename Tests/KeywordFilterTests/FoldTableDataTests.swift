// kwfilter — tests: the laid-out fold table is the readable FoldingData, slot for slot.

import Testing

@testable import KeywordFilter

/// Whether two tables agree in every part (same slots, same astral folds, same noise ranges,
/// same expansions in the same order).
private func same(_ a: FoldTable, _ b: FoldTable) -> Bool {
  a.bmp == b.bmp && a.astral == b.astral && a.astralNoise == b.astralNoise
    && a.expansions == b.expansions
}

// `Scripts/generate-folding-data.py` writes FoldingData.swift and FoldTableData.swift from the
// same computation. If one is regenerated without the other, or the loader and the format drift
// apart, the standard table stops being the readable data.
@Test func laidOutFoldTableIsTheReadableData() {
  let parsed = FoldTable(
    mappingChunks: FoldingData.mappingChunks, noiseRanges: FoldingData.noiseRanges)
  #expect(same(FoldTable.standard, parsed))
  #expect(FoldTable.standard.astral.count == FoldTableData.astralCount)
}

@Test func lookalikeTableIsTheReadableDataMerged() {
  let parsed = FoldTable(
    mappingChunks: FoldingData.mappingChunks
      + [LookalikeData.enclosed, LookalikeData.latin, LookalikeData.han],
    noiseRanges: FoldingData.noiseRanges)
  #expect(same(FoldTable.withLookalikes, parsed))
}
