#include "shard/merge_command.h"
#include <sys/stat.h>
#include <unistd.h>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <deque>
#include <memory>
#include <string>
#include <vector>
#include "app/exit_status.h"
#include "output/output_dir.h"
#include "output/output_lock.h"
#include "shard/report_merge.h"
#include "shard/shard_files.h"
#include "shard/shard_set_check.h"
#include "util/unique_fd.h"

namespace tcpflow {

namespace {

struct MergeArgs {
    bool force = false;  // merge shards that were interrupted or failed
    bool keep = false;   // --link: leave the shard folders whole
    std::string out;
    std::vector<std::string> shard_dirs;
};

MergeArgs parse_merge_args(int argc, char** argv) {
    MergeArgs a;
    bool options_done = false;
    for (int i = 2; i < argc; ++i) {
        const std::string t = argv[i];
        if (!options_done && t == "--force") a.force = true;
        else if (!options_done && t == "--link") a.keep = true;
        else if (!options_done && t == "--") options_done = true;
        else if (!options_done && t.size() > 1 && t[0] == '-') throw ShardMergeError("--merge: unknown option " + t);
        else if (a.out.empty()) a.out = t;
        else a.shard_dirs.push_back(t);
    }
    if (a.out.empty() || a.shard_dirs.empty())
        throw ShardMergeError("--merge needs an output folder and the shard folders: tcpflow --merge OUT SHARD_DIR...");
    return a;
}

bool same_folder(const std::string& a, const std::string& b) {
    struct stat x, y;
    return ::stat(a.c_str(), &x) == 0 && ::stat(b.c_str(), &y) == 0 && x.st_dev == y.st_dev && x.st_ino == y.st_ino;
}

int merge(const MergeArgs& a) {
    std::vector<ShardReport> reports;
    for (const std::string& d : a.shard_dirs) {
        if (same_folder(d, a.out)) throw ShardMergeError(d + " is both a shard and the output folder: merge into a new folder");
        reports.push_back(read_shard_report(d));
    }
    ShardInputs inputs;
    std::vector<ShardReport> shards = check_shard_set(std::move(reports), a.force, inputs);

    // A shard still running holds its folder's lock: merging it now would take half its files.
    std::deque<UniqueFd> shard_fds;
    std::deque<std::unique_ptr<OutputLock>> shard_locks;
    for (const ShardReport& r : shards) {
        shard_fds.emplace_back(::open(r.dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
        if (shard_fds.back().get() < 0) throw ShardMergeError(r.dir + ": " + strerror(errno));
        try {
            shard_locks.push_back(std::make_unique<OutputLock>(shard_fds.back().get(), r.dir));
        } catch (const OutputFolderBusy& e) {
            throw ShardMergeError(std::string(e.what()) + ": wait for the shard to end");
        }
    }
    const std::vector<ShardFile> files = list_shard_files(shards);

    OutputDir out(a.out);
    OutputLock out_lock(out.fd(), a.out);
    {
        UniqueFd existing(out.reopen("report.xml", O_RDONLY));
        if (existing.get() >= 0) throw ShardMergeError(out.path_of("report.xml") + " already exists: merge into a new or empty folder");
    }
    check_shard_file_names(files, shards, out);

    // The report first, under a temporary name until complete: a per-input counter on
    // which the shards disagree refuses the set before any file has moved.
    const int fd = out.replace("report.xml");
    if (fd < 0) throw std::runtime_error(output_error("cannot create", out.path_of("report.xml"), errno));
    FILE* report = fdopen(fd, "w");
    if (!report) {
        ::close(fd);
        throw std::runtime_error(output_error("cannot write", out.path_of("report.xml"), errno));
    }
    try {
        write_merged_report(shards, inputs, a.out, report);
    } catch (...) {
        fclose(report);
        out.remove("report.xml");
        throw;
    }
    const bool write_failed = ferror(report) != 0;
    if (fclose(report) != 0 || write_failed) throw std::runtime_error(output_error("cannot write", out.path_of("report.xml"), errno));
    gather_shard_files(files, shards, out, a.keep);
    fprintf(stderr, "tcpflow: merged %zu shards (%zu files) into %s\n", shards.size(), files.size(), a.out.c_str());
    return kExitOk;
}

}  // namespace

bool is_merge_command(int argc, char** argv) { return argc >= 2 && std::string(argv[1]) == "--merge"; }

const char* merge_usage() {
    return "       tcpflow --merge [--force] [--link] OUT SHARD_DIR...\n"
           "         gather the folders of --shard 0/N ... N-1/N runs into OUT with one report.xml\n";
}

int run_merge_command(int argc, char** argv) {
    try {
        return merge(parse_merge_args(argc, argv));
    } catch (const ShardMergeError& e) {
        fprintf(stderr, "tcpflow: %s\n", e.what());
        return kExitUsage;
    } catch (const std::exception& e) {
        fprintf(stderr, "tcpflow: %s\n", e.what());
        return kExitIoError;
    }
}

}  // namespace tcpflow
