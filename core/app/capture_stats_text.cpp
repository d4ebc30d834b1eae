#include "app/capture_stats_text.h"

namespace tcpflow {

namespace {

void line(FILE* out, uint64_t n, const char* what) {
    fprintf(out, "%llu packet%s %s\n", static_cast<unsigned long long>(n), n == 1 ? "" : "s", what);
}

}  // namespace

void print_capture_stats(FILE* out, const CaptureStats& s) {
    line(out, s.captured, "captured");
    line(out, s.received_by_filter, "received by filter");
    line(out, s.dropped_by_kernel, "dropped by kernel");
    if (s.dropped_by_interface) line(out, s.dropped_by_interface, "dropped by interface");
}

std::vector<NamedCount> capture_stat_counts(const CaptureStats& s) {
    return {
        {"captured", s.captured},
        {"received_by_filter", s.received_by_filter},
        {"dropped_by_kernel", s.dropped_by_kernel},
        {"dropped_by_interface", s.dropped_by_interface},
    };
}

}  // namespace tcpflow
