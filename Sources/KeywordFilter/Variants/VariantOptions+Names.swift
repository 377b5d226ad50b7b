// kwfilter — KeywordFilter: variant options by name, for `--variants` and `# variants:` lines.

extension VariantOptions {
  /// The names accepted in lists and on the command line, with the options they stand for.
  public static let names: [(name: String, options: VariantOptions)] = [
    ("pinyin", .pinyinFull), ("initials", .pinyinInitials), ("homophones", .homophones),
    ("split", .splitCharacters), ("digits", .digitStyles), ("lookalikes", .lookalikes),
    ("repeats", .repeats),
    ("all", .all),
    ("none", []),
  ]

  /// Parses a comma- or space-separated list of names (`pinyin, initials, split`); nil if one is
  /// unknown.
  public init?(names text: String) {
    var options: VariantOptions = []
    for word in text.split(whereSeparator: { $0 == "," || $0 == " " || $0 == "\t" }) {
      guard let found = VariantOptions.names.first(where: { $0.name == word.lowercased() }) else {
        return nil
      }
      options.formUnion(found.options)
    }
    self = options
  }
}
