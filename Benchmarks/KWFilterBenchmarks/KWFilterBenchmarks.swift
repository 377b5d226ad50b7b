// kwfilter — Benchmarks: build cost, and scan throughput in MB/s, each checking its own answer.
//
// Every scan iteration processes one 1 MB (10^6-byte) unit of its haystack, cycling through the
// units, so package-benchmark's `throughput` (iterations per second) *is* MB/s. Every iteration
// compares its match count (and, for masking, its output length) with the expected value and
// stops the run on a mismatch, so a broken engine cannot look fast.
//
// Real data: KWFILTER_BENCH_CORPUS=FILE adds the `real/…` scans over FILE, with the word list
// KWFILTER_BENCH_LIST=FILE (default: the generated 10k list); KWFILTER_BENCH_LIST alone adds
// `build/list-file`. KWFILTER_BENCH_DUMP=DIR writes each generated haystack and the 10k list
// there, with the expected count, for the CLI and Scripts/compare-peers.sh.

import Benchmark
import Glibc
import Foundation
import KeywordFilter

let benchmarks: @Sendable () -> Void = {
  Benchmark.defaultConfiguration = .init(
    metrics: [.throughput, .wallClock, .mallocCountTotal],
    warmupIterations: 3,
    maxDuration: .seconds(1),
    maxIterations: 10_000)

  registerBuildBenchmarks()
  registerScanBenchmarks()
  registerRealDataBenchmarks()
}

// MARK: - Build

/// The compiled automaton and tables, as the filter reports them (bytes).
private let memoryFootprint = BenchmarkMetric.custom(
  "memoryFootprint (bytes)", polarity: .prefersSmaller, useScalingFactor: false)

private let buildMetrics: [BenchmarkMetric] = [
  .wallClock, .cpuTotal, .peakMemoryResident, .peakMemoryResidentDelta, .mallocCountTotal,
  memoryFootprint,
]

private func registerBuildBenchmarks() {
  for (label, count) in [("1k", 1_000), ("10k", 10_000), ("100k", 100_000)] {
    Benchmark(
      "build/\(label)",
      configuration: .init(
        metrics: buildMetrics, warmupIterations: 1, maxDuration: .seconds(3), maxIterations: 50)
    ) { benchmark, wordlist in
      let filter = build(wordlist)
      precondition(filter.termCount == count, "build/\(label): \(filter.termCount) terms")
      benchmark.measurement(memoryFootprint, filter.memoryFootprint)
      blackHole(filter)
    } setup: {
      Corpus.words(count, seed: Corpus.seed).wordlist
    }
  }

  if let path = environment("KWFILTER_BENCH_LIST") {
    Benchmark(
      "build/list-file",
      configuration: .init(
        metrics: buildMetrics, warmupIterations: 1, maxDuration: .seconds(3), maxIterations: 50)
    ) { benchmark, wordlist in
      let filter = build(wordlist)
      precondition(filter.entries.count == wordlist.entries.count, "build/list-file: entries")
      benchmark.measurement(memoryFootprint, filter.memoryFootprint)
      blackHole(filter)
    } setup: {
      Corpus.wordlist(contentsOfFile: path)
    }
  }
}

/// The generated corpora know their match counts for the terms as listed, so no variants
/// (the default `digits` variants would add matches of `1夜情`-style spellings).
private func build(_ wordlist: Wordlist, normalization: Normalization = .standard) -> Filter {
  do {
    return try Filter(
      wordlist: wordlist, configuration: .init(normalization: normalization, variants: []))
  } catch {
    fatalError("cannot build the filter: \(error)")
  }
}

// MARK: - Scans

/// How a scan benchmark feeds the filter.
private enum Mode: String, CaseIterable {
  /// `Filter.countMatches(in:)` over the whole 1 MB unit.
  case count
  /// A `StreamScanner` fed 64 KiB chunks, then `finish`.
  case stream64k
  /// A `StreamMasker` (mask "*") fed 64 KiB chunks; output bytes counted, not stored.
  case mask
  /// The same unit converted to GB18030 (in setup, by glibc's iconv), scanned natively in
  /// 64 KiB chunks: one iteration is the same *text* as the UTF-8 modes, so iterations per
  /// second compare directly, and the match counts must be the UTF-8 ones.
  case gb18030
}

private let chunkBytes = 64 * 1024

/// What a scan iteration needs, prepared in setup (not measured).
private struct ScanState: Sendable {
  let filter: Filter
  let units: [[UInt8]]
  let expectedMatches: [Int]
  let expectedMaskedBytes: [Int]?
}

private func registerScanBenchmarks() {
  for kind in Corpus.Kind.allCases {
    for (normName, normalization) in [("standard", Normalization.standard), ("exact", .exact)] {
      for mode in Mode.allCases {
        let name = "scan/\(kind.rawValue)/\(normName)/\(mode.rawValue)"
        Benchmark(name) { benchmark, state in
          scanIteration(name, mode, state, unit: benchmark.currentIteration % state.units.count)
        } setup: {
          let list = Corpus.words(10_000, seed: Corpus.seed)
          let haystack = Corpus.haystack(kind, list: list)
          if let dir = environment("KWFILTER_BENCH_DUMP") {
            Corpus.dump(haystack, list: list, to: dir)
          }
          return ScanState(
            filter: build(list.wordlist, normalization: normalization),
            units: mode == .gb18030 ? haystack.units.map(toGB18030) : haystack.units,
            expectedMatches: haystack.expectedMatches ?? [],
            expectedMaskedBytes: haystack.expectedMaskedBytes)
        }
      }
    }
  }
}

