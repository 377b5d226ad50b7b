// kwfilter — the command-line tool: reading stdin or a file in 64 KiB chunks.

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A failure reading one input: reported, and the other inputs still run (exit status 2).
struct InputError: Error, CustomStringConvertible {
  let description: String
}

/// One input: a path, or standard input when `path` is nil.
struct InputFile {
  let path: String?
  static let chunkSize = 1 << 16

  /// The whole input (for `--mail`: one message is held in memory).
  func readAll() throws(InputError) -> [UInt8] {
    var all: [UInt8] = []
    try forEachChunk { chunk in
      all.append(contentsOf: chunk)
      return true
    }
    return all
  }

  /// Calls `body` with each chunk until the input ends or `body` returns false.
  func forEachChunk(_ body: (UnsafeRawBufferPointer) -> Bool) throws(InputError) {
    let fd: Int32
    if let path {
      fd = open(path, O_RDONLY)
      if fd < 0 { throw InputError(description: "\(path): \(String(cString: strerror(errno)))") }
    } else {
      fd = STDIN_FILENO
    }
    defer { if path != nil { close(fd) } }
    let buffer = UnsafeMutableRawBufferPointer.allocate(
      byteCount: InputFile.chunkSize, alignment: 16)
    defer { buffer.deallocate() }
    while true {
      let n = read(fd, buffer.baseAddress, buffer.count)
      if n < 0 {
        if errno == EINTR { continue }
        throw InputError(
          description: "\(path ?? "(standard input)"): \(String(cString: strerror(errno)))")
      }
      if n == 0 { return }
      if !body(UnsafeRawBufferPointer(rebasing: buffer[0..<n])) { return }
    }
  }
}
