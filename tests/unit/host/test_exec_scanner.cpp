// The exec scanner driven through the host: commands get the path as an
// argument (never shell text), see the flow in TCPFLOW_* variables, are
// bounded, timed out and reaped, and their statuses are recorded.
#include <cppunit/extensions/HelperMacros.h>
#include <fcntl.h>
#include <unistd.h>

#include <chrono>
#include <thread>

#include "host_test_support.h"

namespace tcpflow {
namespace {

class ExecScannerTest : public CppUnit::TestFixture, public test::HostRig {
    CPPUNIT_TEST_SUITE(ExecScannerTest);
    CPPUNIT_TEST(path_with_shell_metacharacters_is_one_argument_and_runs_nothing);
    CPPUNIT_TEST(flow_details_are_in_the_environment);
    CPPUNIT_TEST(exit_status_is_recorded_in_the_flow_record);
    CPPUNIT_TEST(timeout_kills_the_command_and_is_recorded);
    CPPUNIT_TEST(command_ignoring_sigterm_gets_sigkill_after_the_grace);
    CPPUNIT_TEST(timeout_is_enforced_while_the_host_is_busy_elsewhere);
    CPPUNIT_TEST(stop_request_ends_children_and_starts_no_more);
    CPPUNIT_TEST(children_get_dev_null_stdin_and_no_inherited_descriptors);
    CPPUNIT_TEST(without_wait_statuses_go_to_summary_and_children_are_bounded);
    CPPUNIT_TEST(tcp_alert_fd_gets_open_and_close_lines);
    CPPUNIT_TEST(http_cmd_and_alert_fd_follow_derived_objects);
    CPPUNIT_TEST(closed_alert_fd_is_refused_at_start);
    CPPUNIT_TEST(with_nothing_configured_it_asks_for_no_events);
    CPPUNIT_TEST_SUITE_END();

    void make_host(const std::vector<NameValue>& params, const std::vector<std::string>& enable = {}) {
        start_host({{test::plugin_so("exec"), "scan_exec.so"}, {test::fixture_so("fix_valid"), "scan_fixture.so"}},
                   enable, params);
    }

    FlowInfo run_flow(const std::string& name) {
        FlowInfo fi = test::make_flow(3, "");
        host->on_open(fi);
        fi.path = out->file(name);  // the file writer names the file with the first bytes
        out->write(name, "payload");
        fi.stored_bytes = 7;
        host->on_data(fi, 0, reinterpret_cast<const uint8_t*>("payload"), 7);
        fi.close_reason = CloseReason::Rst;
        host->on_close(fi);
        return fi;
    }

public:
    void tearDown() override {
        host.reset();
        err.str("");
        ::unlink("pwned");
    }

    void path_with_shell_metacharacters_is_one_argument_and_runs_nothing() {
        test::TempDir logs;
        make_host({{"tcp_cmd", "printf '[%s]\\n' >>" + logs.file("args")}, {"exec_wait", "yes"}});
        FlowInfo fi = run_flow("a b;touch pwned$(touch pwned2)`touch pwned3`'\"");
        CPPUNIT_ASSERT_EQUAL("[" + fi.path + "]\n", test::read_file(logs.file("args")));
        for (const char* f : {"pwned", "pwned2", "pwned3"}) {
            CPPUNIT_ASSERT(!test::file_exists(f));
            CPPUNIT_ASSERT(!test::file_exists(out->file(f)));
        }
    }

    void flow_details_are_in_the_environment() {
        test::TempDir logs;
        make_host({{"tcp_cmd", "env >" + logs.file("env") + "; true"}, {"exec_wait", "yes"}});
        FlowInfo fi = run_flow("f");
        const std::string env = test::read_file(logs.file("env"));
        for (const std::string& line : {"TCPFLOW_PATH=" + fi.path, std::string("TCPFLOW_SRC=10.0.0.1"),
                                        std::string("TCPFLOW_DST=192.168.1.2"), std::string("TCPFLOW_SPORT=80"),
                                        std::string("TCPFLOW_DPORT=40000"), std::string("TCPFLOW_CLOSE_REASON=rst"),
                                        std::string("TCPFLOW_KIND=flow"), std::string("TCPFLOW_BYTES=7")})
            CPPUNIT_ASSERT_MESSAGE(line, env.find(line + "\n") != std::string::npos);
    }

    void exit_status_is_recorded_in_the_flow_record() {
        make_host({{"tcp_cmd", "sh -c 'exit 3'"}, {"exec_wait", "yes"}});
        FlowInfo fi = run_flow("f");
        CPPUNIT_ASSERT_EQUAL(std::string("      <exec kind='tcp_cmd' command='sh -c &apos;exit 3&apos;' status='3'/>\n"),
                             fi.xml_annotations.str());
    }

