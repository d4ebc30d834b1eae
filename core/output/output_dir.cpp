#include "output/output_dir.h"
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <stdexcept>
#include <sys/stat.h>
#include <unistd.h>

namespace tcpflow {

namespace {

/// mkdir that accepts an existing directory.
void make_dir(const std::string& dir) {
    if (dir.empty() || ::mkdir(dir.c_str(), 0777) == 0) return;
    int err = errno;
    struct stat st;
    if (err == EEXIST && ::stat(dir.c_str(), &st) == 0 && S_ISDIR(st.st_mode)) return;
    if (err == EEXIST) err = ENOTDIR;
    throw std::runtime_error("cannot create directory " + dir + ": " + std::strerror(err));
}

/// Make every directory named by a prefix of `path` ending at a '/' before `end`.
void make_dirs_up_to(const std::string& path, size_t end) {
    for (size_t slash = path.find('/', 1); slash != std::string::npos && slash < end; slash = path.find('/', slash + 1))
        make_dir(path.substr(0, slash));
}

/// Close without disturbing errno: the caller is about to report it.
void close_keeping_errno(int fd) {
    int err = errno;
    ::close(fd);
    errno = err;
}

/// The folder component `name` of `dfd`, made when missing and `make`, opened
/// only if it is a real folder (a link fails with ELOOP or ENOTDIR).
int open_subfolder(int dfd, const std::string& name, bool make) {
    const int flags = O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC;
    int fd = ::openat(dfd, name.c_str(), flags);
    if (fd >= 0 || errno != ENOENT || !make) return fd;
    if (::mkdirat(dfd, name.c_str(), 0777) != 0 && errno != EEXIST) return -1;
    return ::openat(dfd, name.c_str(), flags);
}

/// A name no one else picks: the process, a counter and the clock.
std::string temporary_name(const std::string& leaf, unsigned attempt) {
    struct timespec ts;
    ::clock_gettime(CLOCK_REALTIME, &ts);
    return "." + leaf.substr(0, 64) + ".tcpflow-tmp-" + std::to_string(::getpid()) + "-" +
           std::to_string(attempt) + "-" + std::to_string(ts.tv_nsec);
}

}  // namespace

void check_output_dir(const std::string& dir) {
    if (dir.empty() || dir == ".") {
        // still check that the current directory takes files
    } else {
        try {
            make_dirs_up_to(dir, dir.size());
            make_dir(dir);
        } catch (const std::runtime_error& e) {
            throw std::runtime_error(std::string("output directory ") + dir + ": " + e.what());
        }
    }
    std::string probe = (dir.empty() ? std::string(".") : dir) + "/.tcpflow-write-test-XXXXXX";
    int fd = ::mkstemp(&probe[0]);
    if (fd < 0) throw std::runtime_error("output directory " + dir + " is not writable: " + std::strerror(errno));
    ::close(fd);
    ::unlink(probe.c_str());
}

std::string flow_output_path(const std::string& outdir, const std::string& name) {
    if (outdir.empty() || outdir == ".") return name;
    if (outdir.back() == '/') return outdir + name;
    return outdir + "/" + name;
}

std::string output_error(const std::string& doing, const std::string& path, int err) {
    if (err == ELOOP)
        return doing + " " + path + ": a symbolic link is in the way (tcpflow never follows links under the output folder)";
    if (err == EINVAL) return doing + " " + path + ": the name leaves the output folder";
    return doing + " " + path + ": " + std::strerror(err);
}

OutputDir::OutputDir(const std::string& dir) : name_(dir.empty() ? "." : dir) {
    check_output_dir(name_);
    fd_ = ::open(name_.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd_ < 0) throw std::runtime_error("output directory " + name_ + ": " + std::strerror(errno));
}

OutputDir::~OutputDir() {
    if (fd_ >= 0) ::close(fd_);
}

std::string OutputDir::relative(const std::string& path) const {
    const std::string prefix = flow_output_path(name_, "");
    if (!prefix.empty() && path.compare(0, prefix.size(), prefix) == 0) return path.substr(prefix.size());
    return path;
}

int OutputDir::open_parent(const std::string& rel, bool make, std::string& leaf) const {
    int dfd = fd_;
    size_t start = 0;
    for (;;) {
        size_t slash = rel.find('/', start);
        std::string part = rel.substr(start, slash == std::string::npos ? std::string::npos : slash - start);
        if (part == "..") {
            close_parent(dfd);
            errno = EINVAL;
            return -1;
        }
        if (slash == std::string::npos) {
            if (part.empty() || part == ".") {
                close_parent(dfd);
                errno = EINVAL;
                return -1;
            }
            leaf = part;
            return dfd;
        }
        start = slash + 1;
        if (part.empty() || part == ".") continue;  // "a//b" and "./a" as the shell reads them
        int next = open_subfolder(dfd, part, make);
        if (next < 0 && errno == ENOTDIR) {
            struct stat st;  // a link to something not a folder: say "link", not "not a folder"
            if (::fstatat(dfd, part.c_str(), &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISLNK(st.st_mode)) errno = ELOOP;
        }
        close_parent(dfd);
        if (next < 0) return -1;
        dfd = next;
    }
}

void OutputDir::close_parent(int dfd) const {
    if (dfd != fd_) close_keeping_errno(dfd);
}

int OutputDir::create(const std::string& rel, int access) const {
    std::string leaf;
    int dfd = open_parent(rel, true, leaf);
    if (dfd < 0) return -1;
    int fd = ::openat(dfd, leaf.c_str(), access | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666);
    close_parent(dfd);
    return fd;
}

int OutputDir::replace(const std::string& rel, int access) const {
    std::string leaf;
    int dfd = open_parent(rel, true, leaf);
    if (dfd < 0) return -1;
    // Nothing there (the common case): an exclusive create is the whole job, and it
    // never follows a link. Only a taken name needs the temporary and the rename.
    int fd = ::openat(dfd, leaf.c_str(), access | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666);
    if (fd >= 0 || errno != EEXIST) {
        close_parent(dfd);
        return fd;
    }
    std::string tmp;
    for (unsigned attempt = 0; fd < 0 && attempt < 100; ++attempt) {
        tmp = temporary_name(leaf, attempt);
        fd = ::openat(dfd, tmp.c_str(), access | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666);
        if (fd < 0 && errno != EEXIST) break;
    }
    if (fd >= 0 && ::renameat(dfd, tmp.c_str(), dfd, leaf.c_str()) != 0) {
        int err = errno;
        ::unlinkat(dfd, tmp.c_str(), 0);
        ::close(fd);
        fd = -1;
        errno = err;
    }
    close_parent(dfd);
    return fd;
}

int OutputDir::reopen(const std::string& rel, int flags) const {
    std::string leaf;
    int dfd = open_parent(rel, false, leaf);
    if (dfd < 0) return -1;
    int fd = ::openat(dfd, leaf.c_str(), (flags & ~(O_CREAT | O_TRUNC)) | O_NOFOLLOW | O_CLOEXEC);
    close_parent(dfd);
    return fd;
}

int OutputDir::remove(const std::string& rel) const {
    std::string leaf;
    int dfd = open_parent(rel, false, leaf);
    if (dfd < 0) return -1;
    int rc = ::unlinkat(dfd, leaf.c_str(), 0);
    close_parent(dfd);
    return rc;
}

}  // namespace tcpflow
