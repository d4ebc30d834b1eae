// SDK 1.1: the scanner_enabled and run_info services, as a scanner built
// against 1.1 sees them, and a scanner built for 1.0 still loading and running.
#include <cppunit/extensions/HelperMacros.h>
#include <tcpflow/sdk/scanner.hpp>

#include <cstddef>

#include "config.h"
#include "host/host_error.h"
#include "host_test_support.h"

namespace tcpflow {
namespace {

class Sdk11Test : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(Sdk11Test);
    CPPUNIT_TEST(host_table_is_1_1_and_has_the_new_services);
    CPPUNIT_TEST(scanner_enabled_follows_the_enable_commands);
    CPPUNIT_TEST(run_info_gives_the_run_and_stays_stable);
    CPPUNIT_TEST(run_info_without_app_information);
    CPPUNIT_TEST(run_info_is_fixed_once_started);
    CPPUNIT_TEST(scanner_built_for_1_0_loads_and_runs);
    CPPUNIT_TEST_SUITE_END();

    std::unique_ptr<test::TempDir> plugins, out;
    std::ostringstream err;
    std::unique_ptr<ScannerHost> host;

    void load(const std::vector<EnableCommand>& cmds) {
        plugins = std::make_unique<test::TempDir>();
        out = std::make_unique<test::TempDir>();
        plugins->copy_in(test::fixture_so("fix_run_info"), "scan_runinfo.so");
        plugins->copy_in(test::fixture_so("fix_valid"), "scan_fixture.so");
        plugins->copy_in(test::fixture_so("fix_partner"), "scan_partner.so");
        plugins->copy_in(test::fixture_so("fix_abi10"), "scan_abiten.so");
        host = std::make_unique<ScannerHost>(test::isolated_config(err));
        host->add_plugin_dir(plugins->path());
        host->load();
        host->configure(cmds, {});
    }
    void start() {
        RunSettings rs;
        rs.output_dir = out->path();
        host->start(rs);
    }
    std::string summary_after_run() {
        host->on_end_of_run();
        return host->summary_xml();
    }
    static bool has(const std::string& hay, const std::string& needle) { return hay.find(needle) != std::string::npos; }

public:
    void tearDown() override {
        host.reset();
        err.str("");
    }

    void host_table_is_1_1_and_has_the_new_services() {
        CPPUNIT_ASSERT_EQUAL(1, TCPFLOW_SCANNER_ABI_MAJOR);
        CPPUNIT_ASSERT(TCPFLOW_SCANNER_ABI_MINOR >= 1);  // later minors keep every 1.1 service
        // The 1.1 services come after every 1.0 one (append-only).
        CPPUNIT_ASSERT(offsetof(tcpflow_host_api, scanner_enabled) > offsetof(tcpflow_host_api, set_events));
        CPPUNIT_ASSERT(offsetof(tcpflow_host_api, run_info) > offsetof(tcpflow_host_api, scanner_enabled));
        // What a 1.1 scanner checks, against a table as a 1.0 host would hand it.
        tcpflow_host_api api{};
        api.abi_major = 1;
        api.abi_minor = 0;
        api.struct_size = static_cast<uint32_t>(offsetof(tcpflow_host_api, scanner_enabled));
        api.set_events = [](tcpflow_host*, uint32_t) -> int32_t { return TCPFLOW_OK; };
        api.scanner_enabled = reinterpret_cast<int32_t (*)(tcpflow_host*, const char*)>(1);  // junk past the end
        const tcpflow_host_api* p = &api;
        CPPUNIT_ASSERT(!TCPFLOW_HOST_API_HAS(p, scanner_enabled));
        CPPUNIT_ASSERT(!TCPFLOW_HOST_API_HAS(p, run_info));
        CPPUNIT_ASSERT(TCPFLOW_HOST_API_HAS(p, set_events));
        tcpflow::sdk::Host h(p);
        CPPUNIT_ASSERT(!h.abi_at_least(1));
        CPPUNIT_ASSERT(!h.has_run_services());
        CPPUNIT_ASSERT(h.scanner_enabled("gzip", true));
        CPPUNIT_ASSERT(!h.scanner_enabled("gzip", false));
        CPPUNIT_ASSERT_EQUAL(std::string(), h.run_info("version"));
    }

