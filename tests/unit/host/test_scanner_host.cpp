// The host as a FlowSink: what scanners receive, what reaches the report,
// derived objects, listings, and how a failing scanner is contained.
#include <cppunit/extensions/HelperMacros.h>
#include <sys/stat.h>
#include <unistd.h>

#include "host/host_error.h"
#include "host_test_support.h"

namespace tcpflow {
namespace {

class ScannerHostTest : public CppUnit::TestFixture, public test::HostRig {
    CPPUNIT_TEST_SUITE(ScannerHostTest);
    CPPUNIT_TEST(flow_events_reach_scanner_and_annotations_reach_flow_record);
    CPPUNIT_TEST(annotations_are_escaped_by_the_host);
    CPPUNIT_TEST(typed_parameters_and_run_settings_reach_the_scanner);
    CPPUNIT_TEST(packets_reach_only_when_wanted);
    CPPUNIT_TEST(scanner_returning_error_is_disabled_once_and_recording_continues);
    CPPUNIT_TEST(scanner_throwing_is_disabled_once);
    CPPUNIT_TEST(init_failure_is_fatal_for_the_run);
    CPPUNIT_TEST(derived_objects_are_written_listed_and_offered);
    CPPUNIT_TEST(derived_objects_replace_a_planted_link_never_its_target);
    CPPUNIT_TEST(objects_past_depth_limit_are_not_offered);
    CPPUNIT_TEST(hh_lists_core_then_one_line_per_scanner_with_parameters);
    CPPUNIT_TEST(H_details_types_limits_and_choices);
    CPPUNIT_TEST(no_flow_state_when_no_scanner_wants_flows);
    CPPUNIT_TEST_SUITE_END();

    void make_host(const std::vector<std::string>& enable, const std::vector<NameValue>& params,
                   RunSettings settings = RunSettings()) {
        start_host({{test::fixture_so("fix_valid"), "scan_fixture.so"}, {test::fixture_so("fix_partner"), "scan_partner.so"}},
                   enable, params, settings);
    }

    // open, "abc", gap of 2, "de", close: what the file writer would have stored.
    FlowInfo run_flow(const std::string& name = "flow") {
        FlowInfo fi = test::make_flow(0, out->file(name));
        out->write(name, std::string("abc\0\0de", 7));
        host->on_open(fi);
        host->on_data(fi, 0, reinterpret_cast<const uint8_t*>("abc"), 3);
        host->on_gap(fi, 3, 2);
        host->on_data(fi, 5, reinterpret_cast<const uint8_t*>("de"), 2);
        fi.close_reason = CloseReason::Fin;
        host->on_close(fi);
        return fi;
    }

public:
    void tearDown() override {
        host.reset();
        err.str("");
    }

    void flow_events_reach_scanner_and_annotations_reach_flow_record() {
        make_host({"fixture"}, {});
        FlowInfo fi = run_flow();
        CPPUNIT_ASSERT_EQUAL(std::string(" fixture_bytes='5'"), fi.xml_attributes.str());
        CPPUNIT_ASSERT(fi.host_state == nullptr);
        host->on_end_of_run();
        const std::string s = host->summary_xml();
        CPPUNIT_ASSERT_MESSAGE(s, s.find("opens='1' closes='1' data='5' gaps='2'") != std::string::npos);
    }

    void annotations_are_escaped_by_the_host() {
        make_host({"fixture"}, {});
        FlowInfo fi = run_flow();
        CPPUNIT_ASSERT_EQUAL(std::string("      <fixture_note quote='it&apos;s &lt;&amp;&gt;' reason='fin'>a &amp; b</fixture_note>\n"),
                             fi.xml_annotations.str());
    }

    void typed_parameters_and_run_settings_reach_the_scanner() {
        RunSettings rs;
        rs.max_bytes = 1234;
        make_host({"fixture"}, {{"fixture_bool", "yes"}, {"fixture_int", "-3"}, {"fixture_uint", "99"},
                                {"fixture_double", "0.25"}, {"fixture_string", "x y"}}, rs);
        host->on_end_of_run();
        const std::string s = host->summary_xml();
        CPPUNIT_ASSERT_MESSAGE(s, s.find("bool='1' int='-3' uint='99' double='0.250000' string='x y' outdir='" +
                                         out->path() + "' max_bytes='1234'") != std::string::npos);
    }

