// SDK 1.3 validate_param: a scanner checks the values given to its settings
// beyond type, range and choices (which ParamStore checks), before any output
// exists, so a bad value stops the run at once (exit 2) instead of failing in
// init or mid-capture and leaving an empty report.
#pragma once
#include <string>
#include "tcpflow/sdk/scanner.h"

namespace tcpflow {

/// "" when `desc` has no validate_param (or an older descriptor) or it accepts
/// `value` for `name`; otherwise one line naming the scanner, the setting, the
/// value and the scanner's reason.
std::string scanner_param_rejection(const tcpflow_scanner_desc& desc, const std::string& name,
                                    const std::string& value);

}  // namespace tcpflow
