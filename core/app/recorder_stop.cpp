// Stopping by signal: what the recorder records when SIGINT/SIGTERM/SIGHUP cut
// an input short, the line on stderr that says so, and the forced stop that a
// second signal or the shutdown deadline (app/signals.h) triggers.
#include <cstdio>
#include <unistd.h>

#include "app/exit_status.h"
#include "app/recorder.h"
#include "app/signals.h"

namespace tcpflow {

void Recorder::note_stop(const PacketSource& src, bool live) {
    if (!capture_stop_requested() || has_interruption_) return;
    // A file read to its end before the signal was seen is not interrupted.
    if (!live && !src.stopped_early()) return;
    const int signo = capture_stop_signal();
    has_interruption_ = true;
    interruption_.signal = stop_signal_name(signo);
    interruption_.packets_read = counters_.read;
    interruption_.input = src.describe();
    interruption_.input_offset = src.offset();
    // Live capture exists to be stopped by a signal: that is its normal end.
    if (!live) stop_signal_ = signo;
}

void Recorder::note_stop_before(const std::string& next) {
    if (has_interruption_) return;
    const int signo = capture_stop_signal();
    has_interruption_ = true;
    interruption_.signal = stop_signal_name(signo);
    interruption_.packets_read = counters_.read;
    interruption_.input = next == "-" ? "stdin" : next;
    interruption_.input_offset = 0;
    stop_signal_ = signo;
}

void Recorder::publish_progress(const PacketSource& src, int input_index) {
    progress_packets_.store(counters_.read, std::memory_order_relaxed);
    progress_offset_.store(src.offset(), std::memory_order_relaxed);
    progress_input_.store(input_index, std::memory_order_relaxed);
}

void Recorder::announce_stop() const {
    if (!has_interruption_) return;
    const Interruption& i = interruption_;
    if (stop_signal_)
        fprintf(stderr, "tcpflow: %s: stopped reading %s at byte %llu after %llu packets; flows written, report closed\n",
                i.signal.c_str(), i.input.c_str(), static_cast<unsigned long long>(i.input_offset),
                static_cast<unsigned long long>(i.packets_read));
    else
        fprintf(stderr, "tcpflow: %s: stopped capturing on %s after %llu packets; flows written, report closed\n",
                i.signal.c_str(), i.input.c_str(), static_cast<unsigned long long>(i.packets_read));
}

// On the watchdog thread, while the main thread may still be writing flows: only the
// report (under its own lock) and the atomics are touched; the process then ends.
void Recorder::forced_stop(int signo, bool second_signal, void* self) {
    Recorder& r = *static_cast<Recorder*>(self);
    Interruption i;
    i.signal = stop_signal_name(signo);
    i.forced = true;
    i.packets_read = r.progress_packets_.load(std::memory_order_relaxed);
    int input = r.progress_input_.load(std::memory_order_relaxed);
    if (input == -1) i.input = r.live_name_;
    else if (input >= 0) i.input = r.opt_.inputs[size_t(input)].path == "-" ? "stdin" : r.opt_.inputs[size_t(input)].path;
    i.input_offset = r.progress_offset_.load(std::memory_order_relaxed);
    bool closed = r.report_ && r.report_->finish_forced(i, 1000);
    fprintf(stderr, "tcpflow: %s: %s; stopped at once after %llu packets, flows may be incomplete%s\n",
            i.signal.c_str(), second_signal ? "a second stop signal arrived" : "the shutdown took too long",
            static_cast<unsigned long long>(i.packets_read),
            !r.report_ ? "" : closed ? ", report closed (forced)" : ", report NOT closed (busy)");
    _exit(kExitSignalBase + signo);
}

}  // namespace tcpflow
