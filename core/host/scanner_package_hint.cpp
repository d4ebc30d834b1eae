#include "host/scanner_package_hint.h"

#include "config.h"

namespace tcpflow {

std::string scanner_package_name(const std::string& pattern, const std::string& scanner) {
    std::string out;
    for (std::string::size_type i = 0; i < pattern.size(); ++i) {
        if (pattern.compare(i, 2, "%s") == 0) {
            out += scanner;
            ++i;
        } else {
            out += pattern[i];
        }
    }
    return out;
}

std::string scanner_package_hint(const std::string& scanner) {
#ifdef TCPFLOW_SCANNER_PACKAGE
    return "; to add it, install the package " + scanner_package_name(TCPFLOW_SCANNER_PACKAGE, scanner);
#else
    (void)scanner;
    return "";
#endif
}

}  // namespace tcpflow
