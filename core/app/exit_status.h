// The process exit statuses, one place for main(), the recorder and the man
// page's EXIT STATUS section. When several apply, the first listed in
// Recorder::exit_status() wins.
#pragma once

namespace tcpflow {

constexpr int kExitOk = 0;            // every input read to its end (or live capture stopped by a signal)
constexpr int kExitIoError = 1;       // an input or output error, reported; what was read is written
constexpr int kExitUsage = 2;         // command line, setting or configuration error: nothing was created
constexpr int kExitScannerError = 3;  // a scanner failed during the run (error status, exception) and was disabled;
                                      // a failed init is kExitUsage (it runs before any output exists)
/// File or pipe input stopped by SIGINT/SIGTERM/SIGHUP before its end: 128 + the signal number
/// (130, 143, 129), as a shell reports a command killed by that signal. A forced stop (a second
/// signal or -S shutdown_timeout, app/signals.h) also exits 128 + the first signal, any input.
constexpr int kExitSignalBase = 128;

}  // namespace tcpflow
