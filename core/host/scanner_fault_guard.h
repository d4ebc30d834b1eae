// A fatal signal (SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT) raised while a
// scanner callback runs prints one line naming the scanner, the event and the
// flow, then the process dies of that signal as it would have anyway.
//
// Why die rather than jump back into the host and go on: the scanner shares
// the core's memory and may have scribbled over it (continuing could write
// wrong bytes without a word), a fault inside malloc or stdio leaves their
// locks held (continuing could hang on the next allocation), and a longjmp
// past C++ frames skips their destructors. What dying costs is bounded by the
// durability guarantee: flow bytes and report records reach the disk within
// the durability bound, so the files and the report prefix on disk are what
// was recorded up to then. See doc/sdk.md "When a scanner crashes".
//
// Cost per callback: three pointer stores and three restores (ScannerCallScope),
// nothing per flow: the handler formats the flow's label itself, without libc,
// from the flow view the scanner was given (id, address texts, ports).
#pragma once
#include "tcpflow/sdk/scanner.h"

namespace tcpflow {

/// Installs the handlers, on an alternate signal stack (a scanner that
/// overflowed its stack is named too). Once per process; later calls do nothing.
void install_scanner_fault_handlers();
/// A -j worker thread that calls scanners: gives it its own alternate signal stack, so a
/// scanner overflowing its stack on that thread is still reported (sigaltstack is per thread).
void prepare_thread_for_scanners();

/// Marks a scanner callback as running for its lifetime; nests (a scanner's
/// object_create runs other scanners' object_open inside its own callback).
class ScannerCallScope {
public:
    ScannerCallScope(const char* scanner, const char* event, const tcpflow_flow* flow);
    ~ScannerCallScope();
    ScannerCallScope(const ScannerCallScope&) = delete;
    ScannerCallScope& operator=(const ScannerCallScope&) = delete;

private:
    const char* saved_scanner_;
    const char* saved_event_;
    const tcpflow_flow* saved_flow_;
};

/// The line the handler prints for `signo` during the given call, in `buf`
/// (NUL-terminated, cut to fit `size` >= 2); returns its length.
/// Async-signal-safe (no libc at all); separate for the unit test.
unsigned format_scanner_fault_line(char* buf, unsigned size, int signo, const char* scanner, const char* event,
                                   const tcpflow_flow* flow);

}  // namespace tcpflow
