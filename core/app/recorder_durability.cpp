// The durability budget: bytes and report records may wait in memory for speed, but never
// longer than a bound in wall time (-S flush_interval), so a killed process loses at most that
// much. Each tick costs one coarse clock read and two list-head checks when nothing is due.
// With -j N each worker thread ticks its own sinks (pipeline/dispatcher.cpp); the reading
// thread ticks the report, which every worker shares.
#include "app/recorder.h"
#include "output/dfxml_report.h"

namespace tcpflow {

void Recorder::tick_durability(int64_t now_ms) {
    const uint64_t now = static_cast<uint64_t>(now_ms);
    // Flow files first: a record must not name bytes that are not on disk yet.
    if (!dispatcher_ && !workers_.empty()) workers_[0]->tick(now, false);
    if (report_) report_->flush_aged(now);
}

}  // namespace tcpflow
