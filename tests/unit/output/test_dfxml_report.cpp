// DfxmlReport: tcpflow 1.6.1's report.xml layout (the expected text comes from
// Debian's tcpflow 1.6.1 on http-post.pcap), the extensions, and that the
// document stays well-formed whatever strings and exit paths it meets.
#include <cppunit/extensions/HelperMacros.h>
#include <regex>
#include "output/dfxml_report.h"
#include "output_test_util.h"

using namespace tcpflow;
using tcpflow::test::TempDir;
using tcpflow::test::make_flow;
using tcpflow::test::read_file;
using tcpflow::test::xml_well_formed;

namespace {

ReportSetup setup() {
    ReportSetup s;
    s.build.version = "1.6.1";
    s.build.cppflags = "-DX";
    s.command_line = "tcpflow -r http-post.pcap -o /tmp/x";
    return s;
}

// http-post.pcap, client to server, as tcpflow 1.6.1 reports it
FlowInfo http_post_client() {
    FlowInfo f = make_flow("141.142.228.5", 53595, "54.243.55.129", 80);
    f.first_ts = {1363709111, 62053000};
    f.last_ts = {1363709111, 129592000};
    f.has_mac = true;
    const uint8_t src[6] = {0xc8, 0xbc, 0xc8, 0x96, 0xd2, 0xa0}, dst[6] = {0x00, 0x10, 0xdb, 0x88, 0xd2, 0xef};
    std::copy(src, src + 6, f.mac_src);
    std::copy(dst, dst + 6, f.mac_dst);
    f.packets = 6;
    f.wire_bytes = f.cap_bytes = 568;
    f.path = "/tmp/x/141.142.228.005.53595-054.243.055.129.00080";
    f.logical_size = f.stored_bytes = 160;
    f.close_reason = CloseReason::Fin;
    return f;
}

const char* kHttpPostClientObject =
    "    <fileobject>\n"
    "      <filename>/tmp/x/141.142.228.005.53595-054.243.055.129.00080</filename>\n"
    "      <filesize>160</filesize>\n"
    "      <tcpflow startime='2013-03-19T16:05:11.062053Z' endtime='2013-03-19T16:05:11.129592Z' "
    "mac_daddr='00:10:db:88:d2:ef' mac_saddr='c8:bc:c8:96:d2:a0' family='2' src_ipn='141.142.228.5' "
    "dst_ipn='54.243.55.129' srcport='53595' dstport='80' packets='6' len='568' connection_id='Caaaaaaaaaaaaa' />\n"
    "    </fileobject>\n";

std::string element_names(const std::string& xml) {
    static const std::regex tag("<([A-Za-z_:]+)");
    std::string out;
    for (std::sregex_iterator it(xml.begin(), xml.end(), tag), end; it != end; ++it) {
        if (!out.empty()) out += ' ';
        out += (*it)[1];
    }
    return out;
}

bool contains(const std::string& hay, const std::string& needle) { return hay.find(needle) != std::string::npos; }

}  // namespace

class DfxmlReportTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(DfxmlReportTest);
    CPPUNIT_TEST(element_sequence_matches_tcpflow_161);
    CPPUNIT_TEST(header_text_matches_tcpflow_161);
    CPPUNIT_TEST(fileobject_matches_tcpflow_161_byte_for_byte);
    CPPUNIT_TEST(totals_match_tcpflow_161);
    CPPUNIT_TEST(command_line_is_the_real_one);
    CPPUNIT_TEST(optional_counters_appear_only_when_set);
    CPPUNIT_TEST(zero_mac_is_left_out);
    CPPUNIT_TEST(ipv6_flow_has_family_10_and_plain_addresses);
    CPPUNIT_TEST(flow_without_file_has_no_filename);
    CPPUNIT_TEST(scanner_attributes_and_annotations_are_copied);
    CPPUNIT_TEST(broken_scanner_markup_is_kept_as_text);
    CPPUNIT_TEST(scanner_may_not_repeat_a_tcpflow_attribute);
    CPPUNIT_TEST(clean_flow_has_no_reassembly_element);
    CPPUNIT_TEST(gaps_and_conflicts_are_reported);
    CPPUNIT_TEST(timeout_close_is_reported);
    CPPUNIT_TEST(run_counters_and_error_are_reported);
    CPPUNIT_TEST(scanner_summary_goes_inside_summary);
    CPPUNIT_TEST(hostile_strings_keep_the_report_well_formed);
    CPPUNIT_TEST(destructor_closes_an_unfinished_report);
    CPPUNIT_TEST(finish_twice_writes_one_tail);
    CPPUNIT_TEST(unwritable_report_path_throws);
    CPPUNIT_TEST(header_is_on_disk_at_once_and_records_follow_within_the_interval);
    CPPUNIT_TEST(truncated_flow_says_what_is_on_disk);
    CPPUNIT_TEST_SUITE_END();

    /// A report with `flows`, finished with `s`, as text.
    std::string report(std::vector<FlowInfo> flows, const RunSummary& s = RunSummary(),
                       const ReportSetup& su = setup()) {
        TempDir d;
        {
            DfxmlReport r(d / "report.xml", su);
            for (FlowInfo& f : flows) r.on_close(f);
            r.finish(s);
        }
        CPPUNIT_ASSERT(xml_well_formed(d / "report.xml"));
        return read_file(d / "report.xml");
    }

