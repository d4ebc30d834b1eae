// The stop request that SIGINT/SIGTERM/SIGHUP make and every packet source
// honours (by draining what it has already received, then ending).
#include <csignal>

#include "capture/packet_source.h"

namespace tcpflow {
namespace {

// The one piece of global mutable state allowed: signal handlers may only
// touch a volatile sig_atomic_t.
volatile std::sig_atomic_t g_stop_requested = 0;
volatile std::sig_atomic_t g_stop_signal = 0;

}  // namespace

void request_capture_stop(int signo) {
    if (!g_stop_requested) g_stop_signal = signo;
    g_stop_requested = 1;
}
bool capture_stop_requested() { return g_stop_requested != 0; }
int capture_stop_signal() { return g_stop_signal; }
void reset_capture_stop() {
    g_stop_requested = 0;
    g_stop_signal = 0;
}

}  // namespace tcpflow
