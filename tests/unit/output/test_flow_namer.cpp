// FlowNamer: tcpflow 1.6.1's file names, byte for byte (expected names were
// produced by Debian's tcpflow 1.6.1 on the captures named in each test).
#include <cppunit/extensions/HelperMacros.h>
#include "output/flow_namer.h"
#include "output_test_util.h"

using namespace tcpflow;
using tcpflow::test::make_flow;

class FlowNamerTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(FlowNamerTest);
    CPPUNIT_TEST(default_name_pads_ipv4_octets_and_ports);
    CPPUNIT_TEST(counter_adds_c_and_number_only_after_the_first_file);
    CPPUNIT_TEST(ipv6_uses_inet_ntop_form);
    CPPUNIT_TEST(vlan_appends_double_dash_and_vid);
    CPPUNIT_TEST(no_vlan_gives_empty_V_and_v);
    CPPUNIT_TEST(mac_codes_are_source_and_destination);
    CPPUNIT_TEST(time_codes_use_first_packet_time);
    CPPUNIT_TEST(flow_id_bins_and_session_id);
    CPPUNIT_TEST(percent_percent_is_a_percent);
    CPPUNIT_TEST(hash_code_is_counter_always);
    CPPUNIT_TEST(template_without_c_gets_counter_appended);
    CPPUNIT_TEST(template_with_c_is_kept);
    CPPUNIT_TEST(unknown_code_is_a_naming_error);
    CPPUNIT_TEST(trailing_percent_is_a_naming_error);
    CPPUNIT_TEST(rejected_template_keeps_the_previous_one);
    CPPUNIT_TEST(Ft_prepends_time_t_and_T);
    CPPUNIT_TEST(FT_prepends_iso_time);
    CPPUNIT_TEST(Ft_then_FT_puts_iso_time_first);
    CPPUNIT_TEST(Fk_bins_by_thousands);
    CPPUNIT_TEST(Fm_bins_two_levels);
    CPPUNIT_TEST(Fg_bins_three_levels);
    CPPUNIT_TEST(T_then_Fk_prefixes_the_new_template);
    CPPUNIT_TEST(Fk_then_T_forgets_the_binning);
    CPPUNIT_TEST(Fc_puts_counter_on_every_file);
    CPPUNIT_TEST(Fc_twice_is_the_same_as_once);
    CPPUNIT_TEST(Fc_on_lone_codes);
    CPPUNIT_TEST(FX_and_FM_leave_the_template_alone);
    CPPUNIT_TEST(unknown_F_letter_is_a_naming_error);
    CPPUNIT_TEST(uses_counter_reflects_the_template);
    CPPUNIT_TEST(plain_addresses_for_the_report);
    CPPUNIT_TEST_SUITE_END();

    FlowInfo http_post() {  // http-post.pcap, first direction
        FlowInfo f = make_flow("141.142.228.5", 53595, "54.243.55.129", 80);
        f.first_ts = {1363709111, 62053000};
        return f;
    }

