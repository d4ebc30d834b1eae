// One output folder, one run: a running tcpflow holds an flock on
// <outdir>/.tcpflow.lock (its pid inside), so a second run into the same folder
// fails at once instead of interleaving flow files and corrupting report.xml.
// The kernel drops the lock when the process ends, however it ends; a clean end
// also removes the file (while still holding the lock, and a newcomer checks that
// the file it locked is still the one in the folder, so no two runs ever both win).
#pragma once
#include <stdexcept>
#include <string>

namespace tcpflow {

/// Another process holds the folder; what() names it and its pid.
struct OutputFolderBusy : std::runtime_error { using std::runtime_error::runtime_error; };

class OutputLock {
public:
    static constexpr const char* kFileName = ".tcpflow.lock";

    /// Locks the folder open at `dirfd` (the output folder's one door; the lock keeps its
    /// own duplicate), named `dir` in messages. Throws OutputFolderBusy when another process
    /// holds it, std::runtime_error when the lock file cannot be made.
    OutputLock(int dirfd, const std::string& dir);
    ~OutputLock();
    OutputLock(const OutputLock&) = delete;
    OutputLock& operator=(const OutputLock&) = delete;

private:
    int dirfd_ = -1;
    int fd_ = -1;
};

}  // namespace tcpflow
