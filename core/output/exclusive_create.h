// tcpflow's connection counter: a flow's file is created with O_EXCL under the
// name for counter 0, 1, 2, ... until a name is free, so the counter reflects
// what is already on disk (as tcpflow 1.6.1 does).
#pragma once
#include <cstdint>
#include <functional>
#include <string>
#include "flow/flow_info.h"
#include "output/flow_namer.h"
#include "output/output_dir.h"

namespace tcpflow {

struct CreatedFile {
    int fd = -1;
    std::string path;  // as users see it: dir.path_of(name)
    uint32_t counter = 0;
};

/// Create the flow's file `name(counter) + suffix` in `dir` exclusively, making
/// missing subfolders, following no link: a name taken by anything (a planted
/// link included) moves on to the next counter. `free_a_descriptor` is called on EMFILE/ENFILE and
/// returns false when it could not free one. Throws std::runtime_error
/// ("cannot create PATH: reason"), e.g. when a subfolder is a link.
CreatedFile create_flow_file(const FlowNamer& namer, const OutputDir& dir, const FlowInfo& flow,
                             const char* suffix, const std::function<bool()>& free_a_descriptor);

}  // namespace tcpflow
