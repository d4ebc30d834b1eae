// Numbers, times and durations as the report prints them.
#ifndef TCPFLOW_NETVIZ_UNITS_H
#define TCPFLOW_NETVIZ_UNITS_H

#include <cstdint>
#include <string>

namespace tcpflow {
namespace netviz {

/// "512 B", "14.7 kB", "1.23 MB" (SI units, three significant digits).
std::string format_bytes(uint64_t bytes);
/// "91.2%", "0.04%", "100%".
std::string format_percent(uint64_t part, uint64_t whole);
/// "2013-05-15 14:21:07.123456 UTC" for ns since the epoch.
std::string format_utc(int64_t ns);
/// Wall-clock time now, local, with its zone: "2026-01-02 10:11:12 +0100".
std::string format_local_now();
/// A span such as "2.35 s", "3 min 12 s", "5 h 2 min", "12 days 3 h".
std::string format_duration(int64_t ns);

/// A unit for a time axis spanning `span_ns`: its name ("ms", "s", "min", "h",
/// "days") and its length in ns.
struct TimeUnit {
    const char* name;
    int64_t ns;
};
TimeUnit time_unit_for_span(int64_t span_ns);
/// `ns` in `unit` with at most two decimals, trailing zeros dropped: "1.5", "20".
std::string format_in_unit(int64_t ns, const TimeUnit& unit);

/// A "nice" step (1, 2 or 5 times a power of ten) such that about `ticks`
/// steps cover `max_value`.
uint64_t nice_step(uint64_t max_value, int ticks);

}  // namespace netviz
}  // namespace tcpflow

#endif
