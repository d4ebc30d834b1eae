// Milliseconds of the monotonic clock, for wall-time bounds (the durability tick, input
// waits, the shutdown deadline). Never packet time: see util/timestamp.h for that.
#pragma once
#include <cstdint>
#include <ctime>

namespace tcpflow {

inline int64_t monotonic_ms() {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return int64_t(t.tv_sec) * 1000 + t.tv_nsec / 1000000;
}

/// The coarse clock (a few ms resolution, no system call): enough for bounds counted in
/// tenths of seconds, cheap enough to read in the packet loop.
inline int64_t coarse_monotonic_ms() {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC_COARSE, &t);
    return int64_t(t.tv_sec) * 1000 + t.tv_nsec / 1000000;
}

}  // namespace tcpflow
