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
      let n = Glibc.read(fd, buffer.baseAddress, buffer.count)
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

extension InputFile {
  /// The size of a regular file, or nil for standard input, a pipe, a device or a folder.
  func regularFileSize() -> Int? {
    guard let path else { return nil }
    var info = stat()
    guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
    return Int(info.st_size)
  }

  /// Where the chunk holding file offset `offset` ends: the next multiple of ``chunkSize``
  /// (where a plain read of the whole file ends its reads).
  private static func chunkEnd(after offset: Int) -> Int { (offset / chunkSize + 1) * chunkSize }

  /// Calls `body` with the bytes at `range` of the file (fewer if the file is shorter; with
  /// `toEnd`, on to the end of the file, however long it has grown) in chunks that end at
  /// multiples of ``chunkSize`` in the file, read into one buffer of that size.
  func forEachChunk(
    of range: Range<Int>, toEnd: Bool, _ body: (UnsafeRawBufferPointer) -> Void
  ) throws(InputError) {
    guard let path else { return }
    let fd = open(path, O_RDONLY)
    if fd < 0 { throw InputError(description: "\(path): \(String(cString: strerror(errno)))") }
    defer { close(fd) }
    let buffer = UnsafeMutableRawBufferPointer.allocate(
      byteCount: InputFile.chunkSize, alignment: 16)
    defer { buffer.deallocate() }
    var offset = range.lowerBound
    while toEnd || offset < range.upperBound {
      let chunkEnd = InputFile.chunkEnd(after: offset)
      let end = toEnd ? chunkEnd : min(range.upperBound, chunkEnd)
      // Fill the chunk (a read may return less); an empty read is the end of the file.
      var filled = 0
      while filled < end - offset {
        let n = pread(fd, buffer.baseAddress! + filled, end - offset - filled, off_t(offset + filled))
        if n < 0 {
          if errno == EINTR { continue }
          throw InputError(description: "\(path): \(String(cString: strerror(errno)))")
        }
        if n == 0 { break }
        filled += n
      }
      if filled > 0 { body(UnsafeRawBufferPointer(rebasing: buffer[0..<filled])) }
      if filled < end - offset { return }
      offset = end
    }
  }

  /// The bytes at `range` of the file (fewer if the file is shorter); with `toEnd`, everything
  /// from `range.lowerBound` to the end of the file, however long it has grown.
  func read(_ range: Range<Int>, toEnd: Bool = false) throws(InputError) -> [UInt8] {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(range.count)
    try forEachChunk(of: range, toEnd: toEnd) { bytes.append(contentsOf: $0) }
    return bytes
  }
}
