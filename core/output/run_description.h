// What report.xml's first <configuration> says about the run: every scanner
// loaded (once, however many instances run) with its settings, and every core
// setting that differs from its default. Gathered by the app (core/app/
// run_description.cpp), written by run_configuration_xml.cpp.
#pragma once
#include <string>
#include <utility>
#include <vector>

namespace tcpflow {

struct ScannerDescription {
    std::string name, version;
    std::string abi;   // the ABI it was built for, "1.3"
    std::string path;  // the library as found in the search path
    bool enabled = false;
    std::vector<std::pair<std::string, std::string>> settings;  // every parameter's value this run, declared order
};

struct CoreSettingChange {
    std::string name, value, default_value;
};

struct RunDescription {
    std::vector<ScannerDescription> scanners;    // load order
    std::vector<CoreSettingChange> core_settings;  // core_settings() order
};

}  // namespace tcpflow
