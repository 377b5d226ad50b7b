// kwfilter — tests: a seeded generator, so failures reproduce from a printed seed.

/// SplitMix64: small, fast, and the same sequence for the same seed on every platform.
public struct SeededRandom: RandomNumberGenerator, Sendable {
  private var state: UInt64
  /// Creates a generator from a seed.
  public init(seed: UInt64) { state = seed }
  /// The next 64 random bits.
  public mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

/// Ways to cut an input into chunks, for checking that streaming agrees with one piece.
public enum Chunking {
  /// `bytes` cut into pieces of `size` (the last may be shorter).
  public static func fixed(_ bytes: [UInt8], size: Int) -> [[UInt8]] {
    stride(from: 0, to: bytes.count, by: size).map { Array(bytes[$0..<min($0 + size, bytes.count)]) }
  }
  /// `bytes` cut at random points.
  public static func random(_ bytes: [UInt8], using rng: inout SeededRandom) -> [[UInt8]] {
    var result: [[UInt8]] = []
    var i = 0
    while i < bytes.count {
      let n = Int.random(in: 1...max(1, min(9, bytes.count - i)), using: &rng)
      result.append(Array(bytes[i..<i + n]))
      i += n
    }
    return result
  }
}
