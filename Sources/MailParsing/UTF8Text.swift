// kwfilter — MailParsing: UTF-8 validation and repair (U+FFFD for invalid sequences).

/// UTF-8 checks on raw bytes, following the Unicode Standard's table of well-formed sequences
/// (Table 3-7): overlong forms, surrogates and values above U+10FFFF are invalid.
enum UTF8Text {
  /// What a scan of some bytes found.
  struct Summary: Equatable {
    /// Well-formed sequences of two to four bytes.
    var multibyte = 0
    /// Maximal invalid subsequences: the number of U+FFFD that ``repair(_:appendingTo:)`` writes.
    var invalid = 0
    /// Bytes of 0x80 and above.
    var highBytes = 0
  }

  /// Counts well-formed multi-byte sequences and invalid subsequences.
  ///
  /// - Complexity: O(`bytes.count`).
  static func scan(_ bytes: ArraySlice<UInt8>) -> Summary {
    var summary = Summary()
    var i = bytes.startIndex
    let end = bytes.endIndex
    while i < end {
      let b = bytes[i]
      if b < 0x80 {
        i += 1
        continue
      }
      let length = sequenceLength(bytes, at: i)
      summary.highBytes += 1
      if length > 0 {
        summary.multibyte += 1
        summary.highBytes += length - 1
        i += length
      } else {
        summary.invalid += 1
        let skip = max(1, -length)
        summary.highBytes += skip - 1
        i += skip
      }
    }
    return summary
  }

  /// Whether `bytes` are well-formed UTF-8.
  static func isValid(_ bytes: ArraySlice<UInt8>) -> Bool {
    var i = bytes.startIndex
    while i < bytes.endIndex {
      if bytes[i] < 0x80 {
        i += 1
        continue
      }
      let length = sequenceLength(bytes, at: i)
      if length <= 0 { return false }
      i += length
    }
    return true
  }

  /// Appends `bytes` to `output` with every maximal invalid subsequence replaced by U+FFFD
  /// (the W3C/WHATWG "maximal subpart" practice); returns the number of replacements.
  ///
  /// - Complexity: O(`bytes.count`).
  @discardableResult
  static func repair(_ bytes: ArraySlice<UInt8>, appendingTo output: inout [UInt8]) -> Int {
    var replaced = 0
    var i = bytes.startIndex
    var runStart = i
    while i < bytes.endIndex {
      if bytes[i] < 0x80 {
        i += 1
        continue
      }
      let length = sequenceLength(bytes, at: i)
      if length > 0 {
        i += length
        continue
      }
      output.append(contentsOf: bytes[runStart..<i])
      output.append(contentsOf: replacementCharacter)
      replaced += 1
      i += max(1, -length)
      runStart = i
    }
    output.append(contentsOf: bytes[runStart..<i])
    return replaced
  }

  /// Appends the UTF-8 form of `scalar` (U+FFFD for a surrogate or a value above U+10FFFF).
  static func append(scalar value: UInt32, to output: inout [UInt8]) {
    switch value {
    case 0..<0x80:
      output.append(UInt8(value))
    case 0x80..<0x800:
      output.append(UInt8(0xC0 | (value >> 6)))
      output.append(UInt8(0x80 | (value & 0x3F)))
    case 0xD800..<0xE000:
      output.append(contentsOf: replacementCharacter)
    case 0x800..<0x10000:
      output.append(UInt8(0xE0 | (value >> 12)))
      output.append(UInt8(0x80 | ((value >> 6) & 0x3F)))
      output.append(UInt8(0x80 | (value & 0x3F)))
    case 0x10000...0x10FFFF:
      output.append(UInt8(0xF0 | (value >> 18)))
      output.append(UInt8(0x80 | ((value >> 12) & 0x3F)))
      output.append(UInt8(0x80 | ((value >> 6) & 0x3F)))
      output.append(UInt8(0x80 | (value & 0x3F)))
    default:
      output.append(contentsOf: replacementCharacter)
    }
  }

  /// The length of the well-formed sequence starting at `i` (a byte ≥ 0x80), or, when it is
  /// invalid, minus the length of its maximal invalid subpart (at least 1).
  private static func sequenceLength(_ bytes: ArraySlice<UInt8>, at i: Int) -> Int {
    let lead = bytes[i]
    let need: Int
    var low: UInt8 = 0x80
    var high: UInt8 = 0xBF
    switch lead {
    case 0xC2...0xDF: need = 1
    case 0xE0: need = 2; low = 0xA0
    case 0xE1...0xEC, 0xEE...0xEF: need = 2
    case 0xED: need = 2; high = 0x9F
    case 0xF0: need = 3; low = 0x90
    case 0xF1...0xF3: need = 3
    case 0xF4: need = 3; high = 0x8F
    default: return -1
    }
    var j = i + 1
    var k = 0
    while k < need {
      guard j < bytes.endIndex else { return -(j - i) }
      let b = bytes[j]
      let (lo, hi) = k == 0 ? (low, high) : (UInt8(0x80), UInt8(0xBF))
      guard b >= lo && b <= hi else { return -(j - i) }
      j += 1
      k += 1
    }
    return need + 1
  }
}