public:
    void element_sequence_matches_tcpflow_161() {
        FlowInfo a = http_post_client(), b = http_post_client();
        CPPUNIT_ASSERT_EQUAL(
            std::string("dfxml metadata dc:type creator program version build_environment compiler CPPFLAGS "
                        "CFLAGS CXXFLAGS LDFLAGS LIBS compilation_date library execution_environment os_sysname "
                        "os_release os_version host arch command_line uid username start_time configuration "
                        "tdelta configuration fileobject filename filesize tcpflow fileobject filename filesize "
                        "tcpflow summary open_fds_at_end max_open_flows total_flows flow_map_size total_packets "
                        "rusage utime stime maxrss minflt majflt nswap inblock oublock clocktime"),
            element_names(report({a, b})));
    }
    void header_text_matches_tcpflow_161() {
        std::string r = report({});
        CPPUNIT_ASSERT_EQUAL(std::string("<?xml version='1.0' encoding='UTF-8'?>\n"
                                         "<dfxml xmloutputversion='1.0'>\n"
                                         "  <metadata \n"
                                         "  xmlns='http://afflib.org/tcpflow/' \n"
                                         "  xmlns:xsi='http://www.w3.org/2001/XMLSchema-instance' \n"
                                         "  xmlns:dc='http://purl.org/dc/elements/1.1/'>\n"
                                         "    <dc:type>Feature Extraction</dc:type>\n"
                                         "  </metadata>\n"
                                         "  <creator version='1.0'>\n"
                                         "    <program>TCPFLOW</program>\n"
                                         "    <version>1.6.1</version>\n"
                                         "    <build_environment>\n"
                                         "      <compiler>"),
                             r.substr(0, r.find("<compiler>") + 10));
        CPPUNIT_ASSERT(contains(r, "      <CPPFLAGS>-DX</CPPFLAGS>\n      <CFLAGS></CFLAGS>\n"));
        CPPUNIT_ASSERT(std::regex_search(r, std::regex("      <compilation_date>\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d"
                                                       "</compilation_date>\n      <library name=\"boost\" "
                                                       "version=\"\\d+\"/>\n    </build_environment>\n")));
        CPPUNIT_ASSERT(std::regex_search(r, std::regex("      <start_time>\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ"
                                                       "</start_time>\n    </execution_environment>\n")));
        CPPUNIT_ASSERT(contains(r, "  </creator>\n  <configuration>\n  </configuration>\n  <tdelta>0</tdelta>\n"
                                   "  <configuration>\n  </configuration>\n  <summary />\n"));
    }
    void fileobject_matches_tcpflow_161_byte_for_byte() {
        CPPUNIT_ASSERT(contains(report({http_post_client()}), kHttpPostClientObject));
    }
    void totals_match_tcpflow_161() {
        RunSummary s;
        s.max_open_flows = 2;
        s.total_flows = 2;
        s.total_packets = 11;
        std::string r = report({}, s);
        CPPUNIT_ASSERT(contains(r, "  <summary />\n  <open_fds_at_end>0</open_fds_at_end>\n"
                                   "  <max_open_flows>2</max_open_flows>\n  <total_flows>2</total_flows>\n"
                                   "  <flow_map_size>0</flow_map_size>\n  <total_packets>11</total_packets>\n"
                                   "  <rusage>\n    <utime>"));
        CPPUNIT_ASSERT(std::regex_search(r, std::regex("<clocktime>\\d+\\.\\d{6}</clocktime>\n  </rusage>\n</dfxml>\n$")));
    }
    void command_line_is_the_real_one() {
        CPPUNIT_ASSERT(contains(report({}), "<command_line>tcpflow -r http-post.pcap -o /tmp/x</command_line>"));
    }
    void optional_counters_appear_only_when_set() {
        FlowInfo f = http_post_client();
        ReassemblyStats st;
        st.out_of_order_count = 3;
        st.violations = 1;
        f.reassembly = &st;
        f.cap_bytes = 500;
        CPPUNIT_ASSERT(contains(report({f}), "packets='6' out_of_order_count='3' violations='1' len='568' "
                                             "caplen='500' connection_id='Caaaaaaaaaaaaa' />\n"));
    }
    void zero_mac_is_left_out() {
        FlowInfo f = http_post_client();
        std::fill(f.mac_dst, f.mac_dst + 6, 0);
        std::string r = report({f});
        CPPUNIT_ASSERT(!contains(r, "mac_daddr"));
        CPPUNIT_ASSERT(contains(r, "mac_saddr='c8:bc:c8:96:d2:a0' family='2'"));
        f.has_mac = false;
        CPPUNIT_ASSERT(!contains(report({f}), "mac_saddr"));
    }
    void ipv6_flow_has_family_10_and_plain_addresses() {
        FlowInfo f = make_flow("2001:db8::1", 80, "2001:db8::2", 2345);
        CPPUNIT_ASSERT(contains(report({f}), "family='10' src_ipn='2001:db8::1' dst_ipn='2001:db8::2' "
                                             "srcport='80' dstport='2345'"));
    }
    void flow_without_file_has_no_filename() {
        FlowInfo f = http_post_client();
        f.path.clear();
        f.logical_size = 0;
        std::string r = report({f});
        CPPUNIT_ASSERT(contains(r, "    <fileobject>\n      <filesize>0</filesize>\n      <tcpflow "));
        CPPUNIT_ASSERT(!contains(r, "<filename>"));
    }
    void scanner_attributes_and_annotations_are_copied() {
        FlowInfo f = http_post_client();
        f.xml_attributes = "proto='http'";
        f.xml_annotations = "      <hashdigest type='MD5'>0b354e45a770b47c7e41eec5dd0092be</hashdigest>\n";
        CPPUNIT_ASSERT(contains(report({f}), "len='568' connection_id='Caaaaaaaaaaaaa' proto='http' />\n      <hashdigest type='MD5'>"
                                             "0b354e45a770b47c7e41eec5dd0092be</hashdigest>\n    </fileobject>\n"));
    }
    void broken_scanner_markup_is_kept_as_text() {
        FlowInfo f = http_post_client();
        f.xml_annotations = "<byte_runs><oops>";
        CPPUNIT_ASSERT(contains(report({f}), "<invalid_annotation>&lt;byte_runs&gt;&lt;oops&gt;</invalid_annotation>"));
    }
    void scanner_may_not_repeat_a_tcpflow_attribute() {
        FlowInfo f = http_post_client();
        f.xml_attributes = "len='1'";
        std::string r = report({f});
        CPPUNIT_ASSERT(contains(r, "len='568' connection_id='Caaaaaaaaaaaaa' />\n      <invalid_annotation>len=&apos;1&apos;</invalid_annotation>\n"));
    }
    void clean_flow_has_no_reassembly_element() {
        FlowInfo f = http_post_client();
        ReassemblyStats st;
        f.reassembly = &st;
        CPPUNIT_ASSERT(!contains(report({f}), "<reassembly"));
    }
    void gaps_and_conflicts_are_reported() {
        FlowInfo f = http_post_client();
        ReassemblyStats st;
        st.duplicate_bytes = 10;
        st.overlap_conflicts = 1;
        st.gap_bytes = 4;
        st.gaps.push_back({100, 4});
        f.reassembly = &st;
        f.close_reason = CloseReason::Rst;
        f.stored_bytes = 156;
        CPPUNIT_ASSERT(contains(report({f}), "/>\n      <reassembly close_reason='" +
                                                 std::string(close_reason_name(CloseReason::Rst)) +
                                                 "' duplicate_bytes='10' overlap_conflicts='1' gap_bytes='4'>\n"
                                                 "        <gap offset='100' length='4'/>\n"
                                                 "      </reassembly>\n    </fileobject>\n"));
    }
    void timeout_close_is_reported() {
        FlowInfo f = http_post_client();
        f.close_reason = CloseReason::Timeout;
        CPPUNIT_ASSERT(contains(report({f}), "<reassembly close_reason='" +
                                                 std::string(close_reason_name(CloseReason::Timeout)) + "'/>\n"));
    }
    void run_counters_and_error_are_reported() {
        RunSummary s;
        s.unprocessed_packets = {{"not_tcp", 3}, {"truncated", 0}};
        s.cap_evictions = {{"open_files", 7}};
        s.counters = {{"bytes_written", 1234}};
        s.error = "cannot write o/x: No space left on device";
        CPPUNIT_ASSERT(contains(report({}, s),
                                "  <total_packets>0</total_packets>\n"
                                "  <packets_not_processed>\n    <packets reason='not_tcp'>3</packets>\n"
                                "    <packets reason='truncated'>0</packets>\n  </packets_not_processed>\n"
                                "  <cap_evictions>\n    <evictions cap='open_files'>7</evictions>\n  </cap_evictions>\n"
                                "  <run_counters>\n    <counter name='bytes_written'>1234</counter>\n  </run_counters>\n"
                                "  <run_error>cannot write o/x: No space left on device</run_error>\n  <rusage>\n"));
    }
    void scanner_summary_goes_inside_summary() {
        RunSummary s;
        s.summary_xml = "<ssids>\n</ssids>\n";
        CPPUNIT_ASSERT(contains(report({}, s), "  <summary><ssids>\n</ssids>\n</summary>\n  <open_fds_at_end>"));
    }
    void hostile_strings_keep_the_report_well_formed() {
        const std::string nasty = std::string("a\0b\x01<&>'\"]]>\xff\xc3(\xed\xa0\x80\x7f\t\n", 21);
        ReportSetup su = setup();
        su.command_line = "tcpflow -T '" + nasty + "'";
        su.build.cxxflags = nasty;
        su.build.version = nasty;
        FlowInfo f = http_post_client();
        f.path = "/tmp/" + nasty;
        f.xml_attributes = "x='\x01\xfe'";
        f.xml_annotations = "<note>" + std::string("\x02\xff&amp;\0", 8) + "</note>";
        FlowInfo g = http_post_client();
        g.xml_annotations = nasty;                 // not markup at all
        g.xml_attributes = "a='" + nasty + "'";    // broken attribute list
        RunSummary s;
        s.summary_xml = nasty;
        s.error = nasty;
        s.counters = {{nasty, 1}};
        std::string r = report({f, g}, s, su);  // report() asserts well-formedness
        CPPUNIT_ASSERT(contains(r, "<command_line>tcpflow -T &apos;a\\x00b\\x01&lt;&amp;&gt;&apos;&quot;]]&gt;"
                                   "\\xff\\xc3(\\xed\\xa0\\x80\x7f\t\n&apos;</command_line>"));
        CPPUNIT_ASSERT(contains(r, "<note>\\x02\\xff&amp;\\x00</note>"));
    }
    void destructor_closes_an_unfinished_report() {
        TempDir d;
        {
            DfxmlReport r(d / "report.xml", setup());
            FlowInfo f = http_post_client();
            r.on_close(f);
        }
        CPPUNIT_ASSERT(xml_well_formed(d / "report.xml"));
        std::string text = read_file(d / "report.xml");
        CPPUNIT_ASSERT(contains(text, kHttpPostClientObject));
        CPPUNIT_ASSERT(contains(text, "</dfxml>\n"));
    }
    void finish_twice_writes_one_tail() {
        TempDir d;
        {
            DfxmlReport r(d / "report.xml", setup());
            r.finish(RunSummary());
            r.finish(RunSummary());
            FlowInfo f = http_post_client();
            r.on_close(f);  // too late: ignored rather than written after </dfxml>
            CPPUNIT_ASSERT(r.finished());
            CPPUNIT_ASSERT_EQUAL(uint64_t(0), r.fileobjects());
        }
        CPPUNIT_ASSERT(xml_well_formed(d / "report.xml"));
    }
    void unwritable_report_path_throws() {
        CPPUNIT_ASSERT_THROW(DfxmlReport("/nonexistent-dir/report.xml", setup()), std::runtime_error);
    }

    // Durability: after kill -9 the report ends between records (closing tags repair it).
    void header_is_on_disk_at_once_and_records_follow_within_the_interval() {
        TempDir d;
        ReportSetup st = setup();
        st.flush_interval_ms = 1000;
        std::string path = d / "report.xml";
        DfxmlReport r(path, st);
        std::string header = read_file(path);
        CPPUNIT_ASSERT(header.find("<configuration>\n") != std::string::npos);
        r.flush_aged(0);
        FlowInfo f = http_post_client();
        r.on_close(f);
        CPPUNIT_ASSERT_EQUAL(header, read_file(path));  // waits in memory...
        r.flush_aged(999);
        CPPUNIT_ASSERT_EQUAL(header, read_file(path));
        r.flush_aged(1000);                               // ...for the interval at most
        CPPUNIT_ASSERT_EQUAL(header + kHttpPostClientObject, read_file(path));
        tcpflow::test::write_file(d / "repaired.xml", read_file(path) + "  </configuration>\n</dfxml>\n");
        CPPUNIT_ASSERT(xml_well_formed(d / "repaired.xml"));
    }
    void truncated_flow_says_what_is_on_disk() {
        TempDir d;
        std::string path = d / "report.xml";
        {
            DfxmlReport r(path, setup());
            FlowInfo f = http_post_client();
            f.file_truncated = true;
            f.stored_bytes = 100;
            r.on_close(f);
            r.finish(RunSummary());
        }
        std::string xml = read_file(path);
        CPPUNIT_ASSERT(xml.find("<filesize>160</filesize>") != std::string::npos);
        CPPUNIT_ASSERT(xml.find("<reassembly close_reason='fin' stored_bytes='100' truncated='1'/>") !=
                       std::string::npos);
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(DfxmlReportTest);
