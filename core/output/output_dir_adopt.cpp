// OutputDir::adopt: moving or linking a finished file in from another folder
// (tcpflow --merge), through the same door as every other output file.
#include "output/output_dir.h"
#include <sys/stat.h>
#include <unistd.h>
#include <cerrno>
#include <vector>

namespace tcpflow {

namespace {

/// Copies the whole of `in` to `out`; false with errno on a read or write error.
bool copy_bytes(int in, int out) {
    std::vector<char> buf(1 << 20);
    for (;;) {
        ssize_t n = ::read(in, buf.data(), buf.size());
        if (n == 0) return true;
        if (n < 0) {
            if (errno == EINTR) continue;
            return false;
        }
        for (ssize_t done = 0; done < n;) {
            ssize_t w = ::write(out, buf.data() + done, static_cast<size_t>(n - done));
            if (w < 0) {
                if (errno == EINTR) continue;
                return false;
            }
            done += w;
        }
    }
}

bool cannot_link(int err) { return err == EXDEV || err == EPERM || err == EMLINK || err == ENOTSUP || err == ENOSYS; }

}  // namespace

int OutputDir::adopt(int src_dirfd, const std::string& src_name, const std::string& rel, bool keep_source) const {
    struct stat st;
    if (::fstatat(src_dirfd, src_name.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0) return -1;
    if (S_ISLNK(st.st_mode)) {
        errno = ELOOP;
        return -1;
    }
    if (!S_ISREG(st.st_mode)) {
        errno = EINVAL;
        return -1;
    }
    std::string leaf;
    const int dfd = open_parent(rel, true, leaf);
    if (dfd < 0) return -1;
    // linkat without AT_SYMLINK_FOLLOW links the name itself and fails with EEXIST
    // on anything already there: nothing in the merged folder is ever replaced.
    int rc = ::linkat(src_dirfd, src_name.c_str(), dfd, leaf.c_str(), 0);
    if (rc != 0 && cannot_link(errno)) {
        const int in = ::openat(src_dirfd, src_name.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
        const int out = in < 0 ? -1 : ::openat(dfd, leaf.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666);
        rc = (in >= 0 && out >= 0 && copy_bytes(in, out)) ? 0 : -1;
        const int saved = errno;
        if (rc != 0 && out >= 0) ::unlinkat(dfd, leaf.c_str(), 0);  // no half copy left behind
        if (out >= 0 && ::close(out) != 0 && rc == 0) rc = -1;
        if (in >= 0) ::close(in);
        if (rc != 0) errno = saved;
    }
    const int saved = errno;
    close_parent(dfd);
    if (rc != 0) {
        errno = saved;
        return -1;
    }
    if (!keep_source && ::unlinkat(src_dirfd, src_name.c_str(), 0) != 0) return -1;
    return 0;
}

}  // namespace tcpflow
