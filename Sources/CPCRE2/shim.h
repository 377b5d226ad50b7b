// shim.h: the one header Swift imports for PCRE2.
//
// pcre2.h refuses to compile unless PCRE2_CODE_UNIT_WIDTH is defined first, and a
// SwiftPM system-library target has no cSettings, so the definition lives here.
// With width 8 the generic names (pcre2_compile, pcre2_code, ...) are token-pasting
// macros that Swift cannot import: Swift code calls the `_8` names instead.
#ifndef KWFILTER_CPCRE2_SHIM_H
#define KWFILTER_CPCRE2_SHIM_H

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#endif
