// -h, -hh and -V texts.
#pragma once
#include <cstdio>

namespace tcpflow {

void print_usage(FILE* out);                 // the usage synopsis (after a usage error too)
void print_help(FILE* out, bool more);       // -h; -hh adds naming help and the core settings
void print_version(FILE* out);

}  // namespace tcpflow
