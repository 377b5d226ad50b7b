// kwfilter — MailParsing: Content-Transfer-Encoding, and undoing it.

/// A part's `Content-Transfer-Encoding` (RFC 2045 §6).
enum TransferEncoding: Equatable {
  /// `7bit`, `8bit`, `binary`, or none declared: the bytes are the content.
  case identity
  case base64
  case quotedPrintable
  /// Anything else (`x-uuencode`, junk); treated as ``identity``.
  case unknown(String)

  /// Parses a header value such as ` Base64 ` or `"quoted-printable"`; `nil` means undeclared.
  init(_ value: [UInt8]?) {
    guard let value else {
      self = .identity
      return
    }
    let name = CharsetName.clean(value)  // lowercases, drops quotes and spaces
    switch name {
    case "", "7bit", "8bit", "binary", "7-bit", "8-bit": self = .identity
    case "base64": self = .base64
    case "quoted-printable", "quotedprintable", "qp": self = .quotedPrintable
    default: self = .unknown(name)
    }
  }

  /// The decoded content and any problems, each as (kind, message).
  struct Decoded {
    var bytes: ArraySlice<UInt8>
    var problems: [(MailProblem.Kind, String)] = []
  }

  /// Undoes the encoding.
  ///
  /// Base64 in which most non-space characters lie on lines that are not base64 (lines with
  /// characters outside the alphabet, or spaces between characters) is not base64 at all: then
  /// the raw bytes are returned, with a problem. Spam sometimes declares base64 over plain
  /// text, and the trec06c corpus stored already-decoded bodies under their base64 headers.
  ///
  /// - Complexity: O(`bytes.count`).
  func decode(_ bytes: ArraySlice<UInt8>) -> Decoded {
    switch self {
    case .identity:
      return Decoded(bytes: bytes)
    case .unknown(let name):
      return Decoded(
        bytes: bytes,
        problems: [
          (.unknownTransferEncoding, "unknown transfer encoding \"\(name)\"; read as 8bit")
        ])
    case .quotedPrintable:
      return Decoded(bytes: QuotedPrintable.decode(bytes)[...])
    case .base64:
      let decoded = Base64.decode(bytes)
      var problems: [(MailProblem.Kind, String)] = []
      if decoded.onBase64Lines * 2 < decoded.significant {
        problems.append(
          (
            .badBase64,
            "base64: \(decoded.significant - decoded.onBase64Lines) of \(decoded.significant)"
              + " characters on lines that are not base64; read as 8bit"
          ))
        return Decoded(bytes: bytes, problems: problems)
      }
      if decoded.invalidCharacters > 0 {
        problems.append(
          (.badBase64, "base64: \(decoded.invalidCharacters) invalid characters ignored"))
      }
      if decoded.danglingCharacter {
        problems.append((.badBase64, "base64: a dangling final character (truncated?)"))
      }
      return Decoded(bytes: decoded.bytes[...], problems: problems)
    }
  }
}