    void packets_reach_only_when_wanted() {
        make_host({"partner"}, {});
        CPPUNIT_ASSERT(!host->wants_packets());
        make_host({"fixture"}, {});
        CPPUNIT_ASSERT(host->wants_packets());
        const uint8_t pkt[60] = {};
        host->on_packet(1, Timestamp{1, 0}, pkt, 60, 1514);
        host->on_packet(1, Timestamp{2, 0}, pkt, 40, 40);
        host->on_end_of_run();
        CPPUNIT_ASSERT(host->summary_xml().find("packets='2' packet_bytes='100'") != std::string::npos);
    }

    void scanner_returning_error_is_disabled_once_and_recording_continues() {
        make_host({"fixture"}, {{"fixture_mode", "fail_data"}});
        FlowInfo a = run_flow("a");
        FlowInfo b = run_flow("b");
        CPPUNIT_ASSERT_EQUAL("tcpflow: scanner 'fixture' failed in flow_data of " + a.path +
                                 " (status 7); disabled for the rest of the run\n",
                             err.str());
        CPPUNIT_ASSERT_EQUAL(std::string(), b.xml_attributes.str());  // began after the failure: never reaches it
        // Still told the run ended, so it can release what it holds (SDK 1.2 rule).
        host->on_end_of_run();
        CPPUNIT_ASSERT(host->summary_xml().find("<fixture") != std::string::npos);
    }

    void scanner_throwing_is_disabled_once() {
        make_host({"fixture"}, {{"fixture_mode", "throw_data"}});
        run_flow("a");
        run_flow("b");
        CPPUNIT_ASSERT_EQUAL(size_t(1), test::count_of(err.str(), "failed in flow_data"));
        CPPUNIT_ASSERT_MESSAGE(err.str(), err.str().find("tcpflow: fixture: exception: asked to throw\n") == 0);
    }

    void init_failure_is_fatal_for_the_run() {
        try {
            make_host({"fixture"}, {{"fixture_mode", "fail_init"}});
            CPPUNIT_FAIL("start must throw");
        } catch (const HostError& e) {
            CPPUNIT_ASSERT_EQUAL(std::string("scanner 'fixture' failed to initialise: asked to fail in init (status 1)"),
                                 std::string(e.what()));
        }
        // Said once, in the failure line the app prints, not also as a log line.
        CPPUNIT_ASSERT_EQUAL(std::string(), err.str());
    }

    void derived_objects_are_written_listed_and_offered() {
        make_host({"fixture"}, {{"fixture_object", "yes"}});  // partner comes along and watches
        FlowInfo fi = run_flow();
        const std::string base = out->file("flow");
        CPPUNIT_ASSERT_EQUAL(std::string("hello object"), test::read_file(base + "-OBJ1"));
        CPPUNIT_ASSERT_EQUAL(std::string("nested"), test::read_file(base + "-OBJ1.inner"));
        CPPUNIT_ASSERT_EQUAL(std::string("x"), test::read_file(base + "-OPEN"));
        CPPUNIT_ASSERT(!test::file_exists(base + "-EMPTY"));
        const std::string expected =
            "    <byte_runs>\n"
            "     <byte_run file_offset='3'><fileobject><filename>" + base + "-OBJ1</filename><filesize>12</filesize>"
            "<partner_saw bytes='12' depth='1' producer='fixture' type='text/plain'/></fileobject></byte_run>\n"
            "     <byte_run><fileobject><filename>" + base + "-OBJ1.inner</filename><filesize>6</filesize>"
            "<partner_saw bytes='6' depth='2' producer='fixture' type='application/octet-stream'/></fileobject></byte_run>\n"
            "     <byte_run><fileobject><filename>" + base + "-OPEN</filename><filesize>1</filesize>"
            "<partner_saw bytes='1' depth='1' producer='fixture' type=''/></fileobject></byte_run>\n"
            "    </byte_runs>\n";
        CPPUNIT_ASSERT_EQUAL(expected, fi.xml_annotations.str().substr(fi.xml_annotations.str().find("    <byte_runs>")));
    }

