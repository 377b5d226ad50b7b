// kwfilter — KeywordFilter: JSON string literals, for match reports and audit records.

/// JSON text helpers shared by the report writers (`--json`, `--records --json`, audit log).
public enum JSONText {
  /// A JSON string literal (RFC 8259 escaping; non-ASCII written as UTF-8, control characters
  /// as `\uXXXX`).
  public static func quoted(_ s: String) -> String {
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
}
