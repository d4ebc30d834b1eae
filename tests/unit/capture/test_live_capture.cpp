// Live capture: clear errors, kernel filters, and the signal-driven stop.
// Tests that need to open a device pass quietly where capturing is not
// permitted (unprivileged builds).
#include <cppunit/extensions/HelperMacros.h>
#include <csignal>
#include <cstring>
#include <chrono>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include "capture/live_capture.h"
#include "capture_builder.h"

namespace tcpflow {

namespace {

void stop_on_alarm(int) { request_capture_stop(); }

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

void send_udp_to_loopback(uint16_t port, const char* text) {
    int s = ::socket(AF_INET, SOCK_DGRAM, 0);
    sockaddr_in to{};
    to.sin_family = AF_INET;
    to.sin_port = htons(port);
    to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::sendto(s, text, std::strlen(text), 0, reinterpret_cast<sockaddr*>(&to), sizeof to);
    ::close(s);
}

// Stops a next() that would otherwise wait forever if the test breaks.
struct AlarmGuard {
    struct sigaction old {};
    explicit AlarmGuard(long usec) {
        struct sigaction sa {};
        sa.sa_handler = stop_on_alarm;
        sigaction(SIGALRM, &sa, &old);
        itimerval t{};
        t.it_value.tv_sec = usec / 1000000;
        t.it_value.tv_usec = usec % 1000000;
        setitimer(ITIMER_REAL, &t, nullptr);
    }
    ~AlarmGuard() {
        itimerval off{};
        setitimer(ITIMER_REAL, &off, nullptr);
        sigaction(SIGALRM, &old, nullptr);
    }
};

}  // namespace

class LiveCaptureTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(LiveCaptureTest);
    CPPUNIT_TEST(namesTheMissingDevice);
    CPPUNIT_TEST(describesItselfByInterface);
    CPPUNIT_TEST(rejectsBadKernelFilterExpression);
    CPPUNIT_TEST(deliversPacketsPassingTheKernelFilter);
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
            if (open_loopback("tcp port")) CPPUNIT_FAIL("no exception");
        } catch (const CaptureError& e) {
            CPPUNIT_ASSERT_EQUAL(std::string("bad filter expression 'tcp port': syntax error"), std::string(e.what()));
        }
    }

    void deliversPacketsPassingTheKernelFilter() {
        auto src = open_loopback("udp dst port 45678");
        if (!src) return;
        send_udp_to_loopback(45679, "not me");
        send_udp_to_loopback(45678, "hello capture");
        RawPacket p;
        bool got;
        {
            AlarmGuard give_up_in(3000000);
            got = src->next(p);
        }
        CPPUNIT_ASSERT(got);
        CPPUNIT_ASSERT_EQUAL(1, p.dlt);
        CPPUNIT_ASSERT_EQUAL(14u + 20u + 8u + 13u, p.caplen);
        CPPUNIT_ASSERT_EQUAL(0, std::memcmp(p.data + 42, "hello capture", 13));
        CPPUNIT_ASSERT(p.ts.sec > 1600000000);
    }

    void nextReturnsFalseSoonAfterASignalRequestsStop() {
        // A filter nothing on loopback matches keeps next() waiting on timeouts.
        auto src = open_loopback("ether proto 0x1234");
        if (!src) return;
        auto start = std::chrono::steady_clock::now();
        RawPacket p;
        bool got;
        {
            AlarmGuard stop_in(50000);
            got = src->next(p);
        }
        double waited = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
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
