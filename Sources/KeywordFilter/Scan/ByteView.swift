// kwfilter — KeywordFilter: random access to recent input bytes, for the slow paths.

/// The recent input as one address space: the scanner's history followed by the chunk being
/// scanned. Used only off the fast path (finding where a match starts, checking the characters
/// around it), so clarity beats speed here.
struct ByteView {
  let history: [UInt8]
  let historyStart: Int
  let current: UnsafeRawBufferPointer
  let currentStart: Int
  /// The input's encoding.
  var encoding: InputEncoding = .utf8
  /// GB18030 only: recent character starts (GB18030 cannot be decoded backwards).
  var starts: CharacterStarts? = nil

  /// The byte at an absolute offset, or nil if it is not held (or past the end).
  func byte(at offset: Int) -> UInt8? {
    if offset >= currentStart && offset < currentStart + current.count {
      return current[offset - currentStart]
    }
    if offset >= historyStart && offset < historyStart + history.count {
      return history[offset - historyStart]
    }
    return nil
  }

  /// The bytes of a range as text (UTF-8; bytes no longer held are left out).
  func text(_ range: Range<Int>) -> String {
    let local = (range.lowerBound - currentStart)..<(range.upperBound - currentStart)
    if encoding == .utf8, local.lowerBound >= 0, local.upperBound <= current.count {
      // The usual case, every byte in the chunk being scanned: no copy.
      return String(decoding: UnsafeRawBufferPointer(rebasing: current[local]), as: UTF8.self)
    }
    let bytes = range.compactMap { byte(at: $0) }
    guard encoding == .gb18030 else { return String(decoding: bytes, as: UTF8.self) }
    var scalars = String.UnicodeScalarView()
    bytes.withUnsafeBufferPointer { p in
      var i = 0
      while i < p.count {
        let (cp, n) = GB18030Table.shared.decode(p.baseAddress!, i, p.count, final: true)
        scalars.append(Unicode.Scalar(cp) ?? "\u{FFFD}")
        i += max(n, 1)
      }
    }
    return String(scalars)
  }

