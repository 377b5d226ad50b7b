// kwfilter — MailParsing tests: building messages and reading results.

import Foundation
import Glibc
import MailParsing

/// UTF-8 bytes of `s`.
func bytes(_ s: String) -> [UInt8] { Array(s.utf8) }

/// `s` encoded in `charset` with glibc iconv (the tests build GBK/Big5 text this way).
func encode(_ s: String, to charset: String) -> [UInt8] {
  guard let cd = iconv_open(charset, "UTF-8"), cd != iconv_t(bitPattern: -1) else {
    fatalError("iconv cannot encode to \(charset)")
  }
  defer { iconv_close(cd) }
  var input = Array(s.utf8).map { CChar(bitPattern: $0) }
  var output = [CChar](repeating: 0, count: input.count * 4 + 16)
  let produced: Int = input.withUnsafeMutableBufferPointer { inBuf in
    output.withUnsafeMutableBufferPointer { outBuf in
      var inPtr = inBuf.baseAddress
      var inLeft = inBuf.count
      var outPtr = outBuf.baseAddress
      var outLeft = outBuf.count
      let r = iconv(cd, &inPtr, &inLeft, &outPtr, &outLeft)
      precondition(r != -1, "iconv could not encode \(s) to \(charset)")
      return outBuf.count - outLeft
    }
  }
  return output[..<produced].map { UInt8(bitPattern: $0) }
}

func gb18030(_ s: String) -> [UInt8] { encode(s, to: "GB18030") }

/// Base64 of `data`, wrapped at 76 characters with `lineEnding`.
func base64(_ data: [UInt8], lineEnding: String = "\n") -> String {
  let flat = Data(data).base64EncodedString()
  var lines: [Substring] = []
  var rest = Substring(flat)
  while !rest.isEmpty {
    lines.append(rest.prefix(76))
    rest = rest.dropFirst(76)
  }
  return lines.joined(separator: lineEnding)
}

/// Quoted-printable of `data` (every non-ASCII byte and `=` escaped; soft breaks at 60).
func quotedPrintable(_ data: [UInt8], lineEnding: String = "\n") -> String {
  var out = ""
  var lineLength = 0
  for b in data {
    let piece: String
    if b == 0x0A {
      out += lineEnding
      lineLength = 0
      continue
    } else if b >= 0x80 || b == UInt8(ascii: "=") || b < 0x20 {
      piece = String(format: "=%02X", b)
    } else {
      piece = String(UnicodeScalar(b))
    }
    if lineLength + piece.count > 60 {
      out += "=" + lineEnding
      lineLength = 0
    }
    out += piece
    lineLength += piece.count
  }
  return out
}

/// A message from pieces: strings are UTF-8, byte arrays are copied as they are.
enum Piece {
  case text(String)
  case raw([UInt8])
}

extension Piece: ExpressibleByStringLiteral, ExpressibleByStringInterpolation {
  init(stringLiteral value: String) { self = .text(value) }
}

/// Joins pieces into message bytes, with LF line endings (or CRLF when `crlf`).
func message(_ pieces: [Piece], crlf: Bool = false) -> [UInt8] {
  var out: [UInt8] = []
  for piece in pieces {
    switch piece {
    case .text(let s): out += Array(s.utf8)
    case .raw(let b): out += b
    }
  }
  return crlf ? toCRLF(out) : out
}

/// LF → CRLF (bytes already followed by CR are left alone).
func toCRLF(_ bytes: [UInt8]) -> [UInt8] {
  var out: [UInt8] = []
  out.reserveCapacity(bytes.count + bytes.count / 20)
  for (i, b) in bytes.enumerated() {
    if b == 0x0A && (i == 0 || bytes[i - 1] != 0x0D) { out.append(0x0D) }
    out.append(b)
  }
  return out
}

extension ParsedMail {
  /// Part names in order.
  var names: [String] { parts.map(\.name) }
  /// The text of the part called `name`, as a String (nil when absent).
  func text(_ name: String) -> String? {
    parts.first { $0.name == name }.map { String(decoding: $0.text, as: UTF8.self) }
  }
  /// The problem kinds in order.
  var kinds: [MailProblem.Kind] { problems.map(\.kind) }
}

/// Whether every part's text is well-formed UTF-8.
func allTextIsUTF8(_ mail: ParsedMail) -> Bool {
  mail.parts.allSatisfy { String(validating: $0.text, as: UTF8.self) != nil }
}

/// SplitMix64, so failures reproduce from the seed in the test.
struct SeededRandom: RandomNumberGenerator {
  var state: UInt64
  init(seed: UInt64) { state = seed }
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

/// Seconds taken by `body`.
func seconds(_ body: () -> Void) -> Double {
  let start = ContinuousClock.now
  body()
  let d = ContinuousClock.now - start
  return Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
}
