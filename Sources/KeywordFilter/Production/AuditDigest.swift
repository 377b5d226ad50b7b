// kwfilter — KeywordFilter: SHA-256 of an input, fed in chunks, for audit records.
//
// A small FIPS 180-4 SHA-256 rather than swift-crypto: linking swift-crypto 3.x links
// Foundation (and ICU) into every program that uses this library, which costs ~3 ms of
// start-up per process here — a third of the start-up budget of `kwfilter --rules`. The tests
// check this against the FIPS 180-4 examples and `sha256sum`. This file is the only one in
// Production/ that uses unsafe pointers: `compress` reads 64-byte blocks with
// `loadUnaligned`, always within the buffer it is given (callers pass whole blocks only).

/// The SHA-256 of an input, computed as its chunks go by, written as 64 lower-case hex digits —
/// the same as `sha256sum` prints.
public struct AuditDigest: Sendable {
  /// The hash state after the blocks compressed so far.
  private var state: [UInt32] = [
    0x6a09_e667, 0xbb67_ae85, 0x3c6e_f372, 0xa54f_f53a,
    0x510e_527f, 0x9b05_688c, 0x1f83_d9ab, 0x5be0_cd19,
  ]
  /// Bytes not yet compressed. Invariant: fewer than 64.
  private var pending: [UInt8] = []
  /// Bytes added in all.
  private var length: UInt64 = 0

  /// Starts a digest of no bytes.
  public init() { pending.reserveCapacity(64) }

  /// Adds the next bytes of the input.
  ///
  /// - Complexity: linear in `bytes.count`.
  public mutating func update(_ bytes: UnsafeRawBufferPointer) {
    length &+= UInt64(bytes.count)
    var rest = bytes
    if !pending.isEmpty {
      let take = min(64 - pending.count, rest.count)
      pending.append(contentsOf: rest.prefix(take))
      rest = UnsafeRawBufferPointer(rebasing: rest[take...])
      if pending.count < 64 { return }
      pending.withUnsafeBytes { Self.compress(&state, $0) }
      pending.removeAll(keepingCapacity: true)
    }
    let whole = rest.count & ~63
    if whole > 0 { Self.compress(&state, UnsafeRawBufferPointer(rebasing: rest[..<whole])) }
    pending.append(contentsOf: rest[whole...])
  }

  /// Adds the next bytes of the input.
  public mutating func update(_ bytes: [UInt8]) {
    bytes.withUnsafeBytes { update($0) }
  }

  /// The digest of everything added so far, in hex (the digest can go on being updated).
  public func hexDigest() -> String {
    var state = self.state
    var tail = pending
    tail.append(0x80)
    while tail.count % 64 != 56 { tail.append(0) }
    let bits = length &* 8
    for shift in stride(from: 56, through: 0, by: -8) {
      tail.append(UInt8(truncatingIfNeeded: bits >> UInt64(shift)))
    }
    tail.withUnsafeBytes { Self.compress(&state, $0) }
    let digits = Array("0123456789abcdef".utf8)
    var out: [UInt8] = []
    out.reserveCapacity(64)
    for word in state {
      for shift in stride(from: 28, through: 0, by: -4) {
        out.append(digits[Int((word >> UInt32(shift)) & 0xF)])
      }
    }
    return String(decoding: out, as: UTF8.self)
  }

  /// The SHA-256 of `bytes`, in hex.
  public static func hex(of bytes: UnsafeRawBufferPointer) -> String {
    var digest = AuditDigest()
    digest.update(bytes)
    return digest.hexDigest()
  }

  /// The SHA-256 of `bytes`, in hex.
  public static func hex(of bytes: [UInt8]) -> String {
    bytes.withUnsafeBytes { hex(of: $0) }
  }

