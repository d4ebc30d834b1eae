// report.xml's first <configuration>: what the host says about its scanners,
// which core settings count as changed, and how both are written.
#include <cppunit/extensions/HelperMacros.h>

#include <unistd.h>

#include <cstdio>
#include <sstream>

#include "app/run_config.h"
#include "host/scanner_host.h"
#include "host_test_support.h"
#include "output/run_configuration_xml.h"
#include "output/xml_writer.h"

namespace tcpflow {
namespace {

using test::TempDir;

std::string written(const RunDescription& run) {
    std::FILE* f = std::tmpfile();
    {
        XmlWriter w(fileno(f), "tmp");
        write_run_configuration(w, run);
        w.close();
    }
    std::string out;
    std::rewind(f);
    char buf[4096];
    for (size_t n; (n = std::fread(buf, 1, sizeof buf, f)) > 0;) out.append(buf, n);
    std::fclose(f);
    return out;
}

class RunDescriptionTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(RunDescriptionTest);
    CPPUNIT_TEST(empty_run_writes_nothing);
    CPPUNIT_TEST(scanners_and_settings_are_written_escaped);
    CPPUNIT_TEST(only_values_other_than_the_default_are_changes);
    CPPUNIT_TEST(host_lists_each_loaded_scanner_once_with_every_setting);
    CPPUNIT_TEST_SUITE_END();

public:
    void empty_run_writes_nothing() { CPPUNIT_ASSERT_EQUAL(std::string(), written(RunDescription())); }

    void scanners_and_settings_are_written_escaped() {
        RunDescription run;
        run.scanners.push_back({"md5", "2.0.0", "1.3", "/p/scan_md5.so", true, {{"md5_algorithms", "md5"}}});
        run.scanners.push_back({"x", "1", "1.0", "/p/a'b<c>.so", false, {}});
        run.core_settings.push_back({"tcp_timeout", "30", "0"});
        CPPUNIT_ASSERT_EQUAL(std::string("    <scanners>\n"
                                         "      <scanner name='md5' version='2.0.0' abi='1.3' path='/p/scan_md5.so' enabled='1'>\n"
                                         "        <setting name='md5_algorithms' value='md5'/>\n"
                                         "      </scanner>\n"
                                         "      <scanner name='x' version='1' abi='1.0' path='/p/a&apos;b&lt;c&gt;.so' enabled='0'/>\n"
                                         "    </scanners>\n"
                                         "    <core_settings>\n"
                                         "      <setting name='tcp_timeout' value='30' default='0'/>\n"
                                         "    </core_settings>\n"),
                             written(run));
    }

    void only_values_other_than_the_default_are_changes() {
        RunConfig cfg;
        CPPUNIT_ASSERT(apply_core_setting(cfg, "tdelta", "0"));           // the default
        CPPUNIT_ASSERT(apply_core_setting(cfg, "enable_report", "yes"));  // the default, another case
        CPPUNIT_ASSERT(apply_core_setting(cfg, "tcp_timeout", "30"));
        CPPUNIT_ASSERT(apply_core_setting(cfg, "frag_timeout", "45"));
        CPPUNIT_ASSERT(apply_core_setting(cfg, "frag_timeout", "30"));     // set back: the last value counts
        CPPUNIT_ASSERT(!apply_core_setting(cfg, "md5_algorithms", "sha1"));  // not a core setting
        const std::vector<CoreSettingChange> changes = changed_core_settings(cfg);
        CPPUNIT_ASSERT_EQUAL(size_t(1), changes.size());
        CPPUNIT_ASSERT_EQUAL(std::string("tcp_timeout"), changes[0].name);
        CPPUNIT_ASSERT_EQUAL(std::string("30"), changes[0].value);
        CPPUNIT_ASSERT_EQUAL(std::string("0"), changes[0].default_value);
    }

    void host_lists_each_loaded_scanner_once_with_every_setting() {
        TempDir dir;
        const std::string so = dir.copy_in(test::fixture_so("fix_valid"), "scan_fixture.so");
        std::ostringstream err;
        ScannerHost host(test::isolated_config(err));
        host.add_plugin_dir(dir.path());
        host.add_plugin_dir(dir.path());  // the same file twice in the path is still one scanner
        host.load();
        host.configure({EnableCommand::from_flag('e', "fixture")}, {{"fixture_string", "world"}});
        const std::vector<ScannerDescription> s = host.describe_scanners();
        CPPUNIT_ASSERT_EQUAL(size_t(1), s.size());
        CPPUNIT_ASSERT_EQUAL(std::string("fixture"), s[0].name);
        CPPUNIT_ASSERT_EQUAL(so, s[0].path);
        CPPUNIT_ASSERT(s[0].enabled);
        CPPUNIT_ASSERT_EQUAL(std::to_string(TCPFLOW_SCANNER_ABI_MAJOR) + "." + std::to_string(TCPFLOW_SCANNER_ABI_MINOR),
                             s[0].abi);
        CPPUNIT_ASSERT_EQUAL(host.params().owned_by("fixture").size(), s[0].settings.size());
        bool found = false;
        for (const auto& [name, value] : s[0].settings)
            if (name == "fixture_string") found = value == "world";
        CPPUNIT_ASSERT(found);
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(RunDescriptionTest);

}  // namespace
}  // namespace tcpflow
