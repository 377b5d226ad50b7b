// kwfilter fuzzing — the invariants every scan must keep, checked with abort() on violation.

import KeywordFilter

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Stops the fuzzer with a message when `condition` is false, so libFuzzer saves the input.
///
/// `abort()` rather than `precondition`: it works the same in every build configuration, and
/// libFuzzer reports it as a crash ("deadly signal") with the input written to `crash-…`.
public func check(_ condition: Bool, _ message: @autoclosure () -> String) {
  if condition { return }
  var text = Array("kwfilter fuzz: INVARIANT VIOLATED: \(message())\n".utf8)
  text.withUnsafeMutableBytes { _ = write(2, $0.baseAddress, $0.count) }
  abort()
}

/// `text` cut into chunks whose sizes cycle through `sizes` (each at least 1).
public func chunks(of text: [UInt8], sizes: [Int]) -> [ArraySlice<UInt8>] {
  let sizes = sizes.isEmpty ? [text.count] : sizes.map { max(1, $0) }
  var result: [ArraySlice<UInt8>] = []
  var i = 0
  var k = 0
  while i < text.count {
    let n = min(sizes[k % sizes.count], text.count - i)
    result.append(text[i..<(i + n)])
    i += n
    k += 1
  }
  return result
}

/// The matches a ``StreamScanner`` reports when `text` arrives in `pieces`.
public func streamedMatches(_ filter: Filter, _ pieces: [ArraySlice<UInt8>]) -> [Match] {
  var scanner = filter.makeScanner()
  var result: [Match] = []
  for piece in pieces {
    piece.withUnsafeBytes { scanner.scan($0) { result.append($0) } }
  }
  scanner.finish { result.append($0) }
  return result
}

/// The output of a ``StreamMasker`` fed `pieces`, and the matches it reported.
public func maskedOutput(_ filter: Filter, _ pieces: [ArraySlice<UInt8>], mask: String)
  -> (output: [UInt8], matches: [Match])
{
  var masker = StreamMasker(filter: filter, mask: mask)
  var output: [UInt8] = []
  var found: [Match] = []
  for piece in pieces {
    piece.withUnsafeBytes { chunk in
      masker.process(chunk, onMatch: { found.append($0) }) { output.append(contentsOf: $0) }
    }
  }
  masker.finish(onMatch: { found.append($0) }) { output.append(contentsOf: $0) }
  return (output, found)
}

/// What masking `text` must give for `matches`: the input's bytes outside every match range,
/// and one `mask` per character (UTF-8 lead byte) inside the union of the ranges.
///
/// Matches must be in order of start (as scanners report them); overlapping ranges (`.all`)
/// are masked once.
public func expectedMaskedOutput(_ text: [UInt8], _ matches: [Match], mask: [UInt8]) -> [UInt8] {
  var expected: [UInt8] = []
  expected.reserveCapacity(text.count)
  var at = 0
  for m in matches {
    let start = max(m.range.lowerBound, at)
    if start >= m.range.upperBound { continue }
    expected += text[at..<start]
    for byte in text[start..<m.range.upperBound] where byte & 0xC0 != 0x80 {
      expected += mask
    }
    at = m.range.upperBound
  }
  expected += text[at...]
  return expected
}

/// Checks what must hold for any list of matches reported over `text`:
/// - ranges are non-empty and in bounds, and hold valid UTF-8 (masking counts characters);
/// - starts never decrease; with ``MatchSemantics/leftmostLongest`` ranges do not overlap;
/// - each match names a term (never an allow-list phrase) and carries that entry's fields;
/// - `text` is the matched bytes, decoded.
public func checkMatches(_ matches: [Match], in text: [UInt8], filter: Filter, label: String) {
  var lastStart = Int.min
  var lastEnd = Int.min
  for (k, m) in matches.enumerated() {
    let where_ = "\(label): match \(k) \(m.range) (entry \(m.entryIndex)) of \(matches.count)"
    check(m.range.lowerBound >= 0 && m.range.upperBound <= text.count, "\(where_) out of bounds \(text.count)")
    check(!m.range.isEmpty, "\(where_) is empty")
    check(m.range.lowerBound >= lastStart, "\(where_) starts before the previous match")
    if filter.configuration.semantics == .leftmostLongest {
      check(m.range.lowerBound >= lastEnd, "\(where_) overlaps the previous match ending at \(lastEnd)")
    }
    lastStart = m.range.lowerBound
    lastEnd = m.range.upperBound
    check(filter.entries.indices.contains(m.entryIndex), "\(where_) names no entry")
    let entry = filter.entries[m.entryIndex]
    check(entry.kind == .term, "\(where_) reports an allow-list phrase")
    // The tier is the entry's, or `review` when a rule downgraded the match (the Chinese
    // word-boundary control's default mode, variants that cost precision).
    check(
      m.term == entry.text && m.category == entry.category
        && (m.tier == entry.tier || m.tier == .review),
      "\(where_) does not carry its entry's fields")
    let bytes = Array(text[m.range])
    check(String(validating: bytes, as: UTF8.self) != nil, "\(where_) is not valid UTF-8: \(bytes)")
    check(m.text == String(decoding: bytes, as: UTF8.self), "\(where_) text '\(m.text)' is not the input's")
  }
}

/// Every streaming invariant for one filter and text: the whole-buffer matches are well formed
/// (``checkMatches(_:in:filter:label:)``); chunked scanning (the given sizes, and 1-byte chunks
/// for short texts) reports the same matches; the masker reports them too and its output is
/// exactly ``expectedMaskedOutput(_:_:mask:)``.
public func checkStreaming(filter: Filter, text: [UInt8], chunkSizes: [Int]) {
  let whole = text.withUnsafeBytes { filter.matches(in: $0) }
  checkMatches(whole, in: text, filter: filter, label: "whole")
  let count = text.withUnsafeBytes { filter.countMatches(in: $0) }
  check(count == whole.count, "countMatches \(count) != matches \(whole.count)")

  var chunkings = [chunkSizes]
  if text.count <= 2048 { chunkings.append([1]) }
  for sizes in chunkings {
    let pieces = chunks(of: text, sizes: sizes)
    let streamed = streamedMatches(filter, pieces)
    check(streamed == whole,
      "chunks \(sizes): \(describe(streamed)) != whole \(describe(whole))")
  }
  let pieces = chunks(of: text, sizes: chunkSizes)
  let (output, masked) = maskedOutput(filter, pieces, mask: "#")
  check(masked == whole, "masker matches \(describe(masked)) != whole \(describe(whole))")
  let expected = expectedMaskedOutput(text, whole, mask: Array("#".utf8))
  check(output == expected,
    "masked output differs from the input outside the match ranges (\(output.count) vs \(expected.count) bytes; first difference at \(firstDifference(output, expected)))")
}

/// `entry@range` for each match, for messages.
public func describe(_ matches: [Match]) -> String {
  "[" + matches.map { "\($0.entryIndex)@\($0.range)" }.joined(separator: ", ") + "]"
}

private func firstDifference(_ a: [UInt8], _ b: [UInt8]) -> Int {
  a.indices.first { $0 >= b.count || a[$0] != b[$0] } ?? min(a.count, b.count)
}
