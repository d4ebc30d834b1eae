#include "connection_table.h"

namespace tcpflow {
namespace http {

Connection& ConnectionTable::attach(uint64_t session) {
    Connection& c = table_[session];
    ++c.open_directions;
    return c;
}

void ConnectionTable::detach(uint64_t session) {
    auto it = table_.find(session);
    if (it != table_.end() && --it->second.open_directions <= 0) table_.erase(it);
}

Connection* ConnectionTable::find(uint64_t session) {
    auto it = table_.find(session);
    return it == table_.end() ? nullptr : &it->second;
}

}  // namespace http
}  // namespace tcpflow
