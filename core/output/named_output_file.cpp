// -X and -w name a file anywhere, often in a folder others can write to.
#include <cerrno>
#include <memory>
#include <cstring>
#include <stdexcept>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include "output/output_dir.h"

namespace tcpflow {

namespace {

/// The kernel's fs.protected_symlinks rule, applied whatever the sysctl says:
/// a link is trusted when no one but its folder's owner could have put it
/// there, or when it belongs to us or to that owner (so -X /dev/stdout works).
bool trusted_link(const std::string& folder, const struct stat& link) {
    struct stat dir;
    if (::stat(folder.c_str(), &dir) != 0) return false;
    if ((dir.st_mode & (S_IWGRP | S_IWOTH)) == 0) return true;
    return (dir.st_mode & S_ISVTX) && (link.st_uid == ::geteuid() || link.st_uid == dir.st_uid);
}

[[noreturn]] void fail(const char* option, const std::string& path, int err) {
    throw std::runtime_error(std::string(option) + " " + path + ": " + std::strerror(err));
}

}  // namespace

int create_named_output_file(const std::string& path, const char* option) {
    const size_t slash = path.rfind('/');
    const std::string folder = slash == std::string::npos ? "." : slash == 0 ? "/" : path.substr(0, slash);
    const std::string leaf = slash == std::string::npos ? path : path.substr(slash + 1);
    if (leaf.empty() || leaf == "." || leaf == "..") fail(option, path, EISDIR);
    struct stat st;
    if (::lstat(path.c_str(), &st) == 0 && !S_ISREG(st.st_mode)) {
        if (S_ISLNK(st.st_mode) && !trusted_link(folder, st))
            throw std::runtime_error(std::string(option) + " " + path +
                                     " is a symbolic link in a folder others can write to; tcpflow does not write "
                                     "through it: name the file it points to");
        if (S_ISDIR(st.st_mode)) fail(option, path, EISDIR);
        // A device, a pipe or a trusted link (-X /dev/stdout): written in place.
        int flags = O_WRONLY | O_CLOEXEC | (S_ISLNK(st.st_mode) ? O_CREAT | O_TRUNC : O_NOFOLLOW);
        int fd = ::open(path.c_str(), flags, 0666);
        if (fd < 0) fail(option, path, errno);
        return fd;
    }
    std::unique_ptr<OutputDir> dir;
    try {
        dir = std::make_unique<OutputDir>(folder);
    } catch (const std::runtime_error& e) {
        throw std::runtime_error(std::string(option) + " " + path + ": " + e.what());
    }
    int fd = dir->replace(leaf);
    if (fd < 0) fail(option, path, errno);
    return fd;
}

}  // namespace tcpflow
