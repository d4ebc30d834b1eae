// Whether a scanner library may be loaded. Its code runs inside tcpflow, often
// as root, so, as sudo and OpenSSH (safe_path) do for theirs, a library is
// trusted only when nobody but root and the user running tcpflow can replace
// it: not the file, not its folder, not any folder above it.
#pragma once
#include <string>

namespace tcpflow {

struct TrustCheck {
    std::string real_path;  // `path` with every symbolic link resolved ("" if it does not exist)
    std::string problem;    // "" when trusted, else why not, naming the offending path
};

/// Checks a plugin folder or library. The resolved path itself must be owned
/// by root or the user running tcpflow (real or effective) and must not be
/// group- or world-writable. Every folder above it, up to /, must be owned so
/// too and not be writable by others unless it is sticky (like /tmp): there
/// nobody may rename or remove an entry they do not own, so the checked path
/// stays the one that is opened. The path itself may never be sticky-writable:
/// anyone could add a library to such a folder.
TrustCheck check_plugin_trust(const std::string& path);

/// `scan_NAME.so` -> "NAME"; "" for another file name.
std::string scanner_name_from_file(const std::string& path);

}  // namespace tcpflow
