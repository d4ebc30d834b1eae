#include "child_slots.h"

#include <sys/wait.h>

#include <algorithm>
#include <cerrno>
#include <mutex>
#include <vector>

namespace tcpflow {
namespace exec {
namespace child_slots {

namespace {

// One pool for the library, shared by every instance (and thread).
std::mutex& pool_mutex() {
    static std::mutex mu;
    return mu;
}
std::vector<pid_t>& pool() {
    static std::vector<pid_t> pids;  // spawned and not yet released; at most a few thousand
    return pids;
}

// Still running: not exited yet. An exited child stays a zombie until its
// owner reaps it; WNOWAIT only looks. ECHILD: already reaped, so not running.
bool still_running(pid_t pid) {
    siginfo_t info{};
    int rc;
    do {
        rc = waitid(P_PID, static_cast<id_t>(pid), &info, WEXITED | WNOHANG | WNOWAIT);
    } while (rc < 0 && errno == EINTR);
    return rc == 0 && info.si_pid == 0;
}

size_t running_locked() {
    const std::vector<pid_t>& pids = pool();
    return static_cast<size_t>(std::count_if(pids.begin(), pids.end(), still_running));
}

}  // namespace

bool start_if_free(size_t max_children, const std::function<pid_t()>& spawn) {
    std::lock_guard<std::mutex> lock(pool_mutex());
    if (running_locked() >= max_children) return false;
    const pid_t pid = spawn();
    if (pid > 0) pool().push_back(pid);
    return true;
}

void release(pid_t pid) {
    std::lock_guard<std::mutex> lock(pool_mutex());
    std::vector<pid_t>& pids = pool();
    auto it = std::find(pids.begin(), pids.end(), pid);
    if (it != pids.end()) pids.erase(it);
}

size_t running() {
    std::lock_guard<std::mutex> lock(pool_mutex());
    return running_locked();
}

}  // namespace child_slots
}  // namespace exec
}  // namespace tcpflow
