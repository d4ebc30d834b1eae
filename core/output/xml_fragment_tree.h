// Reads back the XML that scanners add to a flow's record (FlowInfo::xml_attributes and
// xml_annotations) as a tree, so other outputs than report.xml (the JSON flow log) carry
// the same annotations without knowing any scanner. The input must already have passed
// is_well_formed_fragment / is_attribute_list (output/xml_fragment_check.h): this reader
// trusts the structure and only decodes it. Comments are dropped, CDATA is text,
// references are decoded to UTF-8 (an unknown named reference is kept as written).
#pragma once
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace tcpflow {

using XmlAttributes = std::vector<std::pair<std::string, std::string>>;

struct XmlNode {
    std::string name;
    XmlAttributes attributes;
    std::string text;              // the element's own character data, joined; white space between elements dropped
    std::vector<XmlNode> children;
};

/// `name='value'` pairs, values decoded.
XmlAttributes parse_xml_attributes(std::string_view list);
/// The top-level elements of a fragment (text outside elements is dropped).
std::vector<XmlNode> parse_xml_fragment(std::string_view fragment);

}  // namespace tcpflow
