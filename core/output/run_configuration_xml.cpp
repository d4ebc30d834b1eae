#include "output/run_configuration_xml.h"

#include "output/xml_writer.h"

namespace tcpflow {

namespace {

void write_scanner(XmlWriter& w, const ScannerDescription& s) {
    w.raw("      <scanner").attr("name", s.name).attr("version", s.version).attr("abi", s.abi).attr("path", s.path);
    w.attr("enabled", s.enabled ? "1" : "0");
    if (s.settings.empty()) {
        w.raw("/>\n");
        return;
    }
    w.raw(">\n");
    for (const auto& [name, value] : s.settings) w.raw("        <setting").attr("name", name).attr("value", value).raw("/>\n");
    w.raw("      </scanner>\n");
}

}  // namespace

void write_run_configuration(XmlWriter& w, const RunDescription& run) {
    if (!run.scanners.empty()) {
        w.raw("    <scanners>\n");
        for (const ScannerDescription& s : run.scanners) write_scanner(w, s);
        w.raw("    </scanners>\n");
    }
    if (!run.core_settings.empty()) {
        w.raw("    <core_settings>\n");
        for (const CoreSettingChange& c : run.core_settings)
            w.raw("      <setting").attr("name", c.name).attr("value", c.value).attr("default", c.default_value).raw("/>\n");
        w.raw("    </core_settings>\n");
    }
}

}  // namespace tcpflow
