// Scanner parameters as data: each is declared from a scanner's table with a
// type, a default and limits, and every value set (-S, YAML) is checked against
// its declaration. -S, the YAML loader and -hh all read this one store.
#pragma once
#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>
#include "tcpflow/sdk/scanner.h"

namespace tcpflow {

struct ParamSpec {
    std::string name;
    tcpflow_param_type type = TCPFLOW_PARAM_STRING;
    std::string default_value;
    std::string help;
    bool has_range = false;
    int64_t min_value = 0, max_value = 0;
    std::vector<std::string> choices;  // ENUM
    std::string owner;                 // scanner name
};

const char* param_type_name(tcpflow_param_type t);

/// "" when `value` is acceptable for `spec`, otherwise what is wrong and what is valid.
std::string invalid_param_value(const ParamSpec& spec, const std::string& value);

class ParamStore {
public:
    /// Names the core owns: scanners may not declare them.
    void reserve(const std::string& name);
    /// Declares one parameter of `owner`; "" on success, otherwise why it cannot be.
    std::string declare(const tcpflow_param_desc& desc, const std::string& owner);
    /// Sets a value; throws HostError naming the valid names or values.
    void set(const std::string& name, const std::string& value);

    bool has(const std::string& name) const { return values_.count(name) != 0; }
    /// The value was given (-S, YAML), even if equal to the default.
    bool was_set(const std::string& name) const { return given_.count(name) != 0; }
    const ParamSpec* spec(const std::string& name) const;
    /// The current value; the pointer stays valid until the store is destroyed or the value set again.
    const std::string* value(const std::string& name) const;
    /// Parameters of one scanner, in declaration order.
    std::vector<const ParamSpec*> owned_by(const std::string& owner) const;

    // Typed reads for the host services; return a TCPFLOW_* status.
    int32_t get_bool(const std::string& name, int32_t* out) const;
    int32_t get_int(const std::string& name, int64_t* out) const;
    int32_t get_uint(const std::string& name, uint64_t* out) const;
    int32_t get_double(const std::string& name, double* out) const;

private:
    std::vector<ParamSpec> specs_;               // declaration order
    std::map<std::string, size_t> index_;        // name -> specs_ position
    std::map<std::string, std::string> values_;  // name -> current value
    std::map<std::string, bool> reserved_;
    std::set<std::string> given_;                // names set with set()
};

}  // namespace tcpflow
