#include "host/scanner_fault_guard.h"

#include <signal.h>
#include <unistd.h>

#include <cstdint>

namespace tcpflow {

namespace {

// The one piece of per-thread state: a signal handler can reach nothing else.
// A fault is delivered to the thread that caused it, so each thread that calls
// scanners (-j workers) has its own record of the call it is making.
struct CurrentCall {
    const char* volatile scanner = nullptr;
    const char* volatile event = nullptr;
    const tcpflow_flow* volatile flow = nullptr;
};
thread_local CurrentCall g_call;

constexpr int kFatalSignals[] = {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT};
alignas(16) char g_alt_stack[64 * 1024];
volatile sig_atomic_t g_installed = 0;

const char* signal_name(int signo) {
    switch (signo) {
    case SIGSEGV: return "SIGSEGV";
    case SIGBUS: return "SIGBUS";
    case SIGFPE: return "SIGFPE";
    case SIGILL: return "SIGILL";
    case SIGABRT: return "SIGABRT";
    }
    return "a fatal signal";
}

// strlcat without the libc: async-signal-safe.
void append(char* buf, unsigned size, unsigned& len, const char* s) {
    while (s && *s && len + 1 < size) buf[len++] = *s++;
    buf[len] = '\0';
}

void append_number(char* buf, unsigned size, unsigned& len, uint64_t n) {
    char digits[21];
    int i = 0;
    do {
        digits[i++] = static_cast<char>('0' + n % 10);
        n /= 10;
    } while (n > 0);
    char text[21];
    for (int k = 0; k < i; ++k) text[k] = digits[i - 1 - k];
    text[i] = '\0';
    append(buf, size, len, text);
}

extern "C" void on_fatal_signal(int signo) {
    const char* scanner = g_call.scanner;
    if (scanner) {
        char line[1024];
        const unsigned len = format_scanner_fault_line(line, sizeof line, signo, scanner, g_call.event, g_call.flow);
        ssize_t ignored = ::write(STDERR_FILENO, line, len);
        (void)ignored;
    }
    // SA_RESETHAND put the default action back: die of the same signal (a
    // core dump where enabled, 128+signo for the shell).
    ::raise(signo);
}

}  // namespace

unsigned format_scanner_fault_line(char* buf, unsigned size, int signo, const char* scanner, const char* event,
                                   const tcpflow_flow* flow) {
    unsigned len = 0;
    buf[0] = '\0';
    append(buf, size, len, "tcpflow: scanner '");
    append(buf, size, len, scanner);
    append(buf, size, len, "' crashed (");
    append(buf, size, len, signal_name(signo));
    append(buf, size, len, ") in ");
    append(buf, size, len, event ? event : "?");
    append(buf, size, len, ", ");
    if (flow) {
        append(buf, size, len, "flow ");
        append_number(buf, size, len, flow->flow_id);
        append(buf, size, len, " ");
        append(buf, size, len, flow->src_text);
        append(buf, size, len, ":");
        append_number(buf, size, len, flow->sport);
        append(buf, size, len, " -> ");
        append(buf, size, len, flow->dst_text);
        append(buf, size, len, ":");
        append_number(buf, size, len, flow->dport);
    } else {
        append(buf, size, len, "no flow");
    }
    append(buf, size, len, "; tcpflow stops, exit status ");
    append_number(buf, size, len, static_cast<uint64_t>(128 + signo));
    if (len + 2 > size) len = size - 2;
    buf[len++] = '\n';
    buf[len] = '\0';
    return len;
}

ScannerCallScope::ScannerCallScope(const char* scanner, const char* event, const tcpflow_flow* flow)
    : saved_scanner_(g_call.scanner), saved_event_(g_call.event), saved_flow_(g_call.flow) {
    g_call.event = event;
    g_call.flow = flow;
    g_call.scanner = scanner;  // last: the handler tests it first
}

ScannerCallScope::~ScannerCallScope() {
    g_call.scanner = saved_scanner_;
    g_call.event = saved_event_;
    g_call.flow = saved_flow_;
}

namespace {
// Puts back the alternate stack the thread had before ours when it ends: a sanitizer runtime
// (ASan) gives each thread its own and unmaps "the current one" at thread exit, which must
// not be our thread_local buffer.
struct AltStackRestore {
    stack_t previous{};
    bool saved = false;
    ~AltStackRestore() {
        if (saved) sigaltstack(&previous, nullptr);
    }
};
}  // namespace

void prepare_thread_for_scanners() {
    alignas(16) thread_local char stack[64 * 1024];
    thread_local AltStackRestore restore;
    stack_t ss{};
    ss.ss_sp = stack;
    ss.ss_size = sizeof stack;
    restore.saved = sigaltstack(&ss, &restore.previous) == 0;
}

void install_scanner_fault_handlers() {
    if (g_installed) return;
    g_installed = 1;
    stack_t ss{};
    ss.ss_sp = g_alt_stack;
    ss.ss_size = sizeof g_alt_stack;
    const bool alt = sigaltstack(&ss, nullptr) == 0;
    struct sigaction sa {};
    sa.sa_handler = on_fatal_signal;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_RESETHAND | (alt ? SA_ONSTACK : 0);
    for (int s : kFatalSignals) sigaction(s, &sa, nullptr);
}

}  // namespace tcpflow
