// kwfilter — the command-line tool: buffered stdout that behaves in pipes.

import KeywordFilter

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Buffered writer for standard output. A closed pipe (`kwfilter … | head -c1`) ends the
/// program quietly with status 0, like other Unix filters; other write errors exit 2.
struct OutputWriter {
  let fd: Int32
  private var buffer: [UInt8] = []
  private let capacity = 1 << 16

  init(fd: Int32) {
    self.fd = fd
    buffer.reserveCapacity(capacity)
  }

  mutating func write(_ bytes: UnsafeRawBufferPointer) {
    if buffer.count + bytes.count > capacity { flush() }
    if bytes.count >= capacity {
      writeAll(bytes)
    } else {
      buffer.append(contentsOf: bytes)
    }
  }

  mutating func write(_ text: String) {
    var text = text
    text.withUTF8 { write(UnsafeRawBufferPointer($0)) }
  }

  mutating func flush() {
    if buffer.isEmpty { return }
    buffer.withUnsafeBytes { writeAll($0) }
    buffer.removeAll(keepingCapacity: true)
  }

  private func writeAll(_ bytes: UnsafeRawBufferPointer) {
    var offset = 0
    while offset < bytes.count {
      let n = Glibc.write(fd, bytes.baseAddress! + offset, bytes.count - offset)
      if n < 0 {
        if errno == EINTR { continue }
        if errno == EPIPE { exit(0) }
        printError("write error: \(String(cString: strerror(errno)))")
        exit(2)
      }
      offset += n
    }
  }

  /// One JSON line for a match.
  mutating func writeJSON(_ m: Match, file: String?, part: String? = nil) {
    var line = "{\"start\":\(m.range.lowerBound),\"end\":\(m.range.upperBound)"
    line += ",\"category\":" + jsonString(m.category.rawValue)
    line += ",\"term\":" + jsonString(m.term)
    line += ",\"text\":" + jsonString(m.text)
    line += ",\"tier\":" + jsonString(m.tier.rawValue)
    if let part { line += ",\"part\":" + jsonString(part) }
    if let file { line += ",\"file\":" + jsonString(file) }
    line += "}\n"
    write(line)
  }
}

/// A JSON string literal (RFC 8259 escaping; non-ASCII written as UTF-8).
func jsonString(_ s: String) -> String {
  var out = "\""
  for scalar in s.unicodeScalars {
    switch scalar {
    case "\"": out += "\\\""
    case "\\": out += "\\\\"
    case "\n": out += "\\n"
    case "\r": out += "\\r"
    case "\t": out += "\\t"
    default:
      if scalar.value < 0x20 || scalar.value == 0x7F {
        let hex = String(scalar.value, radix: 16)
        out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
      } else {
        out.unicodeScalars.append(scalar)
      }
    }
  }
  return out + "\""
}
