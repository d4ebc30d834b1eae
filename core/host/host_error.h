// The one exception type the scanner host throws for errors a user can cause
// (unknown scanner or parameter, bad value, bad config file, a requested
// scanner that cannot load or initialise). The app prints "tcpflow: " + what()
// and exits non-zero.
#pragma once
#include <stdexcept>

namespace tcpflow {

class HostError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

}  // namespace tcpflow