  /// The character starting at `offset` (a character boundary): its code point and length, or
  /// nil if the bytes there are not a complete, valid character.
  func character(at offset: Int) -> (scalar: UInt32, length: Int)? {
    let local = offset - currentStart
    if encoding == .utf8, local >= 0, local < current.count {
      // In the chunk being scanned (the usual case): decoded in place. No held byte follows
      // the chunk, so its end is where the bytes stop, as below.
      let (cp, n) = ByteView.decodeUTF8(
        current.baseAddress!.assumingMemoryBound(to: UInt8.self), local, current.count)
      return cp == .max ? nil : (cp, n)
    }
    // Up to four bytes (on the stack: the boundary rules call this for every character of a
    // match's context), decoded by the scan loops' own decoders (a cut or invalid sequence
    // decodes as one invalid byte).
    let (cp, n) = withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 4) { p in
      var count = 0
      while count < 4, let b = byte(at: offset + count) {
        p[count] = b
        count += 1
      }
      if count == 0 { return (UInt32.max, 0) }
      return encoding == .gb18030
        ? GB18030Table.shared.decode(p.baseAddress!, 0, count, final: true)
        : StreamScanner.decodeOther(p.baseAddress!, 0, count, final: true)
    }
    return cp == .max ? nil : (cp, n)
  }

  /// ``StreamScanner/decodeOther(_:_:_:final:)`` (with `final`), with ASCII and valid
  /// three-byte characters — nearly every character of Chinese text — decoded inline.
  @inline(__always)
  static func decodeUTF8(_ p: UnsafePointer<UInt8>, _ i: Int, _ end: Int) -> (UInt32, Int) {
    let b0 = p[i]
    if b0 < 0x80 { return (UInt32(b0), 1) }
    if b0 & 0xF0 == 0xE0, i + 2 < end, p[i + 1] & 0xC0 == 0x80, p[i + 2] & 0xC0 == 0x80 {
      let cp = UInt32(b0 & 0x0F) << 12 | UInt32(p[i + 1] & 0x3F) << 6 | UInt32(p[i + 2] & 0x3F)
      if cp >= 0x800 && cp & 0xF800 != 0xD800 { return (cp, 3) }
    }
    return StreamScanner.decodeOther(p, i, end, final: true)
  }

  /// The valid character that ends exactly at `offset`, or nil.
  func character(endingAt offset: Int) -> (scalar: UInt32, start: Int)? {
    if encoding == .gb18030 {
      guard let start = starts?.start(ofCharacterEndingAt: offset),
        let (cp, n) = character(at: start), start + n == offset
      else { return nil }
      return (cp, start)
    }
    var start = offset - 1
    let local = offset - currentStart
    if local >= 4, local <= current.count {
      // In the chunk being scanned (the usual case): read in place, ASCII and valid
      // three-byte characters at once.
      let p = current.baseAddress!.assumingMemoryBound(to: UInt8.self)
      let last = p[local - 1]
      if last < 0x80 { return (UInt32(last), start) }
      if p[local - 3] & 0xF0 == 0xE0, p[local - 2] & 0xC0 == 0x80, last & 0xC0 == 0x80 {
        let cp =
          UInt32(p[local - 3] & 0x0F) << 12 | UInt32(p[local - 2] & 0x3F) << 6
          | UInt32(last & 0x3F)
        if cp >= 0x800 && cp & 0xF800 != 0xD800 { return (cp, offset - 3) }
      }
      while start > offset - 4, p[start - currentStart] & 0xC0 == 0x80 { start -= 1 }
    } else {
      while start > offset - 4, let b = byte(at: start), b & 0xC0 == 0x80 { start -= 1 }
    }
    guard let (cp, length) = character(at: start), start + length == offset else { return nil }
    return (cp, start)
  }

  /// Where an occurrence of `symbols` folded symbols ending at `end` starts: walk back over
  /// characters, counting the symbols each folds to (noise counts none).
  func start(ofMatchEndingAt end: Int, symbols: Int, alphabet: Alphabet) -> Int {
    var remaining = symbols
    var offset = end
    while remaining > 0 {
      guard let (cp, start) = character(endingAt: offset) else { return offset }
      switch alphabet.fold(cp) {
      case .noise: break
      case .single: remaining -= 1
      case .multiple(let fs): remaining -= fs.count
      }
      offset = start
    }
    return offset
  }

  /// Where an occurrence of a pattern ending at `end` starts when the scan skips repeated
  /// characters (repeat loops): walk back matching the pattern's symbols (`backward`, last
  /// first), skipping noise and any character that repeats the symbol just matched.
  func start(ofMatchEndingAt end: Int, backward: [UInt32], alphabet: Alphabet) -> Int {
    var k = 0
    var offset = end
    var last: UInt32 = 0
    while k < backward.count {
      guard let (cp, start) = character(endingAt: offset) else { return offset }
      switch alphabet.fold(cp) {
      case .noise: break
      case .single(let f):
        let symbol = UInt32(alphabet.symbol(ofFolded: f))
        if symbol == backward[k] {
          k += 1
          last = symbol
        } else if symbol != last || last == 0 {
          return offset
        }
      case .multiple(let fs): k += fs.count
      }
      offset = start
    }
    return offset
  }

  /// Whether the character around a boundary is a word character (Latin letter or digit
  /// after folding). Missing, invalid and noise characters are not.
  func isWordCharacter(_ cp: UInt32?, alphabet: Alphabet) -> Bool {
    guard let cp else { return false }
    switch alphabet.fold(cp) {
    case .noise: return false
    case .single(let f): return Alphabet.isWordCharacter(f)
    case .multiple(let fs): return Alphabet.isWordCharacter(fs[0])
    }
  }

  /// Whether the character just before `offset` is a word character.
  func wordCharacter(before offset: Int, alphabet: Alphabet) -> Bool {
    isWordCharacter(character(endingAt: offset)?.scalar, alphabet: alphabet)
  }

  /// With repeat loops, where the text after a match ending at `end` goes on once the
  /// repeats of its last character are skipped (at most `maxNoise` of them): `fuckkk` ends a
  /// word after the last `k`. Otherwise `end`.
  func afterRepeats(_ end: Int, filter: Filter) -> Int {
    guard filter.repeatLoops, let (last, _) = character(endingAt: end) else { return end }
    let folded = filter.alphabet.fold(last)
    var at = end
    for _ in 0..<filter.configuration.normalization.maxNoise {
      guard let (cp, length) = character(at: at), filter.alphabet.fold(cp) == folded else { break }
      at += length
    }
    return at
  }

  /// With repeat loops, where the text before a match starting at `start` ends once the
  /// repeats of its first character are skipped (`ffuck` starts a word at the first `f`).
  func beforeRepeats(_ start: Int, filter: Filter) -> Int {
    guard filter.repeatLoops, let (first, _) = character(at: start) else { return start }
    let folded = filter.alphabet.fold(first)
    var at = start
    for _ in 0..<filter.configuration.normalization.maxNoise {
      guard let (cp, begin) = character(endingAt: at), filter.alphabet.fold(cp) == folded else {
        break
      }
      at = begin
    }
    return at
  }

  /// The Latin word-boundary rule for an occurrence (see ``Normalization``), relaxed for
  /// pinyin glued to pinyin (see ``GluedPinyin``; the side before is decided when the
  /// occurrence is found, in `wordBefore`).
  func passesBoundaries(_ o: Occurrence, filter: Filter) -> Bool {
    if filter.needsBoundaryBefore[o.pattern] && o.wordBefore { return false }
    if filter.needsBoundaryAfter[o.pattern],
      isWordCharacter(
        character(at: afterRepeats(o.end, filter: filter))?.scalar, alphabet: filter.alphabet),
      !(filter.isPinyinRule[o.pattern] && gluedPinyin(after: o.end, alphabet: filter.alphabet))
    {
      return false
    }
    return true
  }
}
