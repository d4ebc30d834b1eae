// A scanner that failed during the run and was disabled: what the scanner host
// records and what the report (<scanner_faults>) and the JSON flow log show.
#pragma once
#include <string>

namespace tcpflow {

struct ScannerFault {
    std::string scanner;
    std::string event;    // "init", "flow_data", "flow_close", "end_of_run", ...
    std::string flow;     // the flow's file, or its label when it has none yet; "" for no flow
    std::string message;  // what the scanner logged as an error, and the status or exception
};

}  // namespace tcpflow
