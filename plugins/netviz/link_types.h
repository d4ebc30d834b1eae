// Names of the link types netviz met, for the "Input" line of the report
// (after the input names the host gives through run_info).
#ifndef TCPFLOW_NETVIZ_LINK_TYPES_H
#define TCPFLOW_NETVIZ_LINK_TYPES_H

#include <string>
#include <vector>

namespace tcpflow {
namespace netviz {

/// "Ethernet", "Linux cooked (SLL)", ... or "link type N".
std::string link_type_name(int dlt);

/// The distinct link types seen, in order of first appearance (a handful at most).
class LinkTypeSet {
public:
    void add(int dlt) {
        if (last_ == dlt && !seen_.empty()) return;  // the usual case: one per capture
        last_ = dlt;
        for (int d : seen_)
            if (d == dlt) return;
        if (seen_.size() < kMax) seen_.push_back(dlt);
    }
    /// Adds the link types another instance saw (-j N), after this one's. Only
    /// a run over inputs of several link types can then list them in another
    /// order than -j 1 (worker order, not first appearance).
    void merge(const LinkTypeSet& other) {
        for (int d : other.seen_) add(d);
    }
    /// "Ethernet", "Ethernet, raw IP"; "" when none.
    std::string describe() const;

private:
    static constexpr size_t kMax = 8;
    int last_ = -1;
    std::vector<int> seen_;
};

}  // namespace netviz
}  // namespace tcpflow

#endif
