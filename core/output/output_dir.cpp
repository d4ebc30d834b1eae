#include "output/output_dir.h"
#include <cerrno>
#include <cstdlib>
#include <cstring>
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

}  // namespace

void make_parent_dirs(const std::string& path) {
    size_t last = path.rfind('/');
    if (last == std::string::npos || last == 0) return;
    make_dirs_up_to(path, last);
    make_dir(path.substr(0, last));
}

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

}  // namespace tcpflow