  /// The round constants (FIPS 180-4 §4.2.2).
  private static let k: [UInt32] = [
    0x428a_2f98, 0x7137_4491, 0xb5c0_fbcf, 0xe9b5_dba5, 0x3956_c25b, 0x59f1_11f1, 0x923f_82a4,
    0xab1c_5ed5, 0xd807_aa98, 0x1283_5b01, 0x2431_85be, 0x550c_7dc3, 0x72be_5d74, 0x80de_b1fe,
    0x9bdc_06a7, 0xc19b_f174, 0xe49b_69c1, 0xefbe_4786, 0x0fc1_9dc6, 0x240c_a1cc, 0x2de9_2c6f,
    0x4a74_84aa, 0x5cb0_a9dc, 0x76f9_88da, 0x983e_5152, 0xa831_c66d, 0xb003_27c8, 0xbf59_7fc7,
    0xc6e0_0bf3, 0xd5a7_9147, 0x06ca_6351, 0x1429_2967, 0x27b7_0a85, 0x2e1b_2138, 0x4d2c_6dfc,
    0x5338_0d13, 0x650a_7354, 0x766a_0abb, 0x81c2_c92e, 0x9272_2c85, 0xa2bf_e8a1, 0xa81a_664b,
    0xc24b_8b70, 0xc76c_51a3, 0xd192_e819, 0xd699_0624, 0xf40e_3585, 0x106a_a070, 0x19a4_c116,
    0x1e37_6c08, 0x2748_774c, 0x34b0_bcb5, 0x391c_0cb3, 0x4ed8_aa4a, 0x5b9c_ca4f, 0x682e_6ff3,
    0x748f_82ee, 0x78a5_636f, 0x84c8_7814, 0x8cc7_0208, 0x90be_fffa, 0xa450_6ceb, 0xbef9_a3f7,
    0xc671_78f2,
  ]

  /// Compresses `blocks` (a whole number of 64-byte blocks) into `state`.
  private static func compress(_ state: inout [UInt32], _ blocks: UnsafeRawBufferPointer) {
    precondition(blocks.count % 64 == 0)
    @inline(__always) func rotr(_ x: UInt32, _ n: UInt32) -> UInt32 { (x >> n) | (x << (32 - n)) }
    k.withUnsafeBufferPointer { k in
      withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 64) { w in
        var h0 = state[0]
        var h1 = state[1]
        var h2 = state[2]
        var h3 = state[3]
        var h4 = state[4]
        var h5 = state[5]
        var h6 = state[6]
        var h7 = state[7]
        var offset = 0
        while offset < blocks.count {
          for t in 0..<16 {
            w[t] = UInt32(
              bigEndian: blocks.loadUnaligned(fromByteOffset: offset + 4 * t, as: UInt32.self))
          }
          for t in 16..<64 {
            let s0 = rotr(w[t - 15], 7) ^ rotr(w[t - 15], 18) ^ (w[t - 15] >> 3)
            let s1 = rotr(w[t - 2], 17) ^ rotr(w[t - 2], 19) ^ (w[t - 2] >> 10)
            w[t] = w[t - 16] &+ s0 &+ w[t - 7] &+ s1
          }
          var a = h0
          var b = h1
          var c = h2
          var d = h3
          var e = h4
          var f = h5
          var g = h6
          var h = h7
          for t in 0..<64 {
            let s1 = rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)
            let choice = (e & f) ^ (~e & g)
            let t1 = h &+ s1 &+ choice &+ k[t] &+ w[t]
            let s0 = rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)
            let majority = (a & b) ^ (a & c) ^ (b & c)
            let t2 = s0 &+ majority
            h = g
            g = f
            f = e
            e = d &+ t1
            d = c
            c = b
            b = a
            a = t1 &+ t2
          }
          h0 &+= a
          h1 &+= b
          h2 &+= c
          h3 &+= d
          h4 &+= e
          h5 &+= f
          h6 &+= g
          h7 &+= h
          offset += 64
        }
        state = [h0, h1, h2, h3, h4, h5, h6, h7]
      }
    }
  }
}
