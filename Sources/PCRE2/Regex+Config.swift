//===----------------------------------------------------------------------===//
// This source file is part of the kwfilter project.
// See LICENSE for license information.
//===----------------------------------------------------------------------===//
// Regex+Config.swift: what the PCRE2 library on this machine was built with.

import CPCRE2

extension Regex {
  /// Whether the PCRE2 library was built with JIT support for this CPU
  /// (`pcre2_config(PCRE2_CONFIG_JIT)`).
  ///
  /// When `false`, every ``Regex`` uses the interpreter whatever ``Options/jit`` says.
  public static var jitAvailable: Bool {
    var value: UInt32 = 0
    return pcre2_config_8(UInt32(PCRE2_CONFIG_JIT), &value) >= 0 && value == 1
  }

  /// The PCRE2 library's version and date, e.g. `"10.42 2022-12-11"`
  /// (`pcre2_config(PCRE2_CONFIG_VERSION)`), for diagnostics such as `--version`.
  public static var libraryVersion: String {
    // With a NULL buffer, pcre2_config returns the buffer size needed, in code units,
    // including the terminating NUL.
    let needed = Int(pcre2_config_8(UInt32(PCRE2_CONFIG_VERSION), nil))
    guard needed > 1 else { return "unknown" }
    return String(unsafeUninitializedCapacity: needed) { buffer in
      let written = pcre2_config_8(UInt32(PCRE2_CONFIG_VERSION), buffer.baseAddress)
      return written > 0 ? Int(written) - 1 : 0
    }
  }
}
