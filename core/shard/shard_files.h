// The files of the shard folders, gathered into the merged folder. Every
// name is checked before the first file moves: a name in two shards (which
// sharding by connection rules out, so it means the folders do not belong
// together) or already in the merged folder stops the merge with nothing moved.
#pragma once
#include <string>
#include <vector>
#include "shard/shard_report.h"

namespace tcpflow {

class OutputDir;

struct ShardFile {
    size_t shard;     // index into the shard list
    std::string rel;  // below the shard folder, '/' between subfolders
};

/// Every regular file under each shard's folder, its report.xml and run lock
/// left out. Throws ShardMergeError for a link or anything not a file or folder
/// (tcpflow never makes them: someone else put it there), or an unreadable folder.
std::vector<ShardFile> list_shard_files(const std::vector<ShardReport>& shards);

/// Throws ShardMergeError when a name is in two shards or already in `out`.
void check_shard_file_names(const std::vector<ShardFile>& files, const std::vector<ShardReport>& shards,
                            const OutputDir& out);

/// Moves (or with `keep`, hard-links or copies) each file to the same name in
/// `out`. Throws std::runtime_error naming the file that could not be placed.
void gather_shard_files(const std::vector<ShardFile>& files, const std::vector<ShardReport>& shards,
                        const OutputDir& out, bool keep);

}  // namespace tcpflow
