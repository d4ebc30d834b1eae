// The status line on stderr while tcpflow reads (-S progress=auto|on|off): for files, the
// share of the input bytes read, MB/s, packets, open and closed flows, and the time left;
// for live capture, packets, kernel drops and flows. Drawn in place with '\r' at most 4
// times a second and erased at the end and before any line the recorder prints, so
// messages are never glued to it. The caller decides whether it is shown (progress_wanted).
#pragma once
#include <cstdint>
#include <cstdio>
#include <string>

namespace tcpflow {

struct ProgressSample {
    uint64_t bytes = 0;         // input bytes read so far, all inputs together
    uint64_t packets = 0;
    uint64_t open_flows = 0;
    uint64_t closed_flows = 0;
    bool has_drops = false;     // live capture: the kernel's drop count is known
    uint64_t drops = 0;
};

class ProgressLine {
public:
    static constexpr int64_t kRedrawMs = 250;

    /// `total_bytes`: the inputs' sizes added up; 0 when unknown (a pipe, gzip): then no share
    /// and no time left are shown. `now_ms`: the start (the first draw comes kRedrawMs later,
    /// so a run shorter than that never shows the line).
    ProgressLine(FILE* out, uint64_t total_bytes, bool live, int64_t now_ms);
    ~ProgressLine() { clear(); }

    /// Whether a redraw is due: one comparison, for the reader loop.
    bool due(int64_t now_ms) const { return now_ms - drawn_ms_ >= kRedrawMs; }
    void draw(int64_t now_ms, const ProgressSample& s);
    /// Erases the line if it is shown (the next draw puts it back).
    void clear();

    /// The text of the line (no '\r', not cut to the terminal's width).
    std::string text(int64_t now_ms, const ProgressSample& s) const;

private:
    FILE* out_;
    uint64_t total_;
    bool live_;
    int64_t started_ms_;
    int64_t drawn_ms_;
    bool shown_ = false;
};

/// -S progress: on, off, or auto (stderr is a terminal, no -q, and console output does not
/// go to that terminal too).
bool progress_wanted(int setting /* RunConfig::Progress */, bool quiet, bool console_to_stdout);

}  // namespace tcpflow
