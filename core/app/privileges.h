// -U / -z: give up root once the capture is open, as tcpflow does.
#pragma once
#include <string>
#include <vector>

namespace tcpflow {

/// fchown `owned_fds` (output directory, report; -1 skipped) to `user`, chroot to
/// `chroot_dir` if given, then switch group and user ids for good.
/// Throws std::runtime_error with one line naming what failed.
void drop_privileges(const std::string& user, const std::string& chroot_dir,
                     const std::vector<int>& owned_fds);

}  // namespace tcpflow
