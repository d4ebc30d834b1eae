// Which scanners can run when flow files are not stored (-FX): SDK 1.3's
// TCPFLOW_SCANNER_NO_FLOW_FILES (ScannerHost::keep_scanners_without_flow_files).
#pragma once
#include "tcpflow/sdk/scanner.h"

namespace tcpflow {

/// The descriptor declares TCPFLOW_SCANNER_NO_FLOW_FILES (and is 1.3 or newer, where the bit exists).
bool runs_without_flow_files(const tcpflow_scanner_desc& desc);

}  // namespace tcpflow
