// The output directory (-o) and the one door through which tcpflow creates
// anything under it. tcpflow often runs as root in folders other users can
// write to (/tmp, a shared capture share): a name there may be a link another
// user planted, to /etc/passwd or to a folder elsewhere. So every file and
// subfolder is created relative to the folder's descriptor, one name
// component at a time, never following a link (openat/mkdirat with
// O_NOFOLLOW); a name is either created exclusively or written under a fresh
// temporary name and renamed over the final one (rename replaces a planted
// link itself, never its target). The descriptor also survives chroot (-z).
#pragma once
#include <fcntl.h>
#include <string>

namespace tcpflow {

/// Create `dir` and its parents as needed, then prove a file can be created in
/// it. Throws std::runtime_error("output directory D: <strerror>") otherwise.
void check_output_dir(const std::string& dir);

/// tcpflow's flow path: the name alone when outdir is ".", else "outdir/name".
std::string flow_output_path(const std::string& outdir, const std::string& name);

class OutputDir {
public:
    /// Creates `dir` with its parents when missing and opens it. Links in `dir`
    /// itself are followed: the user named that folder. Throws
    /// std::runtime_error with one line naming the folder and the reason.
    explicit OutputDir(const std::string& dir);
    ~OutputDir();
    OutputDir(const OutputDir&) = delete;
    OutputDir& operator=(const OutputDir&) = delete;

    int fd() const { return fd_; }
    const std::string& name() const { return name_; }
    /// The path users see for `rel` (the report, scanners): flow_output_path.
    std::string path_of(const std::string& rel) const { return flow_output_path(name_, rel); }
    /// The inverse of path_of: `path` as a name relative to this folder.
    std::string relative(const std::string& path) const;

    // Names below are relative to the folder, '/' separating subfolders; an
    // empty, "." or ".." component fails with EINVAL (nothing leaves -o).
    // Missing subfolders are made (mode 0777 less umask); a component that is
    // a link fails with ELOOP. Each returns a descriptor (O_CLOEXEC) or -1 with
    // errno set: callers choose between trying another name and stopping.

    /// A new file, created exclusively (EEXIST when the name is taken by
    /// anything, a link included). `access` is O_WRONLY or O_RDWR.
    int create(const std::string& rel, int access = O_WRONLY) const;
    /// A new file under `rel`, replacing what is there: written first under a
    /// temporary name, then renamed over `rel` at once, so the file carries
    /// its final name while it grows and a planted link is replaced, its
    /// target left untouched. EISDIR when `rel` is a folder.
    int replace(const std::string& rel, int access = O_WRONLY) const;
    /// An existing regular file (one we created), reopened without following a
    /// link: ELOOP if it was swapped for one since.
    int reopen(const std::string& rel, int flags) const;
    /// Remove the file `rel` (an empty derived object), never a folder.
    int remove(const std::string& rel) const;
    /// Puts the regular file `src_name` of the folder open at `src_dirfd` at
    /// `rel`, never replacing anything (EEXIST): a hard link, then the source
    /// is unlinked unless `keep_source`; where links cannot be made (another
    /// file system) the bytes are copied into a file created exclusively.
    /// The source is opened without following a link (ELOOP). 0 or -1/errno.
    /// (output_dir_adopt.cpp; tcpflow --merge gathers shard folders with it.)
    int adopt(int src_dirfd, const std::string& src_name, const std::string& rel, bool keep_source) const;

private:
    /// The folder holding `rel`'s last component, opened without following
    /// links (fd_ itself when there is no '/'); `leaf` gets the last component.
    int open_parent(const std::string& rel, bool make, std::string& leaf) const;
    void close_parent(int dfd) const;

    std::string name_;
    int fd_ = -1;
};

/// "DOING PATH: reason" for an OutputDir failure, saying plainly when the
/// reason is a link in the way (ELOOP) or a name leaving the folder (EINVAL).
std::string output_error(const std::string& doing, const std::string& path, int err);

/// A file named on the command line outside -o (-X, -w): `option` names it in
/// messages. Its folder is created when missing and links on the way to it
/// are followed (the user named them), but a link as the last component is
/// refused with a message to name the real file, and the file is written as
/// OutputDir::replace does. Returns an O_WRONLY descriptor; throws
/// std::runtime_error with one line otherwise.
int create_named_output_file(const std::string& path, const char* option);

}  // namespace tcpflow
