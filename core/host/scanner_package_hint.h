// Where a missing scanner can be had. A distribution that ships each scanner
// in its own package configures the package name pattern
// (--with-scanner-package=tcpflow-scanner-%s), so "scanner 'http' is not
// installed" also says which package to install. Unset (the default), there
// is no hint and the message is the plain one.
#pragma once
#include <string>

namespace tcpflow {

// "; to add it, install the package tcpflow-scanner-NAME", or "" when the
// build has no pattern.
std::string scanner_package_hint(const std::string& scanner);

// The pattern with every "%s" replaced by the scanner name (no printf: the
// pattern comes from the build, the name from the command line).
std::string scanner_package_name(const std::string& pattern, const std::string& scanner);

}  // namespace tcpflow
