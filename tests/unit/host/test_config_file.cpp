// The YAML configuration file: its schema, its errors, and the rule that the
// command line wins over it.
#include <cppunit/extensions/HelperMacros.h>

#include "host/host_config_file.h"
#include "host/host_error.h"
#include "host_test_support.h"

namespace tcpflow {
namespace {

class ConfigFileTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(ConfigFileTest);
    CPPUNIT_TEST(full_file_is_read_in_order);
    CPPUNIT_TEST(single_values_may_replace_lists);
    CPPUNIT_TEST(unknown_top_level_key_lists_valid_keys);
    CPPUNIT_TEST(syntax_error_names_file_and_line);
    CPPUNIT_TEST(missing_file_is_an_error);
    CPPUNIT_TEST(file_plugin_path_loads_scanners_and_command_line_wins);
    CPPUNIT_TEST(bad_parameter_value_in_file_is_an_error);
    CPPUNIT_TEST_SUITE_END();

    test::TempDir dir;

    std::string write(const std::string& yaml) {
        dir.write("cfg.yaml", yaml);
        return dir.file("cfg.yaml");
    }

    std::string error_of(const std::string& yaml) {
        try {
            read_config_file(write(yaml));
        } catch (const HostError& e) {
            return e.what();
        }
        return "";
    }

public:
    void full_file_is_read_in_order() {
        ConfigFile c = read_config_file(write(
            "plugin_path: [/a, /b]\n"
            "scanners:\n  enable: [md5, all]\n  disable: [netviz]\n"
            "parameters:\n  tcp_cmd: echo hi\n  md5_algorithms: md5,sha1\n  http_cmd:\n"
            "core:\n  outdir: out\n  max_bytes: 100\n"));
        CPPUNIT_ASSERT(c.plugin_path == (std::vector<std::string>{"/a", "/b"}));
        CPPUNIT_ASSERT_EQUAL(size_t(3), c.scanner_commands.size());
        CPPUNIT_ASSERT(c.scanner_commands[0].kind == EnableCommand::Kind::Enable);
        CPPUNIT_ASSERT(c.scanner_commands[1].kind == EnableCommand::Kind::EnableAll);
        CPPUNIT_ASSERT(c.scanner_commands[2].kind == EnableCommand::Kind::Disable);
        CPPUNIT_ASSERT(c.parameters == (std::vector<NameValue>{{"tcp_cmd", "echo hi"}, {"md5_algorithms", "md5,sha1"}, {"http_cmd", ""}}));
        CPPUNIT_ASSERT(c.core == (std::vector<NameValue>{{"outdir", "out"}, {"max_bytes", "100"}}));
    }

    void single_values_may_replace_lists() {
        ConfigFile c = read_config_file(write("plugin_path: /x:/y\nscanners:\n  enable: md5\n"));
        CPPUNIT_ASSERT(c.plugin_path == (std::vector<std::string>{"/x", "/y"}));
        CPPUNIT_ASSERT_EQUAL(std::string("md5"), c.scanner_commands.at(0).name);
    }

    void unknown_top_level_key_lists_valid_keys() {
        CPPUNIT_ASSERT_EQUAL("config " + dir.file("cfg.yaml") +
                                 ":2: unknown key 'paramters'; valid keys: plugin_path, scanners, parameters, core",
                             error_of("core: {}\nparamters: {}\n"));
    }

    void syntax_error_names_file_and_line() {
        std::string e = error_of("scanners:\n  enable: [md5\n");
        CPPUNIT_ASSERT_MESSAGE(e, e.rfind("config " + dir.file("cfg.yaml") + ":", 0) == 0);
    }

    void missing_file_is_an_error() {
        CPPUNIT_ASSERT_THROW(read_config_file(dir.file("none.yaml")), HostError);
    }

    void file_plugin_path_loads_scanners_and_command_line_wins() {
        test::TempDir plugins;
        plugins.copy_in(test::fixture_so("fix_valid"), "scan_fixture.so");
        const std::string path = write("plugin_path: [" + plugins.path() + "]\n"
                                       "scanners: {enable: [fixture]}\n"
                                       "parameters: {fixture_int: 3, fixture_string: from-file, fixture_bool: true}\n"
                                       "core: {outdir: o}\n");
        std::ostringstream err;
        ScannerHost host(test::isolated_config(err));
        const ConfigFile& f = host.load_config_file(path);
        CPPUNIT_ASSERT_EQUAL(std::string("outdir"), f.core.at(0).first);
        host.load();
        host.configure({}, {{"fixture_int", "-2"}});
        CPPUNIT_ASSERT(host.enabled_scanners() == std::vector<std::string>{"fixture"});
        CPPUNIT_ASSERT_EQUAL(std::string("-2"), *host.params().value("fixture_int"));
        CPPUNIT_ASSERT_EQUAL(std::string("from-file"), *host.params().value("fixture_string"));
        CPPUNIT_ASSERT_EQUAL(std::string("true"), *host.params().value("fixture_bool"));
    }

    void bad_parameter_value_in_file_is_an_error() {
        test::TempDir plugins;
        plugins.copy_in(test::fixture_so("fix_valid"), "scan_fixture.so");
        std::ostringstream err;
        ScannerHost host(test::isolated_config(err));
        host.load_config_file(write("plugin_path: " + plugins.path() + "\nparameters: {fixture_int: 11}\n"));
        host.load();
        CPPUNIT_ASSERT_THROW(host.configure({}, {}), HostError);
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(ConfigFileTest);

}  // namespace
}  // namespace tcpflow
