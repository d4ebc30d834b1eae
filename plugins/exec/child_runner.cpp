#include "child_runner.h"

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

}  // namespace

ChildRunner::ChildRunner(unsigned max_children, unsigned timeout_seconds)
    : max_children_(max_children ? max_children : 1), timeout_(timeout_seconds) {}

ChildRunner::~ChildRunner() { wait_all(); }

bool ChildRunner::start(const std::string& kind, const std::string& command, const std::string& path,
                        const std::vector<std::string>& env) {
    wait_for_slot();
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
    int rc = posix_spawn(&pid, "/bin/sh", &setup.actions, &setup.attr, const_cast<char* const*>(argv), envp.data());
    if (rc != 0) {
        result.error = std::strerror(rc);
        finished_.push_back(result);
        last_pid_ = -1;
        return false;
    }
    result.spawned = true;
    result.pid = pid;
    running_.push_back(Running{pid, std::chrono::steady_clock::now(), result});
    last_pid_ = pid;
    return true;
}

bool ChildRunner::reap(Running& r, bool block) {
    int status = 0;
    pid_t got;
    do {
        got = waitpid(r.pid, &status, block ? 0 : WNOHANG);
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

void ChildRunner::kill_if_expired(Running& r) {
    if (timeout_.count() == 0 || r.result.timed_out) return;
    if (std::chrono::steady_clock::now() - r.started < timeout_) return;
    r.result.timed_out = true;
    kill(-r.pid, SIGKILL);  // the whole process group: sh and what it started
    kill(r.pid, SIGKILL);
}

void ChildRunner::poll() {
    for (size_t i = 0; i < running_.size();) {
        kill_if_expired(running_[i]);
        if (reap(running_[i], false)) {
            finished_.push_back(running_[i].result);
            running_.erase(running_.begin() + static_cast<long>(i));
        } else {
            ++i;
        }
    }
}

void ChildRunner::wait_for_slot() {
    poll();
    while (running_.size() >= max_children_) {
        std::this_thread::sleep_for(kPollInterval);
        poll();
    }
}

void ChildRunner::wait_all() {
    poll();
    while (!running_.empty()) {
        std::this_thread::sleep_for(kPollInterval);
        poll();
    }
}

ChildResult ChildRunner::wait_last() {
    const pid_t pid = last_pid_;
    auto still_running = [&] {
        return std::any_of(running_.begin(), running_.end(), [&](const Running& r) { return r.pid == pid; });
    };
    poll();
    while (pid > 0 && still_running()) {
        std::this_thread::sleep_for(kPollInterval);
        poll();
    }
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
