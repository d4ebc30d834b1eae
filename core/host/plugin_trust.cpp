#include "host/plugin_trust.h"

#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>

namespace tcpflow {

namespace {

bool trusted_owner(uid_t uid) { return uid == 0 || uid == getuid() || uid == geteuid(); }

std::string owner_text(uid_t uid) {
    std::string text = "uid " + std::to_string(uid);
    if (const passwd* pw = getpwuid(uid)) text += std::string(" (") + pw->pw_name + ")";
    return text;
}

// One path component: "" when only root and the user can change it.
std::string component_problem(const std::string& path, bool sticky_ok) {
    struct stat st;
    if (::stat(path.c_str(), &st) != 0) return path + ": " + std::strerror(errno);
    if (!trusted_owner(st.st_uid)) return path + " is owned by " + owner_text(st.st_uid);
    if (sticky_ok && S_ISDIR(st.st_mode) && (st.st_mode & S_ISVTX)) return "";
    if (st.st_mode & S_IWOTH) return path + " is writable by everyone";
    if (st.st_mode & S_IWGRP) return path + " is writable by its group";
    return "";
}

std::string parent_of(const std::string& path) {
    const size_t slash = path.find_last_of('/');
    return slash == 0 || slash == std::string::npos ? "/" : path.substr(0, slash);
}

}  // namespace

TrustCheck check_plugin_trust(const std::string& path) {
    TrustCheck out;
    // Checking the resolved path, and opening that same path, leaves no
    // symbolic link in between that someone else could redirect.
    char* real = ::realpath(path.c_str(), nullptr);
    if (!real) {
        out.problem = path + ": " + std::strerror(errno);
        return out;
    }
    out.real_path = real;
    std::free(real);
    out.problem = component_problem(out.real_path, false);
    for (std::string dir = out.real_path; out.problem.empty() && dir != "/";) {
        dir = parent_of(dir);
        out.problem = component_problem(dir, true);
    }
    return out;
}

std::string scanner_name_from_file(const std::string& path) {
    const size_t slash = path.find_last_of('/');
    const std::string file = slash == std::string::npos ? path : path.substr(slash + 1);
    const std::string prefix = "scan_", suffix = ".so";
    if (file.size() <= prefix.size() + suffix.size() || file.compare(0, prefix.size(), prefix) != 0 ||
        file.compare(file.size() - suffix.size(), suffix.size(), suffix) != 0)
        return "";
    return file.substr(prefix.size(), file.size() - prefix.size() - suffix.size());
}

}  // namespace tcpflow
