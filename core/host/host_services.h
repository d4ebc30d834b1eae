// The C services table (tcpflow_host_api) a scanner receives at init. Each
// entry is a plain function that finds the ScannerHost and the calling
// scanner through the tcpflow_host handle.
#pragma once
#include "tcpflow/sdk/scanner.h"

namespace tcpflow {

tcpflow_host_api make_host_api(tcpflow_host* handle);

}  // namespace tcpflow
