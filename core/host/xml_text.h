// Building the escaped XML fragments scanners add to the report. Scanners hand
// the host raw text; only the host escapes, so nothing unescaped reaches report.xml.
#pragma once
#include <string>

namespace tcpflow {

/// Text safe inside an element or a '-quoted attribute. Control characters
/// (not allowed in XML 1.0 even as references) become the text \xNN.
std::string xml_escape(const std::string& raw);
/// Element and attribute names: [A-Za-z_:][A-Za-z0-9_:.-]*
bool is_xml_name(const char* name);
/// " name='value'" with the value escaped.
std::string xml_attribute(const std::string& name, const std::string& value);
/// <element a='v' ...>text</element> (or <element .../> without text). attrs is
/// a NULL-terminated list of name, value pairs, or NULL. Returns "" when a name
/// is not a valid XML name.
std::string xml_element(const char* element, const char* const* attrs, const char* text);

}  // namespace tcpflow