private func registerRealDataBenchmarks() {
  guard let corpusPath = environment("KWFILTER_BENCH_CORPUS") else { return }
  let listPath = environment("KWFILTER_BENCH_LIST")
  for (normName, normalization) in [("standard", Normalization.standard), ("exact", .exact)] {
    for mode in Mode.allCases {
      let name = "real/\(normName)/\(mode.rawValue)"
      Benchmark(name) { benchmark, state in
        scanIteration(name, mode, state, unit: benchmark.currentIteration % state.units.count)
      } setup: {
        let wordlist =
          listPath.map { Corpus.wordlist(contentsOfFile: $0) }
          ?? Corpus.words(10_000, seed: Corpus.seed).wordlist
        let filter = build(wordlist, normalization: normalization)
        let haystack = Corpus.haystack(contentsOfFile: corpusPath)
        let units = mode == .gb18030 ? haystack.units.map(toGB18030) : haystack.units
        return ScanState(
          filter: filter, units: units,
          expectedMatches: deriveExpectedCounts(
            name, filter: filter, units: units, encoding: mode == .gb18030 ? .gb18030 : .utf8),
          expectedMaskedBytes: nil)
      }
    }
  }
}

/// For a real file, where no count is known in advance: the whole-unit count, which must agree
/// with the 64 KiB streaming count of the same unit (so an engine whose chunked and one-piece
/// answers differ stops here); the iterations then check against it.
private func deriveExpectedCounts(
  _ name: String, filter: Filter, units: [[UInt8]], encoding: InputEncoding = .utf8
) -> [Int] {
  units.enumerated().map { i, unit in
    let whole = filter.matches(in: unit, encoding: encoding).count
    let streamed = streamCount(filter, unit, encoding: encoding)
    precondition(
      whole == streamed,
      "\(name): unit \(i): countMatches says \(whole), 64 KiB streaming says \(streamed)")
    return whole
  }
}

/// One iteration: scan one unit the given way and check the answer.
@inline(never)
private func scanIteration(_ name: String, _ mode: Mode, _ state: ScanState, unit i: Int) {
  let unit = state.units[i]
  let expected = state.expectedMatches[i]
  switch mode {
  case .count:
    let n = unit.withUnsafeBytes { state.filter.countMatches(in: $0) }
    check(name, i, "matches", n, expected)
    blackHole(n)
  case .stream64k:
    let n = streamCount(state.filter, unit)
    check(name, i, "matches", n, expected)
    blackHole(n)
  case .gb18030:
    let n = streamCount(state.filter, unit, encoding: .gb18030)
    check(name, i, "matches", n, expected)
    blackHole(n)
  case .mask:
    var masker = StreamMasker(filter: state.filter, mask: "*")
    var written = 0
    unit.withUnsafeBytes { bytes in
      var start = 0
      while start < bytes.count {
        let end = min(start + chunkBytes, bytes.count)
        masker.process(UnsafeRawBufferPointer(rebasing: bytes[start..<end])) {
          written += $0.count
        }
        start = end
      }
    }
    masker.finish { written += $0.count }
    check(name, i, "masked matches", masker.matchCount, expected)
    if let bytes = state.expectedMaskedBytes { check(name, i, "output bytes", written, bytes[i]) }
    blackHole(written)
  }
}

private func streamCount(_ filter: Filter, _ unit: [UInt8], encoding: InputEncoding = .utf8) -> Int {
  var scanner = filter.makeScanner(encoding: encoding)
  var n = 0
  unit.withUnsafeBytes { bytes in
    var start = 0
    while start < bytes.count {
      let end = min(start + chunkBytes, bytes.count)
      scanner.scan(UnsafeRawBufferPointer(rebasing: bytes[start..<end])) { _ in n += 1 }
      start = end
    }
  }
  scanner.finish { _ in n += 1 }
  return n
}

@inline(__always)
private func check(_ name: String, _ unit: Int, _ what: String, _ got: Int, _ expected: Int) {
  if got != expected {
    fatalError("\(name): unit \(unit): \(got) \(what), expected \(expected)")
  }
}

private func environment(_ name: String) -> String? {
  guard let value = ProcessInfo.processInfo.environment[name], !value.isEmpty else { return nil }
  return value
}

/// UTF-8 → GB18030 through glibc's iconv (setup only).
private func toGB18030(_ utf8: [UInt8]) -> [UInt8] {
  let cd = iconv_open("GB18030", "UTF-8")
  precondition(cd != iconv_t(bitPattern: -1), "iconv has no GB18030")
  defer { iconv_close(cd) }
  var input = utf8
  var output = [UInt8](repeating: 0, count: utf8.count * 2 + 16)
  let produced = input.withUnsafeMutableBytes { inBuf in
    output.withUnsafeMutableBytes { outBuf in
      var inPtr = inBuf.baseAddress?.assumingMemoryBound(to: CChar.self)
      var outPtr = outBuf.baseAddress?.assumingMemoryBound(to: CChar.self)
      var inLeft = inBuf.count
      var outLeft = outBuf.count
      while inLeft > 0 {
        if iconv(cd, &inPtr, &inLeft, &outPtr, &outLeft) != -1 { break }
        // A character GB18030 (as glibc has it) cannot encode: write '?' and go on.
        precondition(errno == EILSEQ || errno == EINVAL, "iconv failed on a benchmark unit")
        inPtr = inPtr.map { $0 + 1 }
        inLeft -= 1
        while inLeft > 0, let p = inPtr, UInt8(bitPattern: p.pointee) & 0xC0 == 0x80 {
          inPtr = p + 1
          inLeft -= 1
        }
        outPtr?.pointee = CChar(UInt8(ascii: "?"))
        outPtr = outPtr.map { $0 + 1 }
        outLeft -= 1
      }
      return outBuf.count - outLeft
    }
  }
  return Array(output[0..<produced])
}
