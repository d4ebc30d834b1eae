#include "output/exclusive_create.h"
#include <fcntl.h>
#include <unistd.h>
#include <cerrno>
#include <cstring>
#include <stdexcept>
#include "output/output_dir.h"

namespace tcpflow {

CreatedFile create_flow_file(const FlowNamer& namer, const std::string& outdir, const FlowInfo& flow,
                             const char* suffix, const std::function<bool()>& free_a_descriptor) {
    const bool counted = namer.uses_counter();
    CreatedFile out;
    bool made_dirs = false;
    out.path = flow_output_path(outdir, namer.name(flow, 0)) + suffix;
    for (;;) {
        out.fd = ::open(out.path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
        if (out.fd >= 0) return out;
        int err = errno;
        if (err == EEXIST && counted && out.counter < UINT32_MAX) {
            out.path = flow_output_path(outdir, namer.name(flow, ++out.counter)) + suffix;
        } else if (err == ENOENT && !made_dirs) {
            make_parent_dirs(out.path);  // -Fk binning and '/' in -T templates
            made_dirs = true;
        } else if ((err == EMFILE || err == ENFILE) && free_a_descriptor && free_a_descriptor()) {
            continue;
        } else {
            throw std::runtime_error("cannot create " + out.path + ": " + std::strerror(err));
        }
    }
}

}  // namespace tcpflow
