// Live capture: clear errors, kernel filters, and the signal-driven stop.
// Tests that need to open a device pass quietly where capturing is not
// permitted (unprivileged builds).
#include <cppunit/extensions/HelperMacros.h>
#include <csignal>
#include <chrono>
#include <sys/time.h>

#include "capture/live_capture.h"
#include "capture_builder.h"

namespace tcpflow {

namespace {

extern "C" void stop_on_alarm(int) { request_capture_stop(); }

std::unique_ptr<PacketSource> open_loopback(const std::string& filter = "") {
    LiveOptions o;
    o.device = "lo";
    o.promiscuous = false;
    o.filter = filter;
    try {
        return open_live(o);
    } catch (const CaptureError& e) {
        if (std::string(e.what()).find("permission denied") != std::string::npos) return nullptr;
        throw;
    }
}

}  // namespace

class LiveCaptureTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(LiveCaptureTest);
    CPPUNIT_TEST(namesTheMissingDevice);
    CPPUNIT_TEST(describesItselfByInterface);
    CPPUNIT_TEST(rejectsBadKernelFilterExpression);
    CPPUNIT_TEST(nextReturnsFalseSoonAfterASignalRequestsStop);
    CPPUNIT_TEST(resetLetsCaptureRunAgain);
    CPPUNIT_TEST_SUITE_END();

public:
    void tearDown() override { reset_capture_stop(); }

    void namesTheMissingDevice() {
        LiveOptions o;
        o.device = "nosuchdev0";
        try {
            open_live(o);
            CPPUNIT_FAIL("no exception");
        } catch (const CaptureError& e) {
            std::string m = e.what();
            CPPUNIT_ASSERT(m.find("interface nosuchdev0: no such device") == 0 ||
                           m.find("interface nosuchdev0: permission denied") == 0);
        }
    }

    void describesItselfByInterface() {
        auto src = open_loopback();
        if (!src) return;
        CPPUNIT_ASSERT_EQUAL(std::string("interface lo"), src->describe());
        CPPUNIT_ASSERT_EQUAL(1, src->primary_dlt());  // Linux loopback looks like Ethernet
    }

    void rejectsBadKernelFilterExpression() {
        try {
            open_loopback("tcp port");
            CPPUNIT_FAIL("no exception");
        } catch (const CaptureError& e) {
            CPPUNIT_ASSERT_EQUAL(std::string("bad filter expression 'tcp port': syntax error"), std::string(e.what()));
        }
    }

    void nextReturnsFalseSoonAfterASignalRequestsStop() {
        // A filter nothing on loopback matches keeps next() waiting on timeouts.
        auto src = open_loopback("ether proto 0x1234");
        if (!src) return;
        struct sigaction sa {}, old {};
        sa.sa_handler = stop_on_alarm;
        sigaction(SIGALRM, &sa, &old);
        itimerval t{};
        t.it_value.tv_usec = 50000;
        setitimer(ITIMER_REAL, &t, nullptr);
        auto start = std::chrono::steady_clock::now();
        RawPacket p;
        bool got = src->next(p);
        double waited = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        sigaction(SIGALRM, &old, nullptr);
        CPPUNIT_ASSERT(!got);
        CPPUNIT_ASSERT(capture_stop_requested());
        CPPUNIT_ASSERT(waited < 2.0);
    }

    void resetLetsCaptureRunAgain() {
        request_capture_stop();
        CPPUNIT_ASSERT(capture_stop_requested());
        reset_capture_stop();
        CPPUNIT_ASSERT(!capture_stop_requested());
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(LiveCaptureTest);

}  // namespace tcpflow
