// SIGINT/SIGTERM/SIGHUP stop the capture cleanly: the handler only records the
// request (capture_stop_requested(), capture_stop_signal()); every source drains
// what it has already received, every flow is closed and written, and the report
// is finished.
//
// A watchdog thread bounds that shutdown: a second stop signal, or the
// shutdown deadline passing, calls the forced-stop handler, which closes the
// report (forced='1') and ends the process at once. The watchdog waits on a
// self-pipe the signal handler writes to, so the handler stays async-signal-safe.
#pragma once

namespace tcpflow {

/// Installs the handlers and starts the watchdog. `deadline_s`: seconds from the first
/// signal until the shutdown is forced; 0: only a second signal forces it.
void install_stop_signals(unsigned deadline_s);

/// Called on the watchdog thread to force the stop; it must end the process (_exit).
/// `signo` is the first stop signal; `second_signal` false means the deadline passed.
using ForcedStopHandler = void (*)(int signo, bool second_signal, void* ctx);
/// Registers (or, with nullptr, clears) the handler. Clearing waits for a handler that is
/// running, so `ctx` can be destroyed afterwards. Without a handler a forced stop only
/// prints its line and exits with 128 + signo.
void set_forced_stop_handler(ForcedStopHandler handler, void* ctx);

/// "SIGINT", "SIGTERM", "SIGHUP", or "signal N".
const char* stop_signal_name(int signo);

}  // namespace tcpflow
