#include "app/signals.h"
#include <csignal>
#include "capture/packet_source.h"

namespace tcpflow {

namespace {
extern "C" void on_stop_signal(int) { request_capture_stop(); }
}  // namespace

void install_stop_signals() {
    struct sigaction sa {};
    sa.sa_handler = on_stop_signal;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = 0;  // no SA_RESTART: a blocking read returns so the loop can stop
    sigaction(SIGINT, &sa, nullptr);
    sigaction(SIGTERM, &sa, nullptr);
    sigaction(SIGHUP, &sa, nullptr);
    // A reader of our console output going away must not kill the recording.
    signal(SIGPIPE, SIG_IGN);
}

}  // namespace tcpflow
