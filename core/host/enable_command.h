// -e NAME, -E NAME, -x NAME, -a / -e all, queued in command-line order and
// applied once every scanner is loaded (as tcpflow does).
#pragma once
#include <string>

namespace tcpflow {

struct EnableCommand {
    enum class Kind {
        Enable,      // -e NAME: enable NAME (and what it works with)
        EnableOnly,  // -E NAME: disable every scanner, then enable NAME
        Disable,     // -x NAME
        EnableAll,   // -a, -e all: every scanner not marked "not in all"
    };
    Kind kind = Kind::Enable;
    std::string name;

    /// The command for a -e/-E/-x argument (-e all becomes EnableAll).
    static EnableCommand from_flag(char flag, const std::string& name);
};

}  // namespace tcpflow
