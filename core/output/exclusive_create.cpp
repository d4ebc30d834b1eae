#include "output/exclusive_create.h"
#include <unistd.h>
#include <cerrno>
#include <cstring>
#include <stdexcept>

namespace tcpflow {

CreatedFile create_flow_file(const FlowNamer& namer, const OutputDir& dir, const FlowInfo& flow,
                             const char* suffix, const std::function<bool()>& free_a_descriptor) {
    const bool counted = namer.uses_counter();
    CreatedFile out;
    std::string rel = namer.name(flow, 0) + suffix;
    for (;;) {
        out.fd = dir.create(rel);
        if (out.fd >= 0) {
            out.path = dir.path_of(rel);
            return out;
        }
        int err = errno;
        if (err == EEXIST && counted && out.counter < UINT32_MAX) {
            rel = namer.name(flow, ++out.counter) + suffix;
        } else if ((err == EMFILE || err == ENFILE) && free_a_descriptor && free_a_descriptor()) {
            continue;
        } else {
            throw std::runtime_error(output_error("cannot create", dir.path_of(rel), err));
        }
    }
}

}  // namespace tcpflow
