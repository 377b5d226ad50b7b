// kwfilter — KeywordFilter: SHA-256 of an input, fed in chunks, for audit records.

import Crypto

/// The SHA-256 of an input, computed as its chunks go by (swift-crypto's `SHA256`, BoringSSL
/// underneath), written as 64 lower-case hex digits — the same as `sha256sum` prints.
public struct AuditDigest {
  private var hasher = SHA256()

  /// Starts a digest of no bytes.
  public init() {}

  /// Adds the next bytes of the input.
  public mutating func update(_ bytes: UnsafeRawBufferPointer) {
    hasher.update(bufferPointer: bytes)
  }

  /// Adds the next bytes of the input.
  public mutating func update(_ bytes: [UInt8]) {
    bytes.withUnsafeBytes { hasher.update(bufferPointer: $0) }
  }

  /// The digest of everything added so far, in hex (the digest can go on being updated).
  public func hexDigest() -> String {
    let digest = hasher.finalize()
    let digits = Array("0123456789abcdef".utf8)
    var out: [UInt8] = []
    out.reserveCapacity(64)
    for byte in digest {
      out.append(digits[Int(byte >> 4)])
      out.append(digits[Int(byte & 0x0F)])
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
}
