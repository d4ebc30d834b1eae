#include "util/timestamp.h"
#include <ctime>
#include <cstdio>

namespace tcpflow {

static void utc_fields(int64_t sec, struct tm& tm) {
    time_t t = static_cast<time_t>(sec);
    gmtime_r(&t, &tm);
}

std::string iso8601_usec(const Timestamp& t) {
    struct tm tm{};
    utc_fields(t.sec, tm);
    char buf[64];
    snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%06uZ", tm.tm_year + 1900, tm.tm_mon + 1,
             tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, t.nsec / 1000);
    return buf;
}

std::string iso8601_sec(int64_t sec) {
    struct tm tm{};
    utc_fields(sec, tm);
    char buf[64];
    snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02dZ", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
             tm.tm_hour, tm.tm_min, tm.tm_sec);
    return buf;
}

}  // namespace tcpflow
