// -L: the named semaphore is created with value 1, taken and given back around
// each console write, really excludes another holder, and reports a bad name
// in one line.
#include <cppunit/extensions/HelperMacros.h>
#include <fcntl.h>
#include <semaphore.h>
#include <thread>
#include <chrono>
#include "console/console_sink.h"
#include "console/named_semaphore.h"
#include "console_test_util.h"

using namespace tcpflow;
using tcpflow::test::bytes;

namespace {

std::string unique_name() { return "/tcpflow-unit-" + std::to_string(getpid()); }

/// The semaphore's current value, seen through a second handle.
int value_of(const std::string& name) {
    sem_t* s = sem_open(name.c_str(), 0);
    if (s == SEM_FAILED) return -1;
    int v = -1;
    sem_getvalue(s, &v);
    sem_close(s);
    return v;
}

}  // namespace

class NamedSemaphoreTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(NamedSemaphoreTest);
    CPPUNIT_TEST(created_with_value_one_and_unlinked);
    CPPUNIT_TEST(name_without_slash_is_the_same_semaphore);
    CPPUNIT_TEST(bad_name_is_one_clear_error);
    CPPUNIT_TEST(sink_waits_for_another_holder_and_releases_after_writing);
    CPPUNIT_TEST(sink_flushes_each_chunk_under_the_semaphore);
    CPPUNIT_TEST_SUITE_END();

public:
    void tearDown() override { NamedSemaphore::unlink(unique_name()); }

    void created_with_value_one_and_unlinked() {
        const std::string name = unique_name();
        NamedSemaphore::unlink(name);
        {
            NamedSemaphore sem(name);
            CPPUNIT_ASSERT_EQUAL(1, value_of(name));
            sem.lock();
            CPPUNIT_ASSERT_EQUAL(0, value_of(name));
            sem.unlock();
            CPPUNIT_ASSERT_EQUAL(1, value_of(name));
        }
        CPPUNIT_ASSERT_EQUAL(1, value_of(name));  // closing a handle keeps the name
        CPPUNIT_ASSERT(NamedSemaphore::unlink(name));
        CPPUNIT_ASSERT_EQUAL(-1, value_of(name));
        CPPUNIT_ASSERT(!NamedSemaphore::unlink(name));
    }
    void name_without_slash_is_the_same_semaphore() {
        const std::string name = unique_name();
        NamedSemaphore sem(name.substr(1));
        CPPUNIT_ASSERT_EQUAL(name, sem.name());
        sem.lock();
        CPPUNIT_ASSERT_EQUAL(0, value_of(name));
        sem.unlock();
    }
    void bad_name_is_one_clear_error() {
        try {
            NamedSemaphore sem("/no/slashes/inside");
            CPPUNIT_FAIL("expected std::runtime_error");
        } catch (const std::runtime_error& e) {
            std::string what = e.what();
            CPPUNIT_ASSERT(what.find("semaphore /no/slashes/inside: cannot open: ") == 0);
            CPPUNIT_ASSERT(what.find('\n') == std::string::npos);
        }
        ConsoleConfig cfg;
        cfg.semaphore = "/no/slashes/inside";
        CPPUNIT_ASSERT_THROW(ConsoleSink(cfg, FlowNamer(), stdout), std::runtime_error);
    }
    void sink_waits_for_another_holder_and_releases_after_writing() {
        const std::string name = unique_name();
        NamedSemaphore other(name);  // another tcpflow process, in effect
        tcpflow::test::CapturedOutput out;
        ConsoleConfig cfg;
        cfg.semaphore = name;
        ConsoleSink sink(cfg, FlowNamer(), out.file());
        FlowInfo flow = tcpflow::test::client_flow();

        other.lock();
        std::thread writer([&] {
            sink.on_data(flow, 0, bytes("hello"), 5);
            sink.on_deliveries_done();
        });
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
        CPPUNIT_ASSERT_EQUAL(std::string(), out.written());  // blocked on the semaphore
        other.unlock();
        writer.join();
        CPPUNIT_ASSERT_EQUAL(std::string("192.168.001.002.02345-010.000.000.001.00080: hello\n"), out.written());
        CPPUNIT_ASSERT_EQUAL(1, value_of(name));
    }
    void sink_flushes_each_chunk_under_the_semaphore() {
        tcpflow::test::CapturedOutput out;
        ConsoleConfig cfg;
        cfg.semaphore = unique_name();
        cfg.header = false;
        ConsoleSink sink(cfg, FlowNamer(), out.file());
        FlowInfo flow = tcpflow::test::client_flow();
        sink.on_data(flow, 0, bytes("one"), 3);
        sink.on_deliveries_done();
        CPPUNIT_ASSERT_EQUAL(std::string("one\n"), out.written());  // no fflush by the test
        sink.on_data(flow, 3, bytes("two"), 3);
        sink.on_deliveries_done();
        CPPUNIT_ASSERT_EQUAL(std::string("one\ntwo\n"), out.written());
        sink.on_close(flow);
    }
};
CPPUNIT_TEST_SUITE_REGISTRATION(NamedSemaphoreTest);
