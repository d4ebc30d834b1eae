// The header fields of one HTTP message: kept in order as received, looked
// up case-insensitively, repeated fields joined with ", " (RFC 7230 3.2.2),
// obsolete line folding unfolded.
#pragma once
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace tcpflow {
namespace http {

class HeaderFields {
public:
    /// Parses header lines (each ending in CRLF or LF, no blank line).
    /// Returns false on a line that is not "name: value" (the fields before it are kept).
    bool parse(std::string_view lines);

    void add(std::string name, std::string value) { fields_.emplace_back(std::move(name), std::move(value)); }
    bool has(std::string_view name) const;
    /// Every value of `name` joined with ", "; "" when absent.
    std::string get(std::string_view name) const;
    /// How many times `name` appears.
    size_t count(std::string_view name) const;
    /// Whether the comma-separated list in `name` holds `token` (case-insensitive).
    bool has_token(std::string_view name, std::string_view token) const;
    const std::vector<std::pair<std::string, std::string>>& fields() const { return fields_; }

private:
    std::vector<std::pair<std::string, std::string>> fields_;
};

bool iequals(std::string_view a, std::string_view b);
std::string_view trim_ows(std::string_view s);
std::string to_lower(std::string_view s);

}  // namespace http
}  // namespace tcpflow
