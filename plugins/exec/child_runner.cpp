#include "child_runner.h"

#include "child_slots.h"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <iterator>
#include <cstring>
#include <thread>

extern char** environ;

namespace tcpflow {
namespace exec {

namespace {

constexpr auto kPollInterval = std::chrono::milliseconds(5);

std::vector<char*> environment_with(const std::vector<std::string>& extra) {
    std::vector<char*> env;
    for (char** e = environ; e && *e; ++e) {
        bool replaced = false;
        for (const auto& x : extra) {
            size_t eq = x.find('=');
            if (std::strncmp(*e, x.c_str(), eq + 1) == 0) replaced = true;
        }
        if (!replaced) env.push_back(*e);
    }
    for (const auto& x : extra) env.push_back(const_cast<char*>(x.c_str()));
    env.push_back(nullptr);
    return env;
}

// RAII for the posix_spawn attribute objects.
struct SpawnSetup {
    posix_spawn_file_actions_t actions;
    posix_spawnattr_t attr;
    SpawnSetup() {
        posix_spawn_file_actions_init(&actions);
        posix_spawnattr_init(&attr);
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
        posix_spawn_file_actions_addclosefrom_np(&actions, 3);
        sigset_t none, defaults;
        sigemptyset(&none);
        sigemptyset(&defaults);
        for (int s : {SIGPIPE, SIGINT, SIGTERM, SIGHUP, SIGCHLD}) sigaddset(&defaults, s);
        posix_spawnattr_setsigmask(&attr, &none);
        posix_spawnattr_setsigdefault(&attr, &defaults);
        posix_spawnattr_setpgroup(&attr, 0);
        posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
    }
    ~SpawnSetup() {
        posix_spawn_file_actions_destroy(&actions);
        posix_spawnattr_destroy(&attr);
    }
};

/// Collects a child that ended (non-blocking); fills its status. False: still running.
template <class R>
bool reap(R& r) {
    int status = 0;
    pid_t got;
    do {
        got = waitpid(r.pid, &status, WNOHANG);
    } while (got < 0 && errno == EINTR);
    if (got == 0) return false;
    if (got < 0) {
        r.result.error = std::strerror(errno);  // someone else reaped it
    } else if (WIFEXITED(status)) {
        r.result.exit_status = WEXITSTATUS(status);
    } else if (WIFSIGNALED(status)) {
        r.result.signal = WTERMSIG(status);
    }
    return true;
}

}  // namespace

ChildRunner::ChildRunner(unsigned max_children, unsigned timeout_seconds, std::function<bool()> stopping)
    : max_children_(max_children ? max_children : 1), timeout_(timeout_seconds), stopping_(std::move(stopping)) {}

ChildRunner::~ChildRunner() {
    wait_all();
    // Groups that got SIGTERM get their SIGKILL before tcpflow goes (at most kGrace).
    for (;;) {
        {
            std::lock_guard<std::mutex> lock(mu_);
            if (orphans_.empty()) break;
        }
        std::this_thread::sleep_for(kPollInterval);
    }
    {
        std::lock_guard<std::mutex> lock(mu_);
        quit_ = true;
    }
    wake_.notify_all();
    if (watchdog_.joinable()) watchdog_.join();
}

size_t ChildRunner::running() const {
    std::lock_guard<std::mutex> lock(mu_);
    return running_.size();
}

bool ChildRunner::start(const std::string& kind, const std::string& command, const std::string& path,
                        const std::vector<std::string>& env) {
    ChildResult result;
    result.kind = kind;
    result.command = command;
    result.path = path;
    // "$@" makes the path sh's first positional argument: quotes, spaces,
    // ';' or $(...) in a file name are never parsed as shell text.
    const std::string script = command + " \"$@\"";
    const char* argv[] = {"/bin/sh", "-c", script.c_str(), "sh", path.c_str(), nullptr};
    std::vector<char*> envp = environment_with(env);
    SpawnSetup setup;
    pid_t pid = -1;
    int rc = 0;
    auto spawn = [&] {
        rc = posix_spawn(&pid, "/bin/sh", &setup.actions, &setup.attr, const_cast<char* const*>(argv), envp.data());
        return rc == 0 ? pid : pid_t(-1);
    };
    // The slots are shared by every instance (child_slots.h): wait, reaping
    // this instance's children, until one is free.
    for (;;) {
        if (stopping()) {
            // tcpflow is shutting down: a new command would only delay it.
            result.skipped = true;
            result.error = "not started: tcpflow was stopping";
            finished_.push_back(result);
            last_pid_ = -1;
            return false;
        }
        poll();
        if (child_slots::start_if_free(max_children_, spawn)) break;
        wait_step();
    }
    if (rc != 0) {
        result.error = std::strerror(rc);
        finished_.push_back(result);
        last_pid_ = -1;
        return false;
    }
    // The exec scanner is on by default: no thread until a command runs.
    if (!watchdog_.joinable()) watchdog_ = std::thread([this] { watch(); });
    result.spawned = true;
    result.pid = pid;
    const Clock::time_point now = Clock::now();
    Running r{pid, timeout_.count() ? now + timeout_ : Clock::time_point::max(), Clock::time_point::max(), false,
              false, result};
    if (r.term_at != Clock::time_point::max()) r.kill_at = r.term_at + kGrace;
    {
        std::lock_guard<std::mutex> lock(mu_);
        running_.push_back(r);
    }
    wake_.notify_all();  // a new deadline for the watchdog
    last_pid_ = pid;
    return true;
}

// The watchdog: sleeps until the next deadline, signals whoever is due.
void ChildRunner::watch() {
    std::unique_lock<std::mutex> lock(mu_);
    while (!quit_) {
        const Clock::time_point now = Clock::now();
        Clock::time_point next = Clock::time_point::max();
        for (Running& r : running_) {
            signal_due(r, now);
            if (!r.term_sent) next = std::min(next, r.term_at);
            else if (!r.kill_sent) next = std::min(next, r.kill_at);
        }
        for (size_t i = 0; i < orphans_.size();) {
            if (now >= orphans_[i].kill_at) {
                kill(-orphans_[i].pgid, SIGKILL);
                orphans_.erase(orphans_.begin() + static_cast<long>(i));
            } else {
                next = std::min(next, orphans_[i++].kill_at);
            }
        }
        if (next == Clock::time_point::max()) wake_.wait(lock);
        else wake_.wait_until(lock, next);
    }
}

// Under mu_. The pid is still ours: it leaves running_ only when reaped.
void ChildRunner::signal_due(Running& r, Clock::time_point now) {
    if (!r.term_sent && now >= r.term_at) {
        r.term_sent = true;
        if (!r.result.stopped) r.result.timed_out = true;
        kill(-r.pid, SIGTERM);  // the whole process group: sh and what it started
        kill(r.pid, SIGTERM);
    }
    if (r.term_sent && !r.kill_sent && now >= r.kill_at) {
        r.kill_sent = true;
        kill(-r.pid, SIGKILL);
        kill(r.pid, SIGKILL);
    }
}

void ChildRunner::terminate_all() {
    if (terminated_all_) return;
    terminated_all_ = true;
    {
        std::lock_guard<std::mutex> lock(mu_);
        const Clock::time_point now = Clock::now();
        for (Running& r : running_) {
            if (r.term_sent) continue;
            r.result.stopped = true;
            r.term_at = now;
            r.kill_at = now + kGrace;
        }
    }
    wake_.notify_all();
}

void ChildRunner::poll() {
    std::unique_lock<std::mutex> lock(mu_);  // the watchdog never signals a pid being reaped
    const size_t orphans_before = orphans_.size();
    for (size_t i = 0; i < running_.size();) {
        if (reap(running_[i])) {
            const Running& r = running_[i];
            child_slots::release(r.pid);
            // Its shell is gone, but what it started may have ignored the SIGTERM.
            if (r.term_sent && !r.kill_sent) orphans_.push_back({r.pid, r.kill_at});
            finished_.push_back(r.result);
            running_.erase(running_.begin() + static_cast<long>(i));
        } else {
            ++i;
        }
    }
    const bool new_orphans = orphans_.size() != orphans_before;
    lock.unlock();
    if (new_orphans) wake_.notify_all();
}

void ChildRunner::wait_step() {
    if (stopping()) terminate_all();
    std::this_thread::sleep_for(kPollInterval);
    poll();
}

void ChildRunner::wait_all() {
    poll();
    while (running() > 0) wait_step();
}

ChildResult ChildRunner::wait_last() {
    const pid_t pid = last_pid_;
    auto still_running = [&] {
        std::lock_guard<std::mutex> lock(mu_);
        return std::any_of(running_.begin(), running_.end(), [&](const Running& r) { return r.pid == pid; });
    };
    poll();
    while (pid > 0 && still_running()) wait_step();
    // A failed spawn left its result last with pid -1.
    for (auto it = finished_.rbegin(); it != finished_.rend(); ++it)
        if (it->pid == pid) {
            ChildResult r = *it;
            finished_.erase(std::next(it).base());
            return r;
        }
    return ChildResult();
}

std::vector<ChildResult> ChildRunner::take_finished() {
    std::vector<ChildResult> out;
    out.swap(finished_);
    return out;
}

}  // namespace exec
}  // namespace tcpflow
