// CLibFuzzer.c: empty. SwiftPM wants a source file in every C target; the declaration in
// include/CLibFuzzer.h is all this target provides (libFuzzer's runtime defines the function).
#include "CLibFuzzer.h"