public:
    void default_name_pads_ipv4_octets_and_ports() {
        FlowNamer n;
        CPPUNIT_ASSERT_EQUAL(std::string("141.142.228.005.53595-054.243.055.129.00080"), n.name(http_post(), 0));
    }
    void counter_adds_c_and_number_only_after_the_first_file() {
        // tcp-seq-wraparound-ftp.pcap: ...59764, ...59764c1, c2, c3
        FlowNamer n;
        FlowInfo f = make_flow("192.168.56.101", 37150, "192.168.56.1", 59764);
        CPPUNIT_ASSERT_EQUAL(std::string("192.168.056.101.37150-192.168.056.001.59764"), n.name(f, 0));
        CPPUNIT_ASSERT_EQUAL(std::string("192.168.056.101.37150-192.168.056.001.59764c1"), n.name(f, 1));
        CPPUNIT_ASSERT_EQUAL(std::string("192.168.056.101.37150-192.168.056.001.59764c3"), n.name(f, 3));
    }
    void ipv6_uses_inet_ntop_form() {
        // http-post-multipart-chunked.pcap
        FlowNamer n;
        FlowInfo f = make_flow("2001:41d0:a:f78a::1", 80, "2a01:e0a:b2e:ca60:3115:4578:37ed:f44f", 37642);
        CPPUNIT_ASSERT_EQUAL(std::string("2001:41d0:a:f78a::1.00080-2a01:e0a:b2e:ca60:3115:4578:37ed:f44f.37642"),
                             n.name(f, 0));
        FlowInfo lo = make_flow("::1", 80, "::1", 44730);  // http-keepalive-1000-requests-gap.pcap
        CPPUNIT_ASSERT_EQUAL(std::string("::1.00080-::1.44730"), n.name(lo, 0));
    }
    void vlan_appends_double_dash_and_vid() {
        // vlan-mpls-mixed.pcap (VID 4093, no priority bits, so 1.6.1's TCI gives the same)
        FlowNamer n;
        FlowInfo f = make_flow("10.0.0.15", 80, "10.20.80.1", 50343);
        f.key.has_vlan = true;
        f.key.vlan = 4093;
        CPPUNIT_ASSERT_EQUAL(std::string("010.000.000.015.00080-010.020.080.001.50343--4093"), n.name(f, 0));
        CPPUNIT_ASSERT_EQUAL(std::string("010.000.000.015.00080-010.020.080.001.50343--4093c1"), n.name(f, 1));
    }
    void no_vlan_gives_empty_V_and_v() {
        FlowNamer n;
        n.set_template("[%V%v]%A");
        CPPUNIT_ASSERT_EQUAL(std::string("[]141.142.228.005"), n.name(http_post(), 0));
    }
    void mac_codes_are_source_and_destination() {
        FlowNamer n;
        n.set_template("%E_%e");
        FlowInfo f = http_post();
        const uint8_t src[6] = {0xc8, 0xbc, 0xc8, 0x96, 0xd2, 0xa0}, dst[6] = {0x00, 0x10, 0xdb, 0x88, 0xd2, 0xef};
        std::copy(src, src + 6, f.mac_src);
        std::copy(dst, dst + 6, f.mac_dst);
        f.has_mac = true;
        CPPUNIT_ASSERT_EQUAL(std::string("c8:bc:c8:96:d2:a0_00:10:db:88:d2:ef"), n.name(f, 0));
    }
    void time_codes_use_first_packet_time() {
        FlowNamer n;
        n.set_template("%t|%T");
        CPPUNIT_ASSERT_EQUAL(std::string("1363709111|2013-03-19T16:05:11Z"), n.name(http_post(), 0));
    }
    void flow_id_bins_and_session_id() {
        FlowNamer n;
        n.set_template("%N_%K_%M_%G_%S");
        FlowInfo f = http_post();
        f.flow_id = 1234567890123ull;
        f.session_id = 42;
        CPPUNIT_ASSERT_EQUAL(std::string("123_890_567_234_00000000000000000042"), n.name(f, 0));
        f.flow_id = 1;
        f.session_id = 0;
        CPPUNIT_ASSERT_EQUAL(std::string("001_000_000_000_00000000000000000000"), n.name(f, 0));
    }
    void percent_percent_is_a_percent() {
        FlowNamer n;
        n.set_template("a%%b%%C");
        // "%%C" is a literal "%C", not the counter code, so %C%c is still appended.
        CPPUNIT_ASSERT_EQUAL(std::string("a%b%Cc2"), n.name(http_post(), 2));
    }
    void hash_code_is_counter_always() {
        FlowNamer n;
        n.set_template("x%#%c");
        CPPUNIT_ASSERT_EQUAL(std::string("x0"), n.name(http_post(), 0));
        CPPUNIT_ASSERT_EQUAL(std::string("x77"), n.name(http_post(), 7));
    }
    void template_without_c_gets_counter_appended() {
        FlowNamer n;
        n.set_template("%A");
        CPPUNIT_ASSERT_EQUAL(std::string("%A%C%c"), n.tmpl());
        CPPUNIT_ASSERT_EQUAL(std::string("141.142.228.005c1"), n.name(http_post(), 1));
    }
    void template_with_c_is_kept() {
        FlowNamer n;
        n.set_template("%c-%A");
        CPPUNIT_ASSERT_EQUAL(std::string("%c-%A"), n.tmpl());
        CPPUNIT_ASSERT_EQUAL(std::string("-141.142.228.005"), n.name(http_post(), 0));
    }
    void unknown_code_is_a_naming_error() {
        FlowNamer n;
        try {
            n.set_template("%Q");
            CPPUNIT_FAIL("no NamingError");
        } catch (const NamingError& e) {
            std::string what = e.what();
            CPPUNIT_ASSERT(what.find("%Q") != std::string::npos);
            CPPUNIT_ASSERT(what.find('\n') == std::string::npos);
        }
    }
    void trailing_percent_is_a_naming_error() {
        FlowNamer n;
        CPPUNIT_ASSERT_THROW(n.set_template("abc%"), NamingError);
    }
    void rejected_template_keeps_the_previous_one() {
        FlowNamer n;
        CPPUNIT_ASSERT_THROW(n.set_template("%z"), NamingError);
        CPPUNIT_ASSERT_EQUAL(std::string(FlowNamer::kDefaultTemplate), n.tmpl());
    }
    void Ft_prepends_time_t_and_T() {
        FlowNamer n;
        n.apply_format_letters("t");
        CPPUNIT_ASSERT_EQUAL(std::string("1363709111T141.142.228.005.53595-054.243.055.129.00080"),
                             n.name(http_post(), 0));
    }
    void FT_prepends_iso_time() {
        FlowNamer n;
        n.apply_format_letters("T");
        CPPUNIT_ASSERT_EQUAL(std::string("2013-03-19T16:05:11Z141.142.228.005.53595-054.243.055.129.00080"),
                             n.name(http_post(), 0));
    }
    void Ft_then_FT_puts_iso_time_first() {
        // tcpflow -Ft -FT on http-post.pcap
        FlowNamer n;
        n.apply_format_letters("t");
        n.apply_format_letters("T");
        CPPUNIT_ASSERT_EQUAL(std::string("2013-03-19T16:05:11Z1363709111T141.142.228.005.53595-054.243.055.129.00080"),
                             n.name(http_post(), 0));
    }
    void Fk_bins_by_thousands() {
        FlowNamer n;
        n.apply_format_letters("k");
        CPPUNIT_ASSERT_EQUAL(std::string("000/141.142.228.005.53595-054.243.055.129.00080"), n.name(http_post(), 0));
        FlowInfo f = http_post();
        f.flow_id = 12345;
        CPPUNIT_ASSERT_EQUAL(std::string("012/141.142.228.005.53595-054.243.055.129.00080"), n.name(f, 0));
    }
    void Fm_bins_two_levels() {
        FlowNamer n;
        n.apply_format_letters("m");
        CPPUNIT_ASSERT_EQUAL(std::string("000000-000999/000000/141.142.228.005.53595-054.243.055.129.00080"),
                             n.name(http_post(), 0));
    }
    void Fg_bins_three_levels() {
        FlowNamer n;
        n.apply_format_letters("g");
        CPPUNIT_ASSERT_EQUAL(
            std::string("000000000-000999999/000000000-000000999/000000000/141.142.228.005.53595-054.243.055.129.00080"),
            n.name(http_post(), 0));
    }
    void T_then_Fk_prefixes_the_new_template() {
        // tcpflow -T x%A -Fk gives 000/x141.142.228.005
        FlowNamer n;
        n.set_template("x%A");
        n.apply_format_letters("k");
        CPPUNIT_ASSERT_EQUAL(std::string("000/x141.142.228.005"), n.name(http_post(), 0));
    }
    void Fk_then_T_forgets_the_binning() {
        FlowNamer n;
        n.apply_format_letters("k");
        n.set_template("x%A");
        CPPUNIT_ASSERT_EQUAL(std::string("x141.142.228.005"), n.name(http_post(), 0));
    }
    void Fc_puts_counter_on_every_file() {
        // Deliberate fix: 1.6.1 gives "...cc" and loops forever on the third file.
        FlowNamer n;
        n.apply_format_letters("c");
        CPPUNIT_ASSERT_EQUAL(std::string("141.142.228.005.53595-054.243.055.129.00080c0"), n.name(http_post(), 0));
        CPPUNIT_ASSERT_EQUAL(std::string("141.142.228.005.53595-054.243.055.129.00080c1"), n.name(http_post(), 1));
        CPPUNIT_ASSERT_EQUAL(std::string("141.142.228.005.53595-054.243.055.129.00080c2"), n.name(http_post(), 2));
    }
    void Fc_twice_is_the_same_as_once() {
        FlowNamer once, twice;
        once.apply_format_letters("c");
        twice.apply_format_letters("cc");
        CPPUNIT_ASSERT_EQUAL(once.tmpl(), twice.tmpl());
    }
    void Fc_on_lone_codes() {
        FlowNamer n;
        n.set_template("%c_%A_%C");
        n.apply_format_letters("c");
        CPPUNIT_ASSERT_EQUAL(std::string("%#_%A_c"), n.tmpl());
        CPPUNIT_ASSERT_EQUAL(std::string("0_141.142.228.005_c"), n.name(http_post(), 0));
    }
    void FX_and_FM_leave_the_template_alone() {
        FlowNamer n;
        n.apply_format_letters("XM");
        CPPUNIT_ASSERT_EQUAL(std::string(FlowNamer::kDefaultTemplate), n.tmpl());
    }
    void unknown_F_letter_is_a_naming_error() {
        FlowNamer n;
        CPPUNIT_ASSERT_THROW(n.apply_format_letters("q"), NamingError);
    }
    void uses_counter_reflects_the_template() {
        FlowNamer n;
        CPPUNIT_ASSERT(n.uses_counter());
        n.apply_format_letters("c");
        CPPUNIT_ASSERT(n.uses_counter());
    }
    void plain_addresses_for_the_report() {
        FlowInfo f = make_flow("141.142.228.5", 1, "2001:db8::1", 2);
        CPPUNIT_ASSERT_EQUAL(std::string("141.142.228.5"), format_plain_address(4, f.key.src));
        uint8_t v6[16];
        inet_pton(AF_INET6, "2001:db8::1", v6);
        CPPUNIT_ASSERT_EQUAL(std::string("2001:db8::1"), format_plain_address(6, v6));
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(FlowNamerTest);
