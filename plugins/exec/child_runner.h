// Runs user commands for the exec scanner without disturbing the capture:
// posix_spawn (no fork of the whole process, no atexit handlers in a child),
// stdin from /dev/null, every descriptor above 2 closed in the child, each
// child in its own process group so a timeout kills what it started too.
// At most max_children run at once; a spawn waits for a free slot.
#pragma once
#include <sys/types.h>

#include <chrono>
#include <string>
#include <vector>

namespace tcpflow {
namespace exec {

struct ChildResult {
    std::string command;
    std::string path;
    std::string kind;         // "tcp_cmd" or "http_cmd"
    pid_t pid = -1;
    bool spawned = false;     // false: posix_spawn failed (error says why)
    int exit_status = -1;     // when exited normally
    int signal = 0;           // when killed by a signal
    bool timed_out = false;   // killed because exec_timeout expired
    std::string error;
};

class ChildRunner {
public:
    /// timeout_seconds 0 = no limit.
    ChildRunner(unsigned max_children, unsigned timeout_seconds);
    ~ChildRunner();
    ChildRunner(const ChildRunner&) = delete;
    ChildRunner& operator=(const ChildRunner&) = delete;

    /// Starts `/bin/sh -c 'COMMAND "$@"' sh PATH` with `env` added to the
    /// environment: the path is an argument, never part of the shell text.
    /// Returns false (and a result in finished()) when the spawn fails.
    bool start(const std::string& kind, const std::string& command, const std::string& path,
               const std::vector<std::string>& env);
    /// Waits for the child started last (used when statuses go in flow records).
    ChildResult wait_last();
    /// Reaps children that ended and kills those past their time, without blocking.
    void poll();
    /// Waits for every child (still enforcing the timeout).
    void wait_all();
    /// Results collected so far (and forgets them).
    std::vector<ChildResult> take_finished();
    size_t running() const { return running_.size(); }

private:
    struct Running {
        pid_t pid;
        std::chrono::steady_clock::time_point started;
        ChildResult result;
    };
    bool reap(Running& r, bool block);
    void kill_if_expired(Running& r);
    void wait_for_slot();

    unsigned max_children_;
    std::chrono::seconds timeout_;
    std::vector<Running> running_;
    std::vector<ChildResult> finished_;
    pid_t last_pid_ = -1;
};

}  // namespace exec
}  // namespace tcpflow
