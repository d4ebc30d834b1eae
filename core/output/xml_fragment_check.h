// Structural checks for XML that scanners hand the report ready-made. A
// scanner bug (an unclosed tag, a bare '&', a duplicate attribute) must not
// make report.xml ill-formed, so fragments are checked before they are copied.
// Character-level problems (control bytes, invalid UTF-8) are not checked here:
// XmlWriter::raw_sanitized fixes those on the way out.
#pragma once
#include <string_view>
#include <vector>

namespace tcpflow {

/// Content that may appear inside an element: text, references, balanced
/// elements, comments and CDATA sections. No processing instructions or DTDs.
bool is_well_formed_fragment(std::string_view s);

/// Zero or more `name='value'` / `name="value"` pairs separated by white
/// space, none named in `taken` and no name twice.
bool is_attribute_list(std::string_view s, const std::vector<std::string_view>& taken);

}  // namespace tcpflow
