// A scanner that fails (error status, exception, refused init) is disabled,
// recorded for the report, and still gets flow_close and end_of_run for what
// it holds; the fatal-signal line names scanner, event and flow. SDK 1.2: the
// file_truncated field and the stop_requested service, as 1.2 scanners see them.
#include <cppunit/extensions/HelperMacros.h>
#include <signal.h>
#include <tcpflow/sdk/scanner.hpp>

#include <cstddef>
#include <cstring>

#include "host/host_error.h"
#include "host/host_services.h"
#include "host/scanner_fault_guard.h"
#include "host_test_support.h"

namespace tcpflow {
namespace {

bool g_stop = false;
bool stop_flag() { return g_stop; }

class ScannerFaultsTest : public CppUnit::TestFixture, public test::HostRig {
    CPPUNIT_TEST_SUITE(ScannerFaultsTest);
    CPPUNIT_TEST(error_status_disables_records_and_still_closes);
    CPPUNIT_TEST(exception_is_recorded_with_its_message);
    CPPUNIT_TEST(flows_opened_after_the_failure_never_reach_the_scanner);
    CPPUNIT_TEST(refused_init_throws_with_the_scanner_s_words);
    CPPUNIT_TEST(fatal_signal_line_names_scanner_event_and_flow);
    CPPUNIT_TEST(sdk_1_2_flow_field_is_appended_and_checked);
    CPPUNIT_TEST(stop_requested_service_follows_the_app);
    CPPUNIT_TEST_SUITE_END();

    std::unique_ptr<test::TempDir> logs;

    void make_host(const std::string& mode, const std::string& after = "2") {
        logs = std::make_unique<test::TempDir>();
        start_host({{test::fixture_so("fix_faulty"), "scan_faulty.so"}}, {"faulty"},
                   {{"faulty_mode", mode}, {"faulty_after", after}, {"faulty_log", logs->file("log")}});
    }
    void data(FlowInfo& fi, const char* bytes) {
        host->on_data(fi, 0, reinterpret_cast<const uint8_t*>(bytes), std::strlen(bytes));
    }
    std::string log() const { return test::read_file(logs->file("log")); }

public:
    void tearDown() override {
        host.reset();
        err.str("");
        g_stop = false;
    }

    void error_status_disables_records_and_still_closes() {
        make_host("error");
        FlowInfo a = test::make_flow(1, out->file("a"));
        FlowInfo b = test::make_flow(2, out->file("b"));
        host->on_open(a);
        host->on_open(b);
        data(a, "x");
        data(b, "y");  // the second flow_data call fails
        data(a, "z");  // not delivered any more
        host->on_close(a);
        host->on_close(b);
        host->on_end_of_run();
        host->finish();
        CPPUNIT_ASSERT_EQUAL(std::string("open 1\nopen 2\ndata 1\ndata 2\nclose 1 " + a.path + "\nclose 2 " + b.path +
                                         "\nend_of_run\nfini\n"),
                             log());
        CPPUNIT_ASSERT_EQUAL(size_t(1), host->failures().size());
        const ScannerFault& f = host->failures()[0];
        CPPUNIT_ASSERT_EQUAL(std::string("faulty"), f.scanner);
        CPPUNIT_ASSERT_EQUAL(std::string("flow_data"), f.event);
        CPPUNIT_ASSERT_EQUAL(b.path, f.flow);
        CPPUNIT_ASSERT_EQUAL(std::string("deliberate error on flow 2 (status 1)"), f.message);
        // The scanner's own line, then the host's: one line names scanner, event and flow.
        CPPUNIT_ASSERT_EQUAL(size_t(2), test::count_of(err.str(), "\n"));
        CPPUNIT_ASSERT_EQUAL(size_t(1), test::count_of(err.str(), "failed in"));
        CPPUNIT_ASSERT_MESSAGE(err.str(), err.str().find("tcpflow: scanner 'faulty' failed in flow_data of " + b.path +
                                                         " (deliberate error on flow 2 (status 1)); disabled") !=
                                              std::string::npos);
    }

    void exception_is_recorded_with_its_message() {
        make_host("throw", "1");
        FlowInfo a = test::make_flow(7, out->file("a"));
        host->on_open(a);
        data(a, "x");
        host->on_close(a);
        CPPUNIT_ASSERT_EQUAL(size_t(1), host->failures().size());
        CPPUNIT_ASSERT_EQUAL(std::string("exception: deliberate throw on flow 7 (status 1)"),
                             host->failures()[0].message);
        CPPUNIT_ASSERT(log().find("close 7") != std::string::npos);
    }

