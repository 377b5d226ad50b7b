// kwfilter — KeywordFilter: GB18030 decoding tables, built at first use by asking glibc's iconv.

#if canImport(Glibc)
  import Glibc
#endif

/// GB18030 → Unicode for every valid sequence, built once per process (about 20 ms) by asking
/// glibc's iconv (which follows GB18030-2005) for each two-byte and four-byte BMP sequence;
/// supplementary-plane sequences are linear and computed. No table is typed by hand.
///
/// Byte structure: `00–7F` one byte; lead `81–FE` + trail `40–7E | 80–FE` two bytes; lead
/// `81–FE` + `30–39` + `81–FE` + `30–39` four bytes (`81–84` lead: BMP, table; `90–E3`: U+10000
/// and up, linear). `80` and `FF` are invalid.
struct GB18030Table: Sendable {
  /// Code point of each two-byte sequence at `(lead - 0x81) * 191 + (trail - 0x40)`; 0 = invalid.
  let twoByte: [UInt32]
  /// Code point of each four-byte sequence with lead `81–84`, at its linear index; 0 = invalid.
  let fourByteBMP: [UInt32]
  /// Two- and four-byte encodings of BMP code points (for writing a mask character).
  let encodeBMP: [UInt32: [UInt8]]

  static let shared = GB18030Table()

  static func twoByteIndex(_ lead: UInt8, _ trail: UInt8) -> Int {
    Int(lead &- 0x81) &* 191 &+ Int(trail &- 0x40)
  }

  /// Linear index of a four-byte sequence (valid digits and ranges assumed).
  static func fourByteIndex(_ b0: UInt8, _ b1: UInt8, _ b2: UInt8, _ b3: UInt8) -> Int {
    ((Int(b0) - 0x81) * 10 + Int(b1) - 0x30) * 1260 + (Int(b2) - 0x81) * 10 + Int(b3) - 0x30
  }

  init() {
    var two = [UInt32](repeating: 0, count: 126 * 191)
    var four = [UInt32](repeating: 0, count: 4 * 10 * 1260)
    var encode: [UInt32: [UInt8]] = [:]
    guard let cd = GB18030Table.openDecoder() else {
      self.twoByte = two
      self.fourByteBMP = four
      self.encodeBMP = encode
      return
    }
    defer { iconv_close(cd) }
    for lead in UInt8(0x81)...0xFE {
      for trail in UInt8(0x40)...0xFE where trail != 0x7F {
        if let cp = GB18030Table.decode(cd, [lead, trail]) {
          two[GB18030Table.twoByteIndex(lead, trail)] = cp
          if encode[cp] == nil { encode[cp] = [lead, trail] }
        }
      }
    }
    for b0 in UInt8(0x81)...0x84 {
      for b1 in UInt8(0x30)...0x39 {
        for b2 in UInt8(0x81)...0xFE {
          for b3 in UInt8(0x30)...0x39 {
            if let cp = GB18030Table.decode(cd, [b0, b1, b2, b3]) {
              four[GB18030Table.fourByteIndex(b0, b1, b2, b3)] = cp
              if encode[cp] == nil { encode[cp] = [b0, b1, b2, b3] }
            }
          }
        }
      }
    }
    self.twoByte = two
    self.fourByteBMP = four
    self.encodeBMP = encode
  }

  private static func openDecoder() -> iconv_t? {
    let cd = iconv_open("UTF-32LE", "GB18030")
    return cd == iconv_t(bitPattern: -1) ? nil : cd
  }

  /// One sequence through iconv: its code point, or nil if iconv rejects it or it decodes to
  /// more or less than one character.
  private static func decode(_ cd: iconv_t, _ bytes: [UInt8]) -> UInt32? {
    var input = bytes
    var output = [UInt8](repeating: 0, count: 16)
    let produced: Int? = input.withUnsafeMutableBufferPointer { inBuf in
      output.withUnsafeMutableBufferPointer { outBuf in
        var inPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(inBuf.baseAddress!)
          .assumingMemoryBound(to: CChar.self)
        var outPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(outBuf.baseAddress!)
          .assumingMemoryBound(to: CChar.self)
        var inLeft = bytes.count
        var outLeft = 16
        iconv(cd, nil, nil, nil, nil)  // reset shift state
        let r = iconv(cd, &inPtr, &inLeft, &outPtr, &outLeft)
        if r == -1 || inLeft != 0 { return nil }
        return 16 - outLeft
      }
    }
    guard produced == 4 else { return nil }
    let cp = UInt32(output[0]) | UInt32(output[1]) << 8 | UInt32(output[2]) << 16
      | UInt32(output[3]) << 24
    return cp == 0xFFFD ? nil : cp
  }

  /// Decodes the character at `p[i]`: `(code point, length)`, `(.max, 1)` for an invalid byte,
  /// or length 0 when a valid prefix is cut by `end` (and not `final`).
  func decode(_ p: UnsafePointer<UInt8>, _ i: Int, _ end: Int, final: Bool) -> (UInt32, Int) {
    let b0 = p[i]
    if b0 < 0x80 { return (UInt32(b0), 1) }
    if b0 == 0x80 || b0 == 0xFF { return (.max, 1) }
    if i + 1 >= end { return final ? (.max, 1) : (0, 0) }
    let b1 = p[i + 1]
    if (0x40...0xFE).contains(b1) && b1 != 0x7F {
      let cp = twoByte[GB18030Table.twoByteIndex(b0, b1)]
      return cp == 0 ? (.max, 1) : (cp, 2)
    }
    guard (0x30...0x39).contains(b1) else { return (.max, 1) }
    if i + 2 >= end { return final ? (.max, 1) : (0, 0) }
    let b2 = p[i + 2]
    guard (0x81...0xFE).contains(b2) else { return (.max, 1) }
    if i + 3 >= end { return final ? (.max, 1) : (0, 0) }
    let b3 = p[i + 3]
    guard (0x30...0x39).contains(b3) else { return (.max, 1) }
    if b0 <= 0x84 {
      let cp = fourByteBMP[GB18030Table.fourByteIndex(b0, b1, b2, b3)]
      return cp == 0 ? (.max, 1) : (cp, 4)
    }
    if (0x90...0xE3).contains(b0) {
      let linear =
        ((Int(b0) - 0x90) * 10 + Int(b1) - 0x30) * 1260 + (Int(b2) - 0x81) * 10 + Int(b3) - 0x30
      let cp = 0x10000 + linear
      return cp <= 0x10FFFF ? (UInt32(cp), 4) : (.max, 1)
    }
    return (.max, 1)
  }

  /// The GB18030 bytes of a string (characters without an encoding become `?`).
  func encode(_ text: String) -> [UInt8] {
    var out: [UInt8] = []
    for scalar in text.unicodeScalars {
      let cp = scalar.value
      if cp < 0x80 {
        out.append(UInt8(cp))
      } else if let bytes = encodeBMP[cp] {
        out += bytes
      } else if cp >= 0x10000 {
        let linear = Int(cp) - 0x10000
        out += [
          UInt8(0x90 + linear / 12600), UInt8(0x30 + linear / 1260 % 10),
          UInt8(0x81 + linear / 10 % 126), UInt8(0x30 + linear % 10),
        ]
      } else {
        out.append(UInt8(ascii: "?"))
      }
    }
    return out
  }
}