    void scanner_enabled_follows_the_enable_commands() {
        // runinfo on; fixture on (brings partner through works_with), then -x partner.
        load({EnableCommand::from_flag('e', "runinfo"), EnableCommand::from_flag('e', "fixture"),
              EnableCommand::from_flag('x', "partner")});
        host->set_run_info("tcpflow -e runinfo", {"a.pcap"});
        start();
        const std::string s = summary_after_run();
        CPPUNIT_ASSERT_MESSAGE(s, has(s, "has_services='1'"));
        CPPUNIT_ASSERT_MESSAGE(s, has(s, "on_runinfo='1' on_fixture='1' on_partner='0' on_no_such_scanner='0'"));
        CPPUNIT_ASSERT_MESSAGE(s, has(s, "null_name='0'"));
        CPPUNIT_ASSERT_MESSAGE(s, has(s, "cxx_partner='0'"));

        // -E runinfo: everything else off.
        load({EnableCommand::from_flag('E', "runinfo")});
        start();
        const std::string only = summary_after_run();
        CPPUNIT_ASSERT_MESSAGE(only, has(only, "on_runinfo='1' on_fixture='0' on_partner='0'"));
    }

    void run_info_gives_the_run_and_stays_stable() {
        load({EnableCommand::from_flag('e', "runinfo")});
        host->set_run_info("tcpflow -e runinfo -r dir/a.pcap -r - -o out", {"dir/a.pcap", "-", "interface eth0"});
        start();
        const std::string s = summary_after_run();
        CPPUNIT_ASSERT_MESSAGE(s, has(s, "program='tcpflow' program_stable='1'"));
        CPPUNIT_ASSERT_MESSAGE(s, has(s, std::string("version='") + PACKAGE_VERSION + "' version_stable='1'"));
        CPPUNIT_ASSERT_MESSAGE(s, has(s, "command_line='tcpflow -e runinfo -r dir/a.pcap -r - -o out' command_line_stable='1'"));
        CPPUNIT_ASSERT_MESSAGE(s, has(s, "inputs='dir/a.pcap, stdin, interface eth0' inputs_stable='1'"));
        CPPUNIT_ASSERT_MESSAGE(s, has(s, "output_dir='" + out->path() + "' output_dir_stable='1'"));
        CPPUNIT_ASSERT_MESSAGE(s, has(s, "no_such_key='(null)'"));
        CPPUNIT_ASSERT_MESSAGE(s, has(s, "null_key_is_null='1'"));
        CPPUNIT_ASSERT_MESSAGE(s, has(s, std::string("cxx_version='") + PACKAGE_VERSION + "'"));
        // The host side answers the same.
        CPPUNIT_ASSERT_EQUAL(std::string("dir/a.pcap, stdin, interface eth0"), std::string(host->run_info("inputs")));
        CPPUNIT_ASSERT(host->run_info("nope") == nullptr);
        CPPUNIT_ASSERT_EQUAL(1, host->scanner_enabled("runinfo"));
        CPPUNIT_ASSERT_EQUAL(0, host->scanner_enabled("fixture"));
    }

    void run_info_without_app_information() {
        // A host the application told nothing: program, version and output_dir
        // are still known; command_line and inputs are NULL.
        load({EnableCommand::from_flag('e', "runinfo")});
        start();
        const std::string s = summary_after_run();
        CPPUNIT_ASSERT_MESSAGE(s, has(s, "program='tcpflow'"));
        CPPUNIT_ASSERT_MESSAGE(s, has(s, "command_line='(null)'"));
        CPPUNIT_ASSERT_MESSAGE(s, has(s, "inputs='(null)'"));
        CPPUNIT_ASSERT_MESSAGE(s, has(s, "output_dir='" + out->path() + "'"));
    }

    void run_info_is_fixed_once_started() {
        load({});
        start();
        CPPUNIT_ASSERT_THROW(host->set_run_info("x", {"y"}), HostError);
    }

    void scanner_built_for_1_0_loads_and_runs() {
        load({EnableCommand::from_flag('e', "abiten")});
        CPPUNIT_ASSERT_MESSAGE(err.str(), err.str().empty());
        CPPUNIT_ASSERT(host->is_installed("abiten"));
        std::ostringstream h;
        host->print_H(h);
        CPPUNIT_ASSERT_MESSAGE(h.str(), has(h.str(), "Scanner: abiten\n") && has(h.str(), "scanner ABI: 1.0\n"));
        start();
        FlowInfo fi = test::make_flow(0, out->file("flow"));
        out->write("flow", "abc");
        host->on_open(fi);
        fi.close_reason = CloseReason::Fin;
        host->on_close(fi);
        CPPUNIT_ASSERT_EQUAL(std::string(" abiten='seen'"), fi.xml_attributes.str());
        const std::string s = summary_after_run();
        CPPUNIT_ASSERT_MESSAGE(s, has(s, "<abiten closes='1' host_minor='" + std::to_string(TCPFLOW_SCANNER_ABI_MINOR) + "'"));
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(Sdk11Test);

}  // namespace
}  // namespace tcpflow
