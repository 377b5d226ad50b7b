// kwfilter — KeywordFilter: where a live filter's word lists come from, and how to rebuild it.

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The files a ``FilterHolder`` builds its filter from: list folders, single list files and the
/// configuration.
///
/// A folder is read as ``DefaultWordlists/load(from:)`` reads one (every `*.txt` file, in
/// file-name order); folders come first, then the files, in the order given. This is the order
/// the `kwfilter` command line uses for the default lists and `--wordlist` files.
public struct FilterSources: Sendable, Hashable {
  /// Folders of `*.txt` lists (the shipped lists' folder, say).
  public var directories: [String]
  /// Single list files.
  public var files: [String]
  /// How to compile the lists.
  public var configuration: Filter.Configuration

  /// Creates a description of the lists to load.
  public init(
    directories: [String] = [], files: [String] = [],
    configuration: Filter.Configuration = Filter.Configuration()
  ) {
    self.directories = directories
    self.files = files
    self.configuration = configuration
  }

  /// Reads and parses every list.
  ///
  /// - Throws: ``WordlistError`` naming the file (and line) that is bad or unreadable.
  public func loadWordlist() throws(WordlistError) -> Wordlist {
    var list = Wordlist()
    for directory in directories {
      list.append(contentsOf: try DefaultWordlists.load(from: directory))
    }
    for file in files {
      list.append(contentsOf: try Wordlist(contentsOfFile: file))
    }
    return list
  }

  /// Reads, parses and compiles the lists.
  ///
  /// - Throws: ``WordlistError`` or ``FilterError``.
  public func build() throws -> Filter {
    try Filter(wordlist: loadWordlist(), configuration: configuration)
  }

  /// A snapshot of every watched path's identity (device, inode, size, modification time): the
  /// folders themselves (a list added, removed or renamed in changes the folder), each `*.txt`
  /// in them, and the files. A path that cannot be read is recorded as missing.
  func fingerprint() -> [FileStamp] {
    var stamps: [FileStamp] = []
    for directory in directories {
      stamps.append(FileStamp(path: directory))
      for name in FilterSources.listNames(in: directory) {
        stamps.append(FileStamp(path: directory + "/" + name))
      }
    }
    for file in files { stamps.append(FileStamp(path: file)) }
    return stamps
  }

  /// The `*.txt` names in a folder, sorted (empty when it cannot be read).
  static func listNames(in directory: String) -> [String] {
    guard let dir = opendir(directory) else { return [] }
    defer { closedir(dir) }
    var names: [String] = []
    while let entry = readdir(dir) {
      let name = withUnsafePointer(to: entry.pointee.d_name) {
        $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
      }
      if name.hasSuffix(".txt") { names.append(name) }
    }
    return names.sorted()
  }
}

/// What `stat` says about one watched path; equal stamps mean "unchanged". The inode is part of
/// it, so a list replaced by `rename` (the safe way to deploy a file) counts as a change even
/// when size and time happen to agree.
struct FileStamp: Hashable, Sendable {
  let path: String
  let device: UInt64
  let inode: UInt64
  let size: Int64
  let seconds: Int
  let nanoseconds: Int

  init(path: String) {
    self.path = path
    var info = stat()
    if stat(path, &info) != 0 {
      device = 0
      inode = 0
      size = -1
      seconds = 0
      nanoseconds = 0
      return
    }
    device = UInt64(info.st_dev)
    inode = UInt64(info.st_ino)
    size = Int64(info.st_size)
    seconds = Int(info.st_mtim.tv_sec)
    nanoseconds = Int(info.st_mtim.tv_nsec)
  }
}
