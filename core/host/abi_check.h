// The compatibility rule between this tcpflow and a scanner library, in one
// place so it cannot silently disappear (see zeek#3023): same ABI major, the
// scanner's minor not newer than ours, and a descriptor at least as large as
// the one ABI 1.0 defined.
#pragma once
#include <string>
#include "tcpflow/sdk/scanner.h"

namespace tcpflow {

/// "" when the host may use `desc`; otherwise why not, naming both versions.
std::string abi_refusal(const tcpflow_scanner_desc* desc);

}  // namespace tcpflow
