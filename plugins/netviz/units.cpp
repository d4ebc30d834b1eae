#include "units.h"

#include <cinttypes>
#include <cstdio>
#include <ctime>

namespace tcpflow {
namespace netviz {

namespace {
constexpr int64_t kNsPerSec = 1000000000LL;

std::string printf_string(const char* fmt, double v) {
    char buf[64];
    snprintf(buf, sizeof buf, fmt, v);
    return buf;
}

// Seconds since the epoch split so that negative times floor correctly.
void split_ns(int64_t ns, int64_t& sec, int64_t& frac) {
    sec = ns / kNsPerSec;
    frac = ns % kNsPerSec;
    if (frac < 0) {
        frac += kNsPerSec;
        --sec;
    }
}
}  // namespace

std::string format_bytes(uint64_t bytes) {
    if (bytes < 1000) return std::to_string(bytes) + " B";
    static const char* const units[] = {"kB", "MB", "GB", "TB", "PB", "EB"};
    double v = static_cast<double>(bytes) / 1000.0;
    size_t u = 0;
    while (v >= 999.5 && u + 1 < sizeof units / sizeof *units) {
        v /= 1000.0;
        ++u;
    }
    const char* fmt = v < 9.995 ? "%.2f " : v < 99.95 ? "%.1f " : "%.0f ";
    return printf_string(fmt, v) + units[u];
}

std::string format_percent(uint64_t part, uint64_t whole) {
    if (whole == 0) return "0%";
    if (part >= whole) return "100%";
    const double p = 100.0 * static_cast<double>(part) / static_cast<double>(whole);
    if (part == 0) return "0%";
    // Never round a real share to 0% or to 100%: the reader takes those literally.
    if (p < 0.01) return "<0.01%";
    if (p > 99.9) return printf_string("%.2f%%", p > 99.99 ? 99.99 : p);
    return printf_string(p < 10 ? "%.2f%%" : "%.1f%%", p);
}

std::string format_utc(int64_t ns) {
    int64_t sec = 0, frac = 0;
    split_ns(ns, sec, frac);
    const time_t t = static_cast<time_t>(sec);
    struct tm tm {};
    if (!gmtime_r(&t, &tm)) return std::to_string(sec);
    char date[64];
    strftime(date, sizeof date, "%Y-%m-%d %H:%M:%S", &tm);
    char buf[96];
    snprintf(buf, sizeof buf, "%s.%06" PRId64 " UTC", date, frac / 1000);
    return buf;
}

std::string format_local_now() {
    const time_t now = time(nullptr);
    struct tm tm {};
    localtime_r(&now, &tm);
    char buf[64];
    strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S %z", &tm);
    return buf;
}

std::string format_duration(int64_t ns) {
    if (ns < 0) ns = -ns;
    if (ns < 1000000) return printf_string("%.0f \xc2\xb5s", static_cast<double>(ns) / 1e3);
    if (ns < kNsPerSec) return printf_string("%.3g ms", static_cast<double>(ns) / 1e6);
    if (ns < 60 * kNsPerSec) return printf_string("%.3g s", static_cast<double>(ns) / 1e9);
    const int64_t s = ns / kNsPerSec;
    auto two = [](int64_t a, const char* ua, int64_t b, const char* ub) {
        return std::to_string(a) + ua + (b ? " " + std::to_string(b) + ub : std::string());
    };
    if (s < 3600) return two(s / 60, " min", s % 60, " s");
    if (s < 86400) return two(s / 3600, " h", s % 3600 / 60, " min");
    return two(s / 86400, s / 86400 == 1 ? " day" : " days", s % 86400 / 3600, " h");
}

TimeUnit time_unit_for_span(int64_t span_ns) {
    if (span_ns < 2 * kNsPerSec) return {"ms", 1000000};
    if (span_ns < 2 * 60 * kNsPerSec) return {"s", kNsPerSec};
    if (span_ns < 2 * 3600 * kNsPerSec) return {"min", 60 * kNsPerSec};
    if (span_ns < 2 * 86400 * kNsPerSec) return {"h", 3600 * kNsPerSec};
    return {"days", 86400 * kNsPerSec};
}

std::string format_in_unit(int64_t ns, const TimeUnit& unit) {
    std::string s = printf_string("%.2f", static_cast<double>(ns) / static_cast<double>(unit.ns));
    while (!s.empty() && s.back() == '0') s.pop_back();
    if (!s.empty() && s.back() == '.') s.pop_back();
    return s == "-0" ? "0" : s;
}

uint64_t nice_step(uint64_t max_value, int ticks) {
    if (ticks < 1) ticks = 1;
    const uint64_t raw = max_value / static_cast<uint64_t>(ticks) + (max_value % static_cast<uint64_t>(ticks) != 0);
    uint64_t power = 1;
    for (;;) {
        for (uint64_t m : {1, 2, 5})
            if (m * power >= raw) return m * power;
        if (power > UINT64_MAX / 100) return power * 10;
        power *= 10;
    }
}

}  // namespace netviz
}  // namespace tcpflow
