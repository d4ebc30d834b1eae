// A live capture's kernel counters, said where users look: on stderr in
// tcpdump's words (so a drop is never silent) and in the report's <capture_stats>.
#pragma once
#include <cstdio>
#include <vector>
#include "capture/packet_source.h"
#include "output/dfxml_report.h"

namespace tcpflow {

/// "N packets captured", "N packets received by filter", "N packets dropped by
/// kernel" and, when any, "N packets dropped by interface", one per line.
void print_capture_stats(FILE* out, const CaptureStats& s);

/// The same counts for RunSummary::capture_stats.
std::vector<NamedCount> capture_stat_counts(const CaptureStats& s);

}  // namespace tcpflow
