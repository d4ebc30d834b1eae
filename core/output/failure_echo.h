// With -j N the workers' flow-file writers stop together (OutputConfig::failed_together): a
// full disk is one error, as with one thread. When two workers' writes fail at the same
// moment, the first failure is the one reported; the other writer throws a FailureEcho,
// which the worker loop drops instead of printing a second line.
#pragma once
#include <exception>
#include <stdexcept>

namespace tcpflow {

struct FailureEcho : std::runtime_error {
    using std::runtime_error::runtime_error;
};

inline bool is_failure_echo(const std::exception& e) { return dynamic_cast<const FailureEcho*>(&e) != nullptr; }

}  // namespace tcpflow
