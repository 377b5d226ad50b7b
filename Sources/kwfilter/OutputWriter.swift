// kwfilter — the command-line tool: buffered stdout that behaves in pipes.

import KeywordFilter

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Buffered writer for standard output. A closed pipe (`kwfilter … | head -c1`) ends the
/// program quietly with status 0, like other Unix filters; other write errors exit 2.
///
/// ``memory()`` makes a writer that only collects (a parallel job's output, written to standard
/// output later, in input order, by ``take()`` and ``write(_:)``).
struct OutputWriter {
  /// The file descriptor, or -1 for an in-memory writer.
  let fd: Int32
  /// Bytes not yet written. Invariant: at most `capacity` bytes unless `fd` is -1 (then all).
  private var buffer: [UInt8] = []
  private let capacity = 1 << 16

  init(fd: Int32) {
    self.fd = fd
    buffer.reserveCapacity(capacity)
  }

  /// A writer that keeps everything in memory until ``take()``.
  static func memory() -> OutputWriter { OutputWriter(fd: -1) }

  /// The collected bytes of an in-memory writer (which is then empty).
  mutating func take() -> [UInt8] {
    defer { buffer = [] }
    return buffer
  }

  mutating func write(_ bytes: UnsafeRawBufferPointer) {
    if fd < 0 {
      buffer.append(contentsOf: bytes)
      return
    }
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

  mutating func write(_ bytes: [UInt8]) {
    bytes.withUnsafeBytes { write($0) }
  }

  mutating func flush() {
    if buffer.isEmpty || fd < 0 { return }
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
  mutating func writeJSON(_ m: Match, file: String?, part: String? = nil, key: String? = nil) {
    var line = key.map { "{\"key\":" + jsonString($0) + "," } ?? "{"
    line += "\"start\":\(m.range.lowerBound),\"end\":\(m.range.upperBound)"
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

/// A JSON string literal (see ``JSONText/quoted(_:)``).
func jsonString(_ s: String) -> String { JSONText.quoted(s) }
