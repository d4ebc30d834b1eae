#include "host/abi_check.h"

#include <cstddef>

namespace tcpflow {

// The descriptor as ABI 1.0 laid it out ends with end_of_run. A later minor may
// append fields; a scanner built for 1.0 must at least reach this far.
static constexpr size_t kDescSize_1_0 =
    offsetof(tcpflow_scanner_desc, end_of_run) + sizeof(tcpflow_scanner_desc::end_of_run);

static std::string version_text(uint32_t major, uint32_t minor) {
    return std::to_string(major) + "." + std::to_string(minor);
}

std::string abi_refusal(const tcpflow_scanner_desc* desc) {
    if (!desc) return TCPFLOW_SCANNER_ENTRY_SYMBOL "() returned no descriptor (NULL)";
    const std::string host = version_text(TCPFLOW_SCANNER_ABI_MAJOR, TCPFLOW_SCANNER_ABI_MINOR);
    const std::string theirs = version_text(desc->abi_major, desc->abi_minor);
    if (desc->abi_major != TCPFLOW_SCANNER_ABI_MAJOR || desc->abi_minor > TCPFLOW_SCANNER_ABI_MINOR)
        return "built for scanner ABI " + theirs + ", this tcpflow supports ABI " + host;
    if (desc->struct_size < kDescSize_1_0)
        return "descriptor too small for scanner ABI " + theirs + " (struct_size " + std::to_string(desc->struct_size) +
               " bytes, expected at least " + std::to_string(kDescSize_1_0) + ": set it to sizeof(tcpflow_scanner_desc))";
    return "";
}

}  // namespace tcpflow
