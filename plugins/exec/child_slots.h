// exec_max_children is a limit on the whole process, not on one scanner
// instance: with -j N the exec scanner runs one instance per worker thread,
// and all of them draw their children from this one pool of slots.
//
// A slot is taken when a child is spawned and counts as free again as soon
// as that child has exited, even before the instance that started it reaps
// it: an instance whose worker is idle (waiting for packets) must not hold
// slots another instance is waiting for, or the two would wait on each other.
// Exited children are found with waitid(WNOWAIT), which leaves the reaping
// (and the exit status) to the owner.
#pragma once
#include <sys/types.h>

#include <cstddef>
#include <functional>

namespace tcpflow {
namespace exec {
namespace child_slots {

/// If fewer than `max_children` children (of every instance) are still
/// running, calls `spawn` under the pool's lock and, when it returns a pid
/// (> 0), counts that child; returns true. Returns false without calling
/// `spawn` when every slot is taken.
bool start_if_free(size_t max_children, const std::function<pid_t()>& spawn);
/// The owner reaped `pid` (or lost it): forget it.
void release(pid_t pid);
/// Children counted and not yet exited, over every instance.
size_t running();

}  // namespace child_slots
}  // namespace exec
}  // namespace tcpflow
