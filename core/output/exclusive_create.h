// tcpflow's connection counter: a flow's file is created with O_EXCL under the
// name for counter 0, 1, 2, ... until a name is free, so the counter reflects
// what is already on disk (as tcpflow 1.6.1 does).
#pragma once
#include <cstdint>
#include <functional>
#include <string>
#include "flow/flow_info.h"
#include "output/flow_namer.h"

namespace tcpflow {

struct CreatedFile {
    int fd = -1;
    std::string path;
    uint32_t counter = 0;
};

/// Create the flow's file `outdir/name(counter) + suffix` exclusively, making
/// missing parent directories. `free_a_descriptor` is called on EMFILE/ENFILE and
/// returns false when it could not free one. Throws std::runtime_error
/// ("cannot create PATH: reason").
CreatedFile create_flow_file(const FlowNamer& namer, const std::string& outdir, const FlowInfo& flow,
                             const char* suffix, const std::function<bool()>& free_a_descriptor);

}  // namespace tcpflow
