// kwfilter — MailParsing: which header fields carry text a person wrote.

/// The header fields emitted as ``MailPart``s, with their canonical spelling.
///
/// Subject and the address fields (display names such as `"免费赌博" <x@y>` carry spam text),
/// plus the free-text fields of RFC 5322 (`Comments`, `Keywords`) and `Organization`, which
/// spam also fills. Address fields are emitted as their whole decoded value.
enum TextHeaders {
  static let names: [String] = [
    "Subject", "From", "Sender", "Reply-To", "To", "Cc", "Bcc", "Comments", "Keywords",
    "Organization",
  ]

  /// The canonical spelling of `name` if it is a text header.
  static func canonicalName(_ name: ArraySlice<UInt8>) -> String? {
    guard name.count <= 12 else { return nil }
    return names.first { asciiCaseInsensitiveEqual(name, $0.utf8) }
  }
}
