#include "shard/shard_files.h"
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cerrno>
#include <cstring>
#include <algorithm>
#include <deque>
#include <map>
#include <set>
#include "output/output_dir.h"
#include "output/output_lock.h"
#include "util/unique_fd.h"

namespace tcpflow {

namespace {

void walk(int dfd, const std::string& prefix, size_t shard, const ShardReport& r, std::vector<ShardFile>& out) {
    DIR* d = fdopendir(dfd);  // owns dfd from here
    if (!d) {
        ::close(dfd);
        throw ShardMergeError(r.dir + "/" + prefix + ": cannot read the folder: " + strerror(errno));
    }
    std::vector<std::string> names;
    while (struct dirent* e = readdir(d)) {
        const std::string name = e->d_name;
        if (name == "." || name == "..") continue;
        if (prefix.empty() && (name == "report.xml" || name == OutputLock::kFileName)) continue;
        names.push_back(name);
    }
    for (const std::string& name : names) {
        struct stat st;
        const std::string rel = prefix + name;
        if (::fstatat(dirfd(d), name.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0) {
            const int err = errno;
            closedir(d);
            throw ShardMergeError(r.dir + "/" + rel + ": " + strerror(err));
        }
        if (S_ISREG(st.st_mode)) {
            out.push_back({shard, rel});
        } else if (S_ISDIR(st.st_mode)) {
            const int sub = ::openat(dirfd(d), name.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
            if (sub < 0) {
                const int err = errno;
                closedir(d);
                throw ShardMergeError(r.dir + "/" + rel + ": cannot open the folder: " + strerror(err));
            }
            walk(sub, rel + "/", shard, r, out);
        } else {
            closedir(d);
            throw ShardMergeError(r.dir + "/" + rel + (S_ISLNK(st.st_mode) ? " is a symbolic link" : " is not a regular file") +
                                  ": tcpflow never writes one, refusing to merge this folder");
        }
    }
    closedir(d);
}

/// The folder holding `rel` under `root`, opened without following links; `leaf` gets the name.
int open_source_parent(int root, const std::string& rel, std::string& leaf) {
    int dfd = ::dup(root);
    size_t start = 0;
    for (size_t slash; (slash = rel.find('/', start)) != std::string::npos; start = slash + 1) {
        const int next = ::openat(dfd, rel.substr(start, slash - start).c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        const int err = errno;
        ::close(dfd);
        if (next < 0) {
            errno = err;
            return -1;
        }
        dfd = next;
    }
    leaf = rel.substr(start);
    return dfd;
}

int open_shard_root(const ShardReport& r) {
    // The folder itself may be a link: the user named it (as -o does).
    const int fd = ::open(r.dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) throw ShardMergeError(r.dir + ": cannot open the folder: " + strerror(errno));
    return fd;
}

/// After a move, the subfolders (-Fk bins) the files left, deepest first; a folder
/// that still holds something stays (rmdir refuses it).
void remove_emptied_folders(const std::vector<ShardFile>& files, const std::deque<UniqueFd>& roots) {
    std::set<std::pair<size_t, std::string>> folders;
    for (const ShardFile& f : files)
        for (size_t slash = f.rel.rfind('/'); slash != std::string::npos && slash > 0; slash = f.rel.rfind('/', slash - 1))
            folders.emplace(f.shard, f.rel.substr(0, slash));
    std::vector<std::pair<size_t, std::string>> deepest_first(folders.begin(), folders.end());
    std::sort(deepest_first.begin(), deepest_first.end(),
              [](const auto& a, const auto& b) { return a.second.size() > b.second.size(); });
    for (const auto& [shard, rel] : deepest_first) {
        std::string leaf;
        UniqueFd parent(open_source_parent(roots[shard].get(), rel, leaf));
        if (parent.get() >= 0) ::unlinkat(parent.get(), leaf.c_str(), AT_REMOVEDIR);
    }
}

}  // namespace

std::vector<ShardFile> list_shard_files(const std::vector<ShardReport>& shards) {
    std::vector<ShardFile> files;
    for (size_t s = 0; s < shards.size(); ++s) walk(open_shard_root(shards[s]), "", s, shards[s], files);
    return files;
}

void check_shard_file_names(const std::vector<ShardFile>& files, const std::vector<ShardReport>& shards,
                            const OutputDir& out) {
    std::map<std::string, size_t> owner;
    for (const ShardFile& f : files) {
        auto [it, fresh] = owner.emplace(f.rel, f.shard);
        if (!fresh)
            throw ShardMergeError("file name " + f.rel + " is in two shards (" + shards[it->second].dir + " and " +
                                  shards[f.shard].dir + "): these folders are not shards of one run");
        UniqueFd there(out.reopen(f.rel, O_RDONLY));
        if (there.get() >= 0 || (errno != ENOENT && errno != ENOTDIR))
            throw ShardMergeError(out.path_of(f.rel) + " already exists: merge into a new or empty folder");
    }
}

void gather_shard_files(const std::vector<ShardFile>& files, const std::vector<ShardReport>& shards,
                        const OutputDir& out, bool keep) {
    std::deque<UniqueFd> roots;  // UniqueFd cannot be moved: a deque never moves its elements
    for (const ShardReport& r : shards) roots.emplace_back(open_shard_root(r));
    for (const ShardFile& f : files) {
        std::string leaf;
        UniqueFd src(open_source_parent(roots[f.shard].get(), f.rel, leaf));
        if (src.get() < 0 || out.adopt(src.get(), leaf, f.rel, keep) != 0)
            throw std::runtime_error(output_error(keep ? "cannot link" : "cannot move", shards[f.shard].dir + "/" + f.rel, errno) +
                                     " (to " + out.path_of(f.rel) + ")");
    }
    if (!keep) remove_emptied_folders(files, roots);
}

}  // namespace tcpflow
