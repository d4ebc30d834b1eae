// The scanner host's side of -j N: one host per worker for scanners that run
// per worker, and the end of such a run (merging the instances' results).
#include "host/scanner_host.h"

namespace tcpflow {

namespace {

// A started scanner that asked for no event at all (exec without a command) does nothing
// per flow: it neither needs its own instance per worker nor keeps the others from having one.
bool idle(const ScannerEntry& e) { return e.initialised && e.events == 0; }

}  // namespace

bool ScannerHost::runs_per_worker() const {
    for (const auto& e : registry_.entries())
        if (e->enabled && !idle(*e) && !(e->desc().flags & TCPFLOW_SCANNER_PER_WORKER)) return false;
    return true;
}

std::unique_ptr<ScannerHost> ScannerHost::worker_copy() const {
    auto copy = std::make_unique<ScannerHost>(config_);
    copy->params_ = params_;
    copy->trust_any_ = trust_any_;
    copy->run_info_ = run_info_;
    // The same libraries (loaded once), the same slots: per-flow state is indexed by slot.
    for (const auto& e : registry_.entries()) {
        auto entry = std::make_unique<ScannerEntry>();
        entry->plugin = e->plugin;
        entry->slot = e->slot;
        entry->enabled = e->enabled && !idle(*e);  // an idle scanner's one instance is enough
        copy->registry_.entries().push_back(std::move(entry));
    }
    return copy;
}

void ScannerHost::end_run_with(const std::vector<ScannerHost*>& others) {
    for (auto& ep : registry_.entries()) {
        ScannerEntry& e = *ep;
        if (!e.initialised) continue;
        const tcpflow_scanner_desc& d = e.desc();
        if (!(TCPFLOW_DESC_HAS(&d, merge) && d.merge)) continue;
        for (ScannerHost* o : others) {
            ScannerEntry& from = *o->registry_.entries()[e.slot];
            if (!from.initialised) continue;
            // A failed instance's results are incomplete: it is finished, not merged.
            if (!from.failed) call(e, "merge", nullptr, [&] { return d.merge(e.instance, from.instance); });
            o->fini_scanner(from);
        }
    }
    on_end_of_run();
    for (ScannerHost* o : others) o->on_end_of_run();
}

}  // namespace tcpflow
