// The durability budget: bytes and report records may wait in memory for speed, but never
// longer than a bound in wall time (-S flush_interval), so a killed process loses at most that
// much. Each tick costs one coarse clock read and two list-head checks when nothing is due.
#include "app/recorder.h"
#include "host/scanner_host.h"
#include "output/dfxml_report.h"
#include "output/flow_file_writer.h"
#include "output/json_line_file.h"

namespace tcpflow {

void Recorder::tick_durability(int64_t now_ms) {
    const uint64_t now = static_cast<uint64_t>(now_ms);
    // Flow files first: a record must not name bytes that are not on disk yet.
    if (files_) files_->flush_aged(now);
    if (report_) report_->flush_aged(now);
    if (json_file_) json_file_->flush_aged(now);
    // Derived files (HTTP bodies) write through small stdio buffers: emptying them every half
    // bound keeps their bytes within the bound too, at one write per busy object.
    if (host_ && now - objects_flushed_ms_ >= cfg_.output.flush_interval_ms / 2) {
        host_->flush_objects();
        objects_flushed_ms_ = now;
    }
}

}  // namespace tcpflow
