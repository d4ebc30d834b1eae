// The output directory: created at startup (mkdir -p) and checked for
// writability before any packet is read, so an unwritable -o fails at once with
// one clear line instead of after minutes of capture.
#pragma once
#include <string>

namespace tcpflow {

/// Create `dir` and its parents as needed, then prove a file can be created in
/// it. Throws std::runtime_error("output directory D: <strerror>") otherwise.
void check_output_dir(const std::string& dir);

/// Create every missing parent directory of `path` (not `path` itself).
/// Throws std::runtime_error naming the directory that could not be made.
void make_parent_dirs(const std::string& path);

/// tcpflow's flow path: the name alone when outdir is ".", else "outdir/name".
std::string flow_output_path(const std::string& outdir, const std::string& name);

}  // namespace tcpflow
