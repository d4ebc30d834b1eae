// Packet time. Everything in the core runs on packet time (never wall time), so
// replaying a capture always gives the same output.
#pragma once
#include <cstdint>
#include <string>

namespace tcpflow {

struct Timestamp {
    int64_t sec = 0;
    uint32_t nsec = 0;  // 0..999'999'999; pcap microsecond files are scaled up

    bool operator<(const Timestamp& o) const { return sec < o.sec || (sec == o.sec && nsec < o.nsec); }
    bool operator==(const Timestamp& o) const { return sec == o.sec && nsec == o.nsec; }
    bool operator!=(const Timestamp& o) const { return !(*this == o); }
    bool operator<=(const Timestamp& o) const { return !(o < *this); }
    bool is_zero() const { return sec == 0 && nsec == 0; }
};

/// "2017-07-14T02:40:00.009999Z": UTC, microseconds, as tcpflow's report writes it.
std::string iso8601_usec(const Timestamp& t);
/// "2017-07-14T02:40:00Z": UTC, whole seconds (the %T naming code).
std::string iso8601_sec(int64_t sec);

}  // namespace tcpflow
