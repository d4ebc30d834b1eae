#include "host/enable_command.h"

namespace tcpflow {

EnableCommand EnableCommand::from_flag(char flag, const std::string& name) {
    EnableCommand c;
    c.name = name;
    if (flag == 'x') c.kind = Kind::Disable;
    else if (flag == 'E') c.kind = Kind::EnableOnly;
    else if (flag == 'a' || name == "all") c.kind = Kind::EnableAll;
    else c.kind = Kind::Enable;
    return c;
}

}  // namespace tcpflow
