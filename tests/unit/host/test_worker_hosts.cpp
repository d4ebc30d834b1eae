// -j workers' scanner hosts (core/host/worker_hosts.cpp): per-worker copies get their own
// instances of a PER_WORKER scanner, and end_run_with merges them into the first one before
// its end_of_run (the threading model of sdk/tcpflow/sdk/scanner.h).
#include <cppunit/extensions/HelperMacros.h>
#include "host_test_support.h"

using namespace tcpflow;
using namespace tcpflow::test;

class WorkerHostsTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(WorkerHostsTest);
    CPPUNIT_TEST(per_worker_instances_are_merged_into_the_first);
    CPPUNIT_TEST(a_scanner_without_the_flag_is_not_per_worker);
    CPPUNIT_TEST_SUITE_END();

    std::unique_ptr<TempDir> plugins_, out_;
    std::ostringstream err_;

    std::unique_ptr<ScannerHost> configured_host(const std::vector<std::string>& enable) {
        plugins_ = std::make_unique<TempDir>();
        out_ = std::make_unique<TempDir>();
        plugins_->copy_in(fixture_so("fix_per_worker"), "fix_per_worker.so");
        plugins_->copy_in(fixture_so("fix_valid"), "fix_valid.so");
        auto host = std::make_unique<ScannerHost>(isolated_config(err_));
        host->add_plugin_dir(plugins_->path());
        host->load();
        std::vector<EnableCommand> cmds;
        for (const auto& n : enable) cmds.push_back(EnableCommand::from_flag('e', n));
        host->configure(cmds, {});
        return host;
    }

    static void feed(ScannerHost& h, uint64_t id, size_t bytes) {
        FlowInfo fi = make_flow(id, "");
        h.on_open(fi);
        const std::string data(bytes, 'd');
        h.on_data(fi, 0, reinterpret_cast<const uint8_t*>(data.data()), data.size());
        h.on_close(fi);
    }

public:
    void per_worker_instances_are_merged_into_the_first() {
        auto first = configured_host({"perworker"});
        CPPUNIT_ASSERT(first->runs_per_worker());
        auto second = first->worker_copy(), third = first->worker_copy();
        RunSettings rs;
        rs.output_dir = out_->path();
        for (ScannerHost* h : {first.get(), second.get(), third.get()}) h->start(rs);
        feed(*first, 0, 10);
        feed(*second, 1, 200);
        feed(*second, 4, 3000);
        feed(*third, 2, 40000);
        first->end_run_with({second.get(), third.get()});
        // One record, from the first instance, holding everyone's counts.
        CPPUNIT_ASSERT_EQUAL(std::string("<perworker flows='4' bytes='43210' instances='3'/>"),
                             first->summary_xml().substr(0, first->summary_xml().find('\n')));
        CPPUNIT_ASSERT(second->summary_xml().empty());
        CPPUNIT_ASSERT(third->summary_xml().empty());
        CPPUNIT_ASSERT(first->failures().empty());
        first->finish();
        second->finish();
        third->finish();
    }

    void a_scanner_without_the_flag_is_not_per_worker() {
        auto host = configured_host({"perworker", "fixture"});
        CPPUNIT_ASSERT(!host->runs_per_worker());
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(WorkerHostsTest);
