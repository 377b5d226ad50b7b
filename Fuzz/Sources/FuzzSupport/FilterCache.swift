// kwfilter fuzzing — compiled filters kept between inputs.

import KeywordFilter

/// Filters compiled for earlier inputs, by list and configuration.
///
/// Compiling a filter costs about a millisecond (the character tables), far more than scanning
/// a fuzzer input, and libFuzzer mostly mutates the text part of an input. Reusing the filter
/// for an identical list makes the stream and regex targets several times faster. Only the
/// fuzzer's one thread touches it.
public enum FilterCache {
  private struct Key: Hashable {
    var list: Wordlist
    var configuration: Filter.Configuration
  }
  nonisolated(unsafe) private static var filters: [Key: Filter?] = [:]

  /// The filter for `list` and `configuration`, or nil when it does not compile.
  public static func filter(_ list: Wordlist, _ configuration: Filter.Configuration) -> Filter? {
    let key = Key(list: list, configuration: configuration)
    if let cached = filters[key] { return cached }
    if filters.count >= 512 { filters.removeAll() }
    let filter = try? Filter(wordlist: list, configuration: configuration)
    filters[key] = filter
    return filter
  }
}
