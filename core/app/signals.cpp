#include "app/signals.h"

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <fcntl.h>
#include <mutex>
#include <poll.h>
#include <pthread.h>
#include <thread>
#include <unistd.h>

#include "app/exit_status.h"
#include "capture/packet_source.h"
#include "util/monotonic_ms.h"

namespace tcpflow {

namespace {

int g_wake[2] = {-1, -1};  // the handler writes one byte per signal; the watchdog reads them
unsigned g_deadline_s = 5;
std::mutex g_handler_mu;   // held while the forced-stop handler is looked up and run
ForcedStopHandler g_handler = nullptr;
void* g_handler_ctx = nullptr;

extern "C" void on_stop_signal(int signo) {
    int saved = errno;
    request_capture_stop(signo);
    char b = 1;
    if (g_wake[1] >= 0) (void)!::write(g_wake[1], &b, 1);
    errno = saved;
}

// Blocks until one byte arrives, or `timeout_ms` passes (-1: forever). True: a byte.
bool wait_for_signal(int timeout_ms) {
    for (;;) {
        pollfd p{g_wake[0], POLLIN, 0};
        int rc = ::poll(&p, 1, timeout_ms);
        if (rc < 0 && errno == EINTR) continue;
        if (rc <= 0) return false;
        char b;
        return ::read(g_wake[0], &b, 1) == 1;
    }
}

// One stop often arrives twice within microseconds: `timeout` signals its child and then its
// whole process group, a terminal's Ctrl-C reaches every process of a pipeline and a
// supervisor may do the same. Only a signal this long after the first counts as a second one.
constexpr int64_t kSameStopMs = 200;

/// After the first signal: true when a second one arrives, false when the deadline passes.
bool wait_for_second_signal() {
    const int64_t first = monotonic_ms();
    for (;;) {
        const int64_t elapsed = monotonic_ms() - first;
        int timeout_ms = -1;
        if (g_deadline_s) {
            const int64_t left = static_cast<int64_t>(g_deadline_s) * 1000 - elapsed;
            if (left <= 0) return false;
            timeout_ms = static_cast<int>(left);
        }
        if (!wait_for_signal(timeout_ms)) return false;
        if (monotonic_ms() - first >= kSameStopMs) return true;
    }
}

void watchdog() {
    if (!wait_for_signal(-1)) return;
    // The first signal: the recorder drains and finishes; a second one or the deadline cuts it short.
    bool second = wait_for_second_signal();
    int signo = capture_stop_signal();
    std::lock_guard<std::mutex> lock(g_handler_mu);
    if (g_handler) g_handler(signo, second, g_handler_ctx);  // does not return
    fprintf(stderr, "tcpflow: %s: %s; stopped at once\n", stop_signal_name(signo),
            second ? "a second stop signal arrived" : "the shutdown took too long");
    _exit(kExitSignalBase + signo);
}

}  // namespace

const char* stop_signal_name(int signo) {
    switch (signo) {
        case SIGINT: return "SIGINT";
        case SIGTERM: return "SIGTERM";
        case SIGHUP: return "SIGHUP";
        default: return "signal";
    }
}

void set_forced_stop_handler(ForcedStopHandler handler, void* ctx) {
    std::lock_guard<std::mutex> lock(g_handler_mu);
    g_handler = handler;
    g_handler_ctx = ctx;
}

void install_stop_signals(unsigned deadline_s) {
    g_deadline_s = deadline_s;
    if (g_wake[0] < 0 && ::pipe2(g_wake, O_CLOEXEC | O_NONBLOCK) != 0) g_wake[0] = g_wake[1] = -1;
    struct sigaction sa {};
    sa.sa_handler = on_stop_signal;
    sigemptyset(&sa.sa_mask);
    // SA_RESTART: writes to stdout and waits for children are not cut short. Every
    // wait for input is a poll() with a timeout of at most 100 ms, which returns
    // anyway, so the stop is seen promptly.
    sa.sa_flags = SA_RESTART;
    sigaction(SIGINT, &sa, nullptr);
    sigaction(SIGTERM, &sa, nullptr);
    sigaction(SIGHUP, &sa, nullptr);
    // A reader of our console output going away must not kill the recording.
    signal(SIGPIPE, SIG_IGN);
    if (g_wake[0] < 0) return;  // no pipe: no watchdog, the stop is still clean
    // The watchdog blocks the stop signals, so they interrupt the main thread's waits.
    sigset_t stops, old;
    sigemptyset(&stops);
    sigaddset(&stops, SIGINT);
    sigaddset(&stops, SIGTERM);
    sigaddset(&stops, SIGHUP);
    pthread_sigmask(SIG_BLOCK, &stops, &old);
    try {
        std::thread(watchdog).detach();
    } catch (const std::system_error&) {
        // no thread: a stop is still clean, only not bounded in time
    }
    pthread_sigmask(SIG_SETMASK, &old, nullptr);
}

}  // namespace tcpflow
