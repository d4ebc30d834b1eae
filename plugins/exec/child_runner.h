// Runs user commands for the exec scanner without disturbing the capture:
// posix_spawn (no fork of the whole process, no atexit handlers in a child),
// stdin from /dev/null, every descriptor above 2 closed in the child, each
// child in its own process group so a timeout kills what it started too.
// At most max_children run at once in the whole process (every instance
// shares the slots, child_slots.h); a spawn waits for a free slot.
//
// A hung command never blocks tcpflow: a watchdog thread sends SIGTERM to a
// child's process group when its timeout expires and SIGKILL kGrace later,
// whether or not tcpflow is busy elsewhere. Once the run is stopping (the
// `stopping` callback says so), every waiting call terminates all children
// the same way (SIGTERM, SIGKILL after kGrace) and no new command starts.
// SIGKILL goes to the process group even when the shell at its head died of
// the SIGTERM: a command that ignores SIGTERM under it does not survive.
// Reaping (waitpid) stays on the caller's thread.
#pragma once
#include <sys/types.h>

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace tcpflow {
namespace exec {

struct ChildResult {
    std::string command;
    std::string path;
    std::string kind;         // "tcp_cmd" or "http_cmd"
    pid_t pid = -1;
    bool spawned = false;     // false: not started (error says why)
    bool skipped = false;     // not started because the run was stopping
    int exit_status = -1;     // when exited normally
    int signal = 0;           // when killed by a signal
    bool timed_out = false;   // terminated because exec_timeout expired
    bool stopped = false;     // terminated because the run was stopping
    std::string error;
};

class ChildRunner {
public:
    using Clock = std::chrono::steady_clock;
    /// How long a child has between SIGTERM and SIGKILL.
    static constexpr std::chrono::milliseconds kGrace{2000};

    /// timeout_seconds 0 = no limit. `stopping` (may be empty) says the run was asked to stop.
    ChildRunner(unsigned max_children, unsigned timeout_seconds, std::function<bool()> stopping = {});
    ~ChildRunner();
    ChildRunner(const ChildRunner&) = delete;
    ChildRunner& operator=(const ChildRunner&) = delete;

    /// Starts `/bin/sh -c 'COMMAND "$@"' sh PATH` with `env` added to the
    /// environment: the path is an argument, never part of the shell text.
    /// Returns false (and a result in finished()) when the spawn fails or the
    /// run is stopping.
    bool start(const std::string& kind, const std::string& command, const std::string& path,
               const std::vector<std::string>& env);
    /// Waits for the child started last (used when statuses go in flow records).
    ChildResult wait_last();
    /// Reaps children that ended, without blocking.
    void poll();
    /// Waits for every child (each still bounded by its timeout, or by kGrace once stopping).
    void wait_all();
    /// Results collected so far (and forgets them).
    std::vector<ChildResult> take_finished();
    size_t running() const;

private:
    struct Running {
        pid_t pid;
        Clock::time_point term_at;  // SIGTERM then (max(): never)
        Clock::time_point kill_at;  // SIGKILL then
        bool term_sent = false, kill_sent = false;
        ChildResult result;
    };
    /// A process group whose leader is gone but that is owed a SIGKILL.
    struct Orphans {
        pid_t pgid;
        Clock::time_point kill_at;
    };
    /// Sleeps a little, reaps, and once the run is stopping terminates every child.
    void wait_step();
    void terminate_all();
    void watch();
    void signal_due(Running& r, Clock::time_point now);
    bool stopping() const { return stopping_ && stopping_(); }

    unsigned max_children_;
    std::chrono::seconds timeout_;
    std::function<bool()> stopping_;
    bool terminated_all_ = false;
    pid_t last_pid_ = -1;
    std::vector<ChildResult> finished_;

    mutable std::mutex mu_;  // running_ and quit_: shared with the watchdog
    std::condition_variable wake_;
    std::vector<Running> running_;
    std::vector<Orphans> orphans_;
    bool quit_ = false;
    std::thread watchdog_;
};

}  // namespace exec
}  // namespace tcpflow
