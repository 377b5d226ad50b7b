// kwfilter — KeywordFilter: a ring of recent character starts (for GB18030 look-back).

/// The start offsets of the last `capacity` characters, so the slow path can walk back from a
/// match in GB18030, whose bytes cannot be decoded backwards (a trail byte may look like a lead
/// byte or ASCII). The scan loop writes one entry per character; the ring holds at least one
/// maximum match span of characters.
final class CharacterStarts: @unchecked Sendable {
  // Safety (@unchecked Sendable): owned by one StreamScanner, which is used by one thread at a
  // time; the class exists only to give the scan loop a stable pointer.
  let mask: Int
  let buffer: UnsafeMutablePointer<Int>
  /// Characters recorded so far (the newest is at `(count - 1) & mask`).
  var count = 0

  init(atLeast n: Int) {
    var size = 64
    while size < n { size <<= 1 }
    mask = size - 1
    buffer = .allocate(capacity: size)
    buffer.initialize(repeating: -1, count: size)
  }

  deinit { buffer.deallocate() }

  /// The start of the recorded character that ends at `offset` (the one whose successor starts
  /// there), or nil if it is no longer (or not) recorded.
  func start(ofCharacterEndingAt offset: Int) -> Int? {
    var k = count - 1
    let oldest = max(0, count - mask)
    while k >= oldest {
      let s = buffer[k & mask]
      if s < offset { return s }
      k -= 1
    }
    return nil
  }
}