    void derived_objects_replace_a_planted_link_never_its_target() {
        make_host({"fixture"}, {{"fixture_object", "yes"}});
        test::TempDir elsewhere;
        elsewhere.write("secret", "precious");
        const std::string base = out->file("flow");
        CPPUNIT_ASSERT_EQUAL(0, ::symlink(elsewhere.file("secret").c_str(), (base + "-OBJ1").c_str()));
        CPPUNIT_ASSERT_EQUAL(0, ::symlink(elsewhere.file("absent").c_str(), (base + "-OPEN").c_str()));
        CPPUNIT_ASSERT_EQUAL(0, ::symlink(elsewhere.file("secret").c_str(), (base + "-EMPTY").c_str()));
        run_flow();
        CPPUNIT_ASSERT_EQUAL(std::string("precious"), test::read_file(elsewhere.file("secret")));
        CPPUNIT_ASSERT(!test::file_exists(elsewhere.file("absent")));
        struct stat st;
        CPPUNIT_ASSERT(::lstat((base + "-OBJ1").c_str(), &st) == 0 && S_ISREG(st.st_mode));
        CPPUNIT_ASSERT_EQUAL(std::string("hello object"), test::read_file(base + "-OBJ1"));
        CPPUNIT_ASSERT_EQUAL(std::string("x"), test::read_file(base + "-OPEN"));
        CPPUNIT_ASSERT(::lstat((base + "-EMPTY").c_str(), &st) != 0);  // the empty object went, the link with it
    }

    void objects_past_depth_limit_are_not_offered() {
        RunSettings rs;
        rs.max_object_depth = 1;
        make_host({"fixture"}, {{"fixture_object", "yes"}}, rs);
        FlowInfo fi = run_flow();
        CPPUNIT_ASSERT_EQUAL(size_t(2), test::count_of(fi.xml_annotations.str(), "<partner_saw"));
        CPPUNIT_ASSERT(test::file_exists(out->file("flow-OBJ1.inner")));  // still written
    }

    void hh_lists_core_then_one_line_per_scanner_with_parameters() {
        make_host({"partner"}, {});
        std::ostringstream os;
        host->print_hh(os);
        const std::string expected =
            "Core parameters (-S name=value):\n"
            "   -S tdelta=0    Time delta in seconds\n"
            "   -S enable_report=YES    Enable report.xml\n"
            "\n"
            "Scanners (name version enabled|disabled path; -e NAME enables, -x NAME disables):\n"
            "fixture 0.1 disabled " + plugins->file("scan_fixture.so") + "\n"
            "   -S fixture_bool=no    a bool\n"
            "   -S fixture_int=5    an int in -10..10\n"
            "   -S fixture_uint=7    a uint in 0..100\n"
            "   -S fixture_double=1.5    a double\n"
            "   -S fixture_string=hello    a string\n"
            "   -S fixture_mode=normal    where to fail\n"
            "   -S fixture_object=no    make derived objects at flow close\n"
            "partner 0.2 enabled " + plugins->file("scan_partner.so") + "\n"
            "\n"
            "Scanner folders searched, in order:\n"
            "   " + plugins->path() + "\n";
        CPPUNIT_ASSERT_EQUAL(expected, os.str());
    }

    void H_details_types_limits_and_choices() {
        make_host({}, {});
        std::ostringstream os;
        host->print_H(os);
        const std::string h = os.str();
        CPPUNIT_ASSERT(h.find("Scanner: fixture\n  version: 0.1\n  description: test fixture\n") != std::string::npos);
        CPPUNIT_ASSERT(h.find("  works with: partner\n") != std::string::npos);
        CPPUNIT_ASSERT(h.find("    fixture_int (int, default '5'): an int in -10..10\n      range: -10 .. 10\n") != std::string::npos);
        CPPUNIT_ASSERT(h.find("      choices: normal fail_open fail_data throw_data fail_close fail_init fail_end\n") != std::string::npos);
        CPPUNIT_ASSERT(h.find("  flags: not-in-all\n  events: object, end-of-run\n") != std::string::npos);
    }

    void no_flow_state_when_no_scanner_wants_flows() {
        make_host({"partner"}, {});
        FlowInfo fi = test::make_flow(0, out->file("f"));
        host->on_open(fi);
        CPPUNIT_ASSERT(fi.host_state == nullptr);
        host->on_close(fi);
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(ScannerHostTest);

}  // namespace
}  // namespace tcpflow
