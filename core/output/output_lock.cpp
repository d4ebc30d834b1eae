#include "output/output_lock.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <string>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

namespace tcpflow {
namespace {

std::string folder_name(const std::string& dir) { return dir.empty() ? std::string(".") : dir; }

std::string holder_pid(int fd) {
    char buf[32] = {};
    ssize_t n = ::pread(fd, buf, sizeof buf - 1, 0);
    std::string pid;
    for (ssize_t i = 0; i < n && buf[i] >= '0' && buf[i] <= '9'; ++i) pid += buf[i];
    return pid.empty() ? "unknown" : pid;
}

}  // namespace

OutputLock::OutputLock(int dirfd, const std::string& dir) {
    const std::string where = folder_name(dir);
    auto fail = [&](const std::string& what, int err) {
        if (fd_ >= 0) ::close(fd_);
        if (dirfd_ >= 0) ::close(dirfd_);
        throw std::runtime_error("output directory " + where + ": " + what + ": " + std::strerror(err));
    };
    dirfd_ = ::fcntl(dirfd, F_DUPFD_CLOEXEC, 0);
    if (dirfd_ < 0) fail("cannot open", errno);
    // A few rounds at most: each retry means the holder just ended and removed the file.
    for (int round = 0; round < 8; ++round) {
        fd_ = ::openat(dirfd_, kFileName, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0644);
        if (fd_ < 0) fail(std::string("cannot create the lock file ") + kFileName, errno);
        if (::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
            int err = errno;
            if (err != EWOULDBLOCK) fail(std::string("cannot lock ") + kFileName, err);
            std::string msg = "output directory " + where + " is in use by another tcpflow (pid " +
                              holder_pid(fd_) + "); use another -o folder or wait for it to finish";
            ::close(fd_);
            ::close(dirfd_);
            fd_ = dirfd_ = -1;
            throw OutputFolderBusy(msg);
        }
        struct stat mine {}, named {};
        if (::fstat(fd_, &mine) == 0 && ::fstatat(dirfd_, kFileName, &named, AT_SYMLINK_NOFOLLOW) == 0 &&
            mine.st_dev == named.st_dev && mine.st_ino == named.st_ino) {
            std::string pid = std::to_string(::getpid()) + "\n";
            if (::ftruncate(fd_, 0) != 0 || ::pwrite(fd_, pid.data(), pid.size(), 0) != ssize_t(pid.size()))
                fail(std::string("cannot write ") + kFileName, errno);
            return;
        }
        ::close(fd_);  // we locked a file its holder had just removed: try the new one
        fd_ = -1;
    }
    fail(std::string("cannot lock ") + kFileName, EAGAIN);
}

OutputLock::~OutputLock() {
    if (fd_ < 0) return;
    // Removed while still locked; a run that opened it meanwhile sees it is gone and retries.
    ::unlinkat(dirfd_, kFileName, 0);
    ::close(fd_);
    ::close(dirfd_);
}

}  // namespace tcpflow