    void timeout_kills_the_command_and_is_recorded() {
        make_host({{"tcp_cmd", "sleep 30; true"}, {"exec_wait", "yes"}, {"exec_timeout", "1"}});
        auto t0 = std::chrono::steady_clock::now();
        FlowInfo fi = run_flow("f");
        auto elapsed = std::chrono::steady_clock::now() - t0;
        CPPUNIT_ASSERT(elapsed < std::chrono::seconds(10));
        // SIGTERM first: the command may clean up.
        CPPUNIT_ASSERT_EQUAL(std::string("      <exec kind='tcp_cmd' command='sleep 30; true' timed_out='yes' signal='15'/>\n"),
                             fi.xml_annotations.str());
    }

    void command_ignoring_sigterm_gets_sigkill_after_the_grace() {
        make_host({{"tcp_cmd", "trap '' TERM; sleep 30; true"}, {"exec_wait", "yes"}, {"exec_timeout", "1"}});
        auto t0 = std::chrono::steady_clock::now();
        FlowInfo fi = run_flow("f");
        auto elapsed = std::chrono::steady_clock::now() - t0;
        CPPUNIT_ASSERT(elapsed >= std::chrono::milliseconds(2900));  // 1 s timeout + 2 s grace
        CPPUNIT_ASSERT(elapsed < std::chrono::seconds(8));
        CPPUNIT_ASSERT(fi.xml_annotations.str().find("timed_out='yes' signal='9'") != std::string::npos);
    }

    void timeout_is_enforced_while_the_host_is_busy_elsewhere() {
        test::TempDir logs;
        make_host({{"tcp_cmd", "echo $$ >" + logs.file("pid") + "; sleep 30; true"}, {"exec_timeout", "1"}});
        run_flow("f");  // no wait: the command runs on while the "capture" goes on
        std::this_thread::sleep_for(std::chrono::milliseconds(1800));
        // No call into the scanner since: only the watchdog can have ended it.
        const std::string pid = test::read_file(logs.file("pid"));
        CPPUNIT_ASSERT(!pid.empty());
        const std::string stat = test::read_file("/proc/" + pid.substr(0, pid.find('\n')) + "/stat");
        CPPUNIT_ASSERT_MESSAGE(stat, stat.empty() || stat.find(") Z ") != std::string::npos);
        host->on_end_of_run();
        CPPUNIT_ASSERT_MESSAGE(host->summary_xml(), host->summary_xml().find("timed_out='yes' signal='15'") != std::string::npos);
    }

    static bool stopping_now() { return stopping_flag; }
    static bool stopping_flag;

    void stop_request_ends_children_and_starts_no_more() {
        stopping_flag = false;
        stop_requested = stopping_now;
        test::TempDir logs;
        // Default exec_timeout: 60 s. The marker says the trap is in place.
        make_host({{"tcp_cmd", "trap '' TERM; touch " + logs.file("trapped") + "; sleep 30; true"}});
        run_flow("hung");
        for (int i = 0; i < 500 && !test::file_exists(logs.file("trapped")); ++i)
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        stopping_flag = true;  // SIGINT
        run_flow("after");
        auto t0 = std::chrono::steady_clock::now();
        host->on_end_of_run();
        auto elapsed = std::chrono::steady_clock::now() - t0;
        stop_requested = nullptr;
        stopping_flag = false;
        CPPUNIT_ASSERT(elapsed < std::chrono::seconds(5));  // the 2 s grace, not the 60 s timeout
        const std::string& sum = host->summary_xml();
        CPPUNIT_ASSERT_MESSAGE(sum, sum.find("path='" + out->file("hung") + "' stopped='yes' signal='9'/>") != std::string::npos);
        CPPUNIT_ASSERT_MESSAGE(sum, sum.find("path='" + out->file("after") + "' error='not started: tcpflow was stopping'/>") !=
                                        std::string::npos);
        // The recorder prints the one line about the stop; exec adds none of its own.
        CPPUNIT_ASSERT_MESSAGE(err.str(), err.str().find("cannot run") == std::string::npos);
    }

    void children_get_dev_null_stdin_and_no_inherited_descriptors() {
        test::TempDir logs;
        int leak = ::open("/dev/null", O_RDONLY);  // not close-on-exec: the runner must still close it
        CPPUNIT_ASSERT(leak > 2 && leak < 10);
        make_host({{"tcp_cmd", "true; ls /proc/$$/fd >" + logs.file("fds") + "; readlink /proc/$$/fd/0 >" +
                                   logs.file("stdin") + "; true"},
                   {"exec_wait", "yes"}});
        run_flow("f");
        ::close(leak);
        // The shell keeps its own descriptors at 10 and above; ours would be below.
        std::istringstream fds(test::read_file(logs.file("fds")));
        std::vector<int> listed;
        for (int fd; fds >> fd;) listed.push_back(fd);
        CPPUNIT_ASSERT(listed.size() >= 3 && listed[0] == 0 && listed[1] == 1);
        for (int fd : listed) CPPUNIT_ASSERT_MESSAGE(std::to_string(fd), fd <= 2 || fd >= 10);
        CPPUNIT_ASSERT_EQUAL(std::string("/dev/null\n"), test::read_file(logs.file("stdin")));
    }

