#include "app/progress_line.h"
#include <sys/ioctl.h>
#include <unistd.h>
#include "app/run_config.h"

namespace tcpflow {

namespace {

/// 1234567 -> "1.23M": the line stays short whatever the counts.
std::string short_count(uint64_t v) {
    char buf[32];
    if (v < 10000) snprintf(buf, sizeof buf, "%llu", static_cast<unsigned long long>(v));
    else if (v < 10000000) snprintf(buf, sizeof buf, "%.1fk", v / 1e3);
    else if (v < 10000000000ull) snprintf(buf, sizeof buf, "%.1fM", v / 1e6);
    else snprintf(buf, sizeof buf, "%.1fG", v / 1e9);
    return buf;
}

std::string duration(double sec) {
    char buf[32];
    const unsigned long long s = static_cast<unsigned long long>(sec + 0.5);
    if (s >= 3600) snprintf(buf, sizeof buf, "%lluh%02llum", s / 3600, s / 60 % 60);
    else snprintf(buf, sizeof buf, "%llum%02llus", s / 60, s % 60);
    return buf;
}

int terminal_width(FILE* f) {
    struct winsize ws;
    if (ioctl(fileno(f), TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0) return ws.ws_col;
    return 80;
}

}  // namespace

ProgressLine::ProgressLine(FILE* out, uint64_t total_bytes, bool live, int64_t now_ms)
    : out_(out), total_(total_bytes), live_(live), started_ms_(now_ms), drawn_ms_(now_ms) {}

std::string ProgressLine::text(int64_t now_ms, const ProgressSample& s) const {
    const double secs = (now_ms - started_ms_) / 1000.0;
    std::string line = "tcpflow: ";
    char buf[64];
    if (!live_ && total_ > 0) {
        const uint64_t done = s.bytes > total_ ? total_ : s.bytes;
        snprintf(buf, sizeof buf, "%5.1f%%  ", 100.0 * static_cast<double>(done) / static_cast<double>(total_));
        line += buf;
    }
    if (!live_ && secs > 0) {
        snprintf(buf, sizeof buf, "%.1f MB/s  ", s.bytes / 1e6 / secs);
        line += buf;
    }
    line += short_count(s.packets) + " packets  ";
    if (s.has_drops) line += short_count(s.drops) + " dropped  ";
    line += short_count(s.open_flows) + " open, " + short_count(s.closed_flows) + " closed flows";
    if (!live_ && total_ > 0 && secs >= 1 && s.bytes > 0 && s.bytes < total_) {
        const double left = static_cast<double>(total_ - s.bytes) * secs / static_cast<double>(s.bytes);
        line += "  " + duration(left) + " left";
    }
    return line;
}

void ProgressLine::draw(int64_t now_ms, const ProgressSample& s) {
    drawn_ms_ = now_ms;
    std::string line = text(now_ms, s);
    // A line as wide as the terminal would wrap, and '\r' would then redraw only its tail.
    const size_t width = static_cast<size_t>(terminal_width(out_));
    if (line.size() >= width) line.resize(width > 1 ? width - 1 : 0);
    fprintf(out_, "\r%s\033[K", line.c_str());
    fflush(out_);
    shown_ = true;
}

void ProgressLine::clear() {
    if (!shown_) return;
    shown_ = false;
    fputs("\r\033[K", out_);
    fflush(out_);
}

bool progress_wanted(int setting, bool quiet, bool console_to_stdout) {
    switch (static_cast<RunConfig::Progress>(setting)) {
        case RunConfig::Progress::On: return true;
        case RunConfig::Progress::Off: return false;
        case RunConfig::Progress::Auto: break;
    }
    if (quiet || !isatty(STDERR_FILENO)) return false;
    // -c/-C printing to the same terminal would be torn apart by the redraws.
    return !(console_to_stdout && isatty(STDOUT_FILENO));
}

}  // namespace tcpflow
