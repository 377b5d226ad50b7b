// kwfilter — KeywordFilter: finding and loading the shipped default lists.

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The word lists shipped in the repository's `wordlists/` folder.
///
/// Found without an install step: `$KWFILTER_WORDLISTS` if set, else `share/kwfilter/wordlists`
/// beside the executable's `bin/`, else the nearest `wordlists/` folder in a directory that
/// contains the executable (so `.build/release/kwfilter` finds `<repo>/wordlists` from any
/// working directory).
public enum DefaultWordlists {
  /// The folder holding the default lists, or nil if none is found.
  public static func locate() -> String? {
    if let env = getenv("KWFILTER_WORDLISTS") {
      let path = String(cString: env)
      return isDirectory(path) ? path : nil
    }
    guard let executable = executablePath() else { return nil }
    var directory = parent(of: executable)
    let installed = parent(of: directory) + "/share/kwfilter/wordlists"
    if isDirectory(installed) { return installed }
    while !directory.isEmpty {
      let candidate = directory + "/wordlists"
      if isDirectory(candidate) { return candidate }
      if directory == "/" { break }
      directory = parent(of: directory)
    }
    return nil
  }

  /// Parses every `*.txt` file in `directory`, in file-name order.
  public static func load(from directory: String) throws(WordlistError) -> Wordlist {
    guard let names = listDirectory(directory) else {
      throw WordlistError(file: directory, line: 0, reason: "cannot read directory")
    }
    var list = Wordlist()
    for name in names.filter({ $0.hasSuffix(".txt") }).sorted() {
      list.append(contentsOf: try Wordlist(contentsOfFile: directory + "/" + name))
    }
    return list
  }

  private static func executablePath() -> String? {
    var buffer = [CChar](repeating: 0, count: 4096)
    let n = readlink("/proc/self/exe", &buffer, buffer.count - 1)
    if n <= 0 { return nil }
    return String(decoding: buffer[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
  }

  private static func parent(of path: String) -> String {
    guard let slash = path.lastIndex(of: "/") else { return "" }
    return slash == path.startIndex ? "/" : String(path[..<slash])
  }

  static func isDirectory(_ path: String) -> Bool {
    var info = stat()
    return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
  }

  private static func listDirectory(_ path: String) -> [String]? {
    guard let dir = opendir(path) else { return nil }
    defer { closedir(dir) }
    var names: [String] = []
    while let entry = readdir(dir) {
      let name = withUnsafePointer(to: entry.pointee.d_name) {
        $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
      }
      if name != "." && name != ".." { names.append(name) }
    }
    return names
  }
}
