#include "app/privileges.h"
#include <grp.h>
#include <pwd.h>
#include <unistd.h>
#include <cerrno>
#include <cstring>
#include <stdexcept>

namespace tcpflow {

namespace {
[[noreturn]] void fail(const std::string& what) {
    throw std::runtime_error(what + ": " + strerror(errno));
}
}  // namespace

void drop_privileges(const std::string& user, const std::string& chroot_dir,
                     const std::vector<int>& owned_fds) {
    errno = 0;
    struct passwd* pw = getpwnam(user.c_str());
    if (!pw) throw std::runtime_error("-U " + user + ": no such user");
    const uid_t uid = pw->pw_uid;
    const gid_t gid = pw->pw_gid;
    // Files we already created must stay writable by the unprivileged user.
    for (int fd : owned_fds)
        if (fd >= 0 && fchown(fd, uid, gid) != 0) fail("-U " + user + ": chown of the output folder or report");
    if (initgroups(pw->pw_name, gid) != 0) fail("-U " + user + ": initgroups");
    if (!chroot_dir.empty()) {
        if (chroot(chroot_dir.c_str()) != 0) fail("-z " + chroot_dir + ": chroot");
        if (chdir("/") != 0) fail("-z " + chroot_dir + ": chdir");
    }
    if (setgid(gid) != 0) fail("-U " + user + ": setgid");
    if (setuid(uid) != 0) fail("-U " + user + ": setuid");
    // Refuse to go on if root could be regained.
    if (uid != 0 && setuid(0) == 0) throw std::runtime_error("-U " + user + ": privileges could not be dropped");
}

}  // namespace tcpflow
