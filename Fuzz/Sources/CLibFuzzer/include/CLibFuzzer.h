// CLibFuzzer.h: the libFuzzer entry point that Swift calls from a normal main.swift.
//
// libFuzzer's runtime (linked by -sanitize=fuzzer) defines LLVMFuzzerRunDriver: it parses the
// usual libFuzzer flags from argc/argv and calls `callback` once per input. See
// https://llvm.org/docs/LibFuzzer.html#using-libfuzzer-as-a-library
#ifndef KWFILTER_CLIBFUZZER_H
#define KWFILTER_CLIBFUZZER_H

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerRunDriver(int *argc, char ***argv,
                        int (*callback)(const uint8_t *data, size_t size));

#endif
