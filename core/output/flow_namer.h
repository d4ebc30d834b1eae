// tcpflow's flow file names: the -T template with its % codes, the -F letters
// that edit it, and the connection counter.
#pragma once
#include <string>
#include <stdexcept>
#include "flow/flow_info.h"

namespace tcpflow {

/// Thrown for an invalid template or -F letter; what() is the one-line message.
struct NamingError : std::runtime_error { using std::runtime_error::runtime_error; };

class FlowNamer {
public:
    static constexpr const char* kDefaultTemplate = "%A.%a-%B.%b%V%v%C%c";

    FlowNamer();  // default template
    /// -T: replace the template (validated here: unknown % code -> NamingError).
    /// A template without %c gets %C%c appended, as tcpflow does.
    void set_template(const std::string& tmpl);
    /// -F letters, applied in order to the current template as tcpflow does
    /// (c t T k m g edit it; X and M are flags the caller handles and are accepted here).
    void apply_format_letters(const std::string& letters);
    const std::string& tmpl() const { return tmpl_; }

    /// Expand the template for `flow` with `connection_count` (0 = first file).
    std::string name(const FlowInfo& flow, uint32_t connection_count) const;
    /// True if the name changes with the counter (it has %c, %C or %#).
    bool uses_counter() const;
    /// True if two connections never share a name (the template has both addresses, both
    /// ports and the VLAN id) and no run-wide creation counter (%N %K %M %G %S) is used:
    /// names then do not depend on which -j worker made the file.
    bool names_connections_apart() const;

private:
    std::string tmpl_;
};

/// tcpflow's address formatting: IPv4 "192.168.001.002", IPv6 inet_ntop form.
std::string format_flow_address(uint8_t family, const uint8_t* addr);
/// Plain address for the report: "192.168.1.2" / "2001:db8::1".
std::string format_plain_address(uint8_t family, const uint8_t* addr);

}  // namespace tcpflow