    void without_wait_statuses_go_to_summary_and_children_are_bounded() {
        make_host({{"tcp_cmd", "sleep 0.3; true"}, {"exec_max_children", "2"}});
        auto t0 = std::chrono::steady_clock::now();
        for (const char* name : {"a", "b", "c", "d"}) {
            FlowInfo fi = run_flow(name);
            CPPUNIT_ASSERT_EQUAL(std::string(), fi.xml_annotations.str());
        }
        host->on_end_of_run();
        auto elapsed = std::chrono::steady_clock::now() - t0;
        CPPUNIT_ASSERT(elapsed >= std::chrono::milliseconds(550));  // two rounds of two
        CPPUNIT_ASSERT_EQUAL(size_t(4), test::count_of(host->summary_xml(), "<exec kind='tcp_cmd'"));
        CPPUNIT_ASSERT_EQUAL(size_t(4), test::count_of(host->summary_xml(), "status='0'/>"));
        CPPUNIT_ASSERT(host->summary_xml().find("path='" + out->file("c") + "'") != std::string::npos);
    }

    void tcp_alert_fd_gets_open_and_close_lines() {
        int p[2];
        CPPUNIT_ASSERT_EQUAL(0, ::pipe(p));
        make_host({{"tcp_alert_fd", std::to_string(p[1])}});
        FlowInfo fi = run_flow("f");
        ::close(p[1]);
        host.reset();
        char buf[4096];
        ssize_t n = ::read(p[0], buf, sizeof buf);
        ::close(p[0]);
        CPPUNIT_ASSERT_EQUAL("open\t" + fi.path + "\nclose\t" + fi.path + "\n", std::string(buf, n > 0 ? n : 0));
    }

    void http_cmd_and_alert_fd_follow_derived_objects() {
        int p[2];
        CPPUNIT_ASSERT_EQUAL(0, ::pipe(p));
        test::TempDir logs;
        make_host({{"http_alert_fd", std::to_string(p[1])}, {"http_cmd", "printf '%s\\n' >>" + logs.file("objs")},
                   {"exec_wait", "yes"}, {"fixture_object", "yes"}},
                  {"fixture"});
        FlowInfo fi = run_flow("f");
        ::close(p[1]);
        char buf[4096];
        ssize_t n = ::read(p[0], buf, sizeof buf);
        ::close(p[0]);
        const std::string base = fi.path;
        CPPUNIT_ASSERT_EQUAL("open\t" + base + "-OBJ1\nopen\t" + base + "-OBJ1.inner\nclose\t" + base +
                                 "-OBJ1.inner\nclose\t" + base + "-OBJ1\nopen\t" + base + "-EMPTY\nopen\t" + base +
                                 "-OPEN\nclose\t" + base + "-OPEN\n",
                             std::string(buf, n > 0 ? n : 0));
        CPPUNIT_ASSERT_EQUAL(base + "-OBJ1.inner\n" + base + "-OBJ1\n" + base + "-OPEN\n", test::read_file(logs.file("objs")));
        CPPUNIT_ASSERT_EQUAL(size_t(3), test::count_of(fi.xml_annotations.str(), "<exec kind='http_cmd'"));
    }

    void with_nothing_configured_it_asks_for_no_events() {
        make_host({});
        CPPUNIT_ASSERT(host->enabled_scanners() == std::vector<std::string>{"exec"});
        FlowInfo fi = test::make_flow(0, out->file("f"));
        host->on_open(fi);
        CPPUNIT_ASSERT(fi.host_state == nullptr);  // no per-flow work at all
        host->on_close(fi);
    }

    void closed_alert_fd_is_refused_at_start() {
        std::string why = "(init succeeded)";
        try {
            make_host({{"tcp_alert_fd", "999"}});
        } catch (const std::exception& e) {
            why = e.what();  // the init failure quotes the scanner (a command-line error)
        }
        CPPUNIT_ASSERT_MESSAGE(why, why.find("tcp_alert_fd=999 is not an open file descriptor") != std::string::npos);
    }
};

bool ExecScannerTest::stopping_flag = false;

CPPUNIT_TEST_SUITE_REGISTRATION(ExecScannerTest);

}  // namespace
}  // namespace tcpflow
