// The recorder's side of the status line (app/progress_line.h): whether it is shown, the
// inputs' total size, and one sample per redraw taken from counters the loop keeps anyway.
#include <sys/stat.h>
#include <cstdio>
#include "app/progress_line.h"
#include "app/recorder.h"
#include "pipeline/worker.h"
#include "util/monotonic_ms.h"

namespace tcpflow {

namespace {

/// The size of a plain capture file; 0 for stdin, a pipe or a gzip file (whose read offset
/// counts uncompressed bytes, so no share of the file can be told).
uint64_t plain_file_size(const std::string& path) {
    struct stat st;
    if (path == "-" || ::stat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return 0;
    unsigned char magic[2] = {};
    if (FILE* f = fopen(path.c_str(), "rb")) {
        const size_t n = fread(magic, 1, 2, f);
        fclose(f);
        if (n == 2 && magic[0] == 0x1f && magic[1] == 0x8b) return 0;
    }
    return static_cast<uint64_t>(st.st_size);
}

}  // namespace

void Recorder::start_progress() {
    if (!progress_wanted(static_cast<int>(cfg_.progress), opt_.quiet, opt_.console.enabled)) return;
    uint64_t total = 0;
    for (const InputSpec& in : opt_.inputs) {
        const uint64_t size = plain_file_size(in.path);
        if (size == 0) {  // one input of unknown size: no share and no time left at all
            total = 0;
            break;
        }
        total += size;
    }
    progress_ = std::make_unique<ProgressLine>(stderr, total, opt_.live && opt_.inputs.empty(), coarse_monotonic_ms());
}

void Recorder::draw_progress(int64_t now_ms, const PacketSource& src) {
    ProgressSample s;
    s.bytes = input_base_bytes_ + src.offset();
    s.packets = counters_.read;
    uint64_t open = 0, created = 0;
    for (const auto& w : workers_) {
        if (!dispatcher_) w->publish_counts();  // -j 1: the worker runs on this thread
        open += w->open_flows_published();
        created += w->flows_created_published();
    }
    s.open_flows = open;
    s.closed_flows = created >= open ? created - open : 0;
    CaptureStats cs;
    if (src.can_idle() && src.capture_stats(cs)) {  // live: one pcap_stats() call per redraw
        s.has_drops = true;
        s.drops = cs.dropped_by_kernel + cs.dropped_by_interface;
    }
    progress_->draw(now_ms, s);
}

void Recorder::clear_progress() {
    if (progress_) progress_->clear();
}

void Recorder::input_done(const std::string& path) { input_base_bytes_ += plain_file_size(path); }

}  // namespace tcpflow
