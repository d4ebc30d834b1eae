// What makes a scanner descriptor unusable, said so that its author knows
// which piece to fill in: the field by its name in scanner.h, the event bit
// and the callback it needs. One reason per refusal, the first found, in the
// order of the struct.
#include <cstring>
#include <string>

#include "host/plugin_library.h"

namespace tcpflow {

namespace {

struct EventNeed {
    uint32_t bit;
    const char* bit_name;
    const char* callback;  // one callback the bit needs
    bool present;
};

std::string event_callback_problem(const tcpflow_scanner_desc& d) {
    // One row per callback, so a bit that needs three names the one that is NULL.
    const EventNeed needs[] = {
        {TCPFLOW_EVENT_PACKET, "TCPFLOW_EVENT_PACKET", "packet", d.packet != nullptr},
        {TCPFLOW_EVENT_FLOW_OPEN, "TCPFLOW_EVENT_FLOW_OPEN", "flow_open", d.flow_open != nullptr},
        {TCPFLOW_EVENT_FLOW_DATA, "TCPFLOW_EVENT_FLOW_DATA", "flow_data", d.flow_data != nullptr},
        {TCPFLOW_EVENT_FLOW_DATA, "TCPFLOW_EVENT_FLOW_DATA", "flow_gap", d.flow_gap != nullptr},
        {TCPFLOW_EVENT_FLOW_CLOSE, "TCPFLOW_EVENT_FLOW_CLOSE", "flow_close", d.flow_close != nullptr},
        {TCPFLOW_EVENT_OBJECT, "TCPFLOW_EVENT_OBJECT", "object_open", d.object_open != nullptr},
        {TCPFLOW_EVENT_OBJECT, "TCPFLOW_EVENT_OBJECT", "object_data", d.object_data != nullptr},
        {TCPFLOW_EVENT_OBJECT, "TCPFLOW_EVENT_OBJECT", "object_close", d.object_close != nullptr},
        {TCPFLOW_EVENT_END_OF_RUN, "TCPFLOW_EVENT_END_OF_RUN", "end_of_run", d.end_of_run != nullptr},
    };
    for (const EventNeed& n : needs)
        if ((d.events & n.bit) && !n.present)
            return std::string("events has ") + n.bit_name + " but the " + n.callback + " callback is NULL";
    return "";
}

std::string missing_text_field(const tcpflow_scanner_desc& d) {
    struct Field { const char* name; const char* value; };
    const Field fields[] = {{"version", d.version}, {"license", d.license}, {"description", d.description}};
    for (const Field& f : fields)
        if (!f.value) return std::string("descriptor field ") + f.name + " is NULL";
    return "";
}

std::string param_table_problem(const tcpflow_scanner_desc& d) {
    if (d.param_count == 0) return "";
    if (!d.params) return "param_count is " + std::to_string(d.param_count) + " but params is NULL";
    for (uint32_t i = 0; i < d.param_count; ++i) {
        const tcpflow_param_desc& p = d.params[i];
        const std::string which = "params[" + std::to_string(i) + "]";
        if (!p.name || !*p.name) return which + ".name is NULL or empty";
        if (!p.default_value) return which + " ('" + p.name + "'): default_value is NULL (use \"\" for none)";
    }
    return "";
}

}  // namespace

std::string descriptor_problem(const tcpflow_scanner_desc& d) {
    if (!d.name) return "descriptor field name is NULL";
    if (!is_scanner_name(d.name)) return std::string("scanner name '") + d.name + "' is not [a-z0-9_]+";
    if (std::string why = missing_text_field(d); !why.empty()) return why;
    if (std::string why = param_table_problem(d); !why.empty()) return why;
    if (!d.init) return "the init callback is NULL (every scanner needs init and fini)";
    if (!d.fini) return "the fini callback is NULL (every scanner needs init and fini)";
    return event_callback_problem(d);
}

}  // namespace tcpflow
