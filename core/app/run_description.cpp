// What report.xml's first <configuration> says about the run (output/
// run_description.h): the scanner host's scanners and the core settings
// changed from their defaults.
#include <strings.h>

#include "app/run_config.h"

namespace tcpflow {

// Text comparison, case aside: "-S enable_report=yes" is the default "YES",
// while "4096K" for "4M" is listed (both say what the user wrote).
std::vector<CoreSettingChange> changed_core_settings(const RunConfig& cfg) {
    std::vector<CoreSettingChange> out;
    for (const CoreSetting& s : core_settings()) {
        auto it = cfg.given_core_settings.find(s.name);
        if (it != cfg.given_core_settings.end() && strcasecmp(it->second.c_str(), s.default_value) != 0)
            out.push_back({s.name, it->second, s.default_value});
    }
    return out;
}

}  // namespace tcpflow