    void flows_opened_after_the_failure_never_reach_the_scanner() {
        make_host("error", "1");
        FlowInfo a = test::make_flow(1, out->file("a"));
        host->on_open(a);
        data(a, "x");
        FlowInfo late = test::make_flow(2, out->file("late"));
        host->on_open(late);
        data(late, "y");
        host->on_close(late);
        host->on_close(a);
        CPPUNIT_ASSERT_EQUAL(std::string("open 1\ndata 1\nclose 1 " + a.path + "\n"), log());
    }

    void refused_init_throws_with_the_scanner_s_words() {
        try {
            make_host("init");
            CPPUNIT_FAIL("init should have failed");
        } catch (const HostError& e) {
            CPPUNIT_ASSERT_EQUAL(std::string("scanner 'faulty' failed to initialise: faulty_mode=init: this scanner "
                                             "refuses to start (status 1)"),
                                 std::string(e.what()));
        }
    }

    void fatal_signal_line_names_scanner_event_and_flow() {
        char line[256];
        tcpflow_flow flow{};
        flow.flow_id = 3;
        flow.src_text = "10.0.0.1";
        flow.sport = 80;
        flow.dst_text = "10.0.0.2";
        flow.dport = 9;
        const unsigned len = format_scanner_fault_line(line, sizeof line, SIGSEGV, "faulty", "flow_data", &flow);
        CPPUNIT_ASSERT_EQUAL(std::strlen(line), size_t(len));
        CPPUNIT_ASSERT_EQUAL(std::string("tcpflow: scanner 'faulty' crashed (SIGSEGV) in flow_data, flow 3 "
                                         "10.0.0.1:80 -> 10.0.0.2:9; tcpflow stops, exit status 139\n"),
                             std::string(line));
        format_scanner_fault_line(line, sizeof line, SIGABRT, "x", "end_of_run", nullptr);
        CPPUNIT_ASSERT_EQUAL(std::string("tcpflow: scanner 'x' crashed (SIGABRT) in end_of_run, no flow; tcpflow "
                                         "stops, exit status 134\n"),
                             std::string(line));
        char tiny[16];
        CPPUNIT_ASSERT_EQUAL(15u, format_scanner_fault_line(tiny, sizeof tiny, SIGSEGV, "a-long-scanner-name", "flow_data", &flow));
        CPPUNIT_ASSERT_EQUAL(size_t(15), std::strlen(tiny));
        CPPUNIT_ASSERT_EQUAL('\n', tiny[14]);
    }

    void sdk_1_2_flow_field_is_appended_and_checked() {
        CPPUNIT_ASSERT(TCPFLOW_SCANNER_ABI_MINOR >= 2);  // later minors keep 1.2's fields
        CPPUNIT_ASSERT(offsetof(tcpflow_flow, file_truncated) > offsetof(tcpflow_flow, host_private));
        CPPUNIT_ASSERT(offsetof(tcpflow_host_api, stop_requested) > offsetof(tcpflow_host_api, run_info));
        // A view as a 1.1 host hands it: the field is past its end.
        tcpflow_flow old{};
        old.struct_size = static_cast<uint32_t>(offsetof(tcpflow_flow, file_truncated));
        old.file_truncated = 1;  // junk a 1.2 scanner must not read
        CPPUNIT_ASSERT(!TCPFLOW_FLOW_HAS(&old, file_truncated));
        CPPUNIT_ASSERT(!tcpflow::sdk::file_truncated(old));
        // This host fills it in, refreshed before every callback.
        make_host("none");
        FlowInfo fi = test::make_flow(1, out->file("a"));
        host->on_open(fi);
        auto* view = &static_cast<HostFlow*>(fi.host_state)->view;
        CPPUNIT_ASSERT(TCPFLOW_FLOW_HAS(view, file_truncated));
        CPPUNIT_ASSERT(!tcpflow::sdk::file_truncated(*view));
        fi.file_truncated = true;
        data(fi, "x");
        CPPUNIT_ASSERT(tcpflow::sdk::file_truncated(*view));
        host->on_close(fi);
    }

    void stop_requested_service_follows_the_app() {
        HostConfig hc = test::isolated_config(err);
        CPPUNIT_ASSERT_EQUAL(0, ScannerHost(hc).stop_requested());
        hc.stop_requested = stop_flag;
        ScannerHost h(hc);
        CPPUNIT_ASSERT_EQUAL(0, h.stop_requested());
        g_stop = true;
        CPPUNIT_ASSERT_EQUAL(1, h.stop_requested());
        tcpflow_host handle{&h, 0};
        tcpflow_host_api api = make_host_api(&handle);
        CPPUNIT_ASSERT(TCPFLOW_HOST_API_HAS(&api, stop_requested));
        CPPUNIT_ASSERT(tcpflow::sdk::Host(&api).stop_requested());
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(ScannerFaultsTest);

}  // namespace
}  // namespace tcpflow
