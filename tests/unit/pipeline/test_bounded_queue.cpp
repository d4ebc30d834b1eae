// BoundedQueue: order, the capacity bound (a producer waits), timeouts, and a
// close that lets consumers drain what is left.
#include <cppunit/extensions/HelperMacros.h>
#include <atomic>
#include <chrono>
#include <memory>
#include <thread>
#include <vector>
#include "pipeline/bounded_queue.h"

using namespace tcpflow;
using namespace std::chrono_literals;
using Q = BoundedQueue<std::unique_ptr<int>>;

class BoundedQueueTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(BoundedQueueTest);
    CPPUNIT_TEST(first_in_first_out);
    CPPUNIT_TEST(pop_times_out_when_empty);
    CPPUNIT_TEST(push_waits_while_full);
    CPPUNIT_TEST(close_drains_then_reports_closed);
    CPPUNIT_TEST(close_releases_a_waiting_pusher);
    CPPUNIT_TEST(many_items_through_two_threads_in_order);
    CPPUNIT_TEST_SUITE_END();

    static std::unique_ptr<int> item(int v) { return std::make_unique<int>(v); }

public:
    void first_in_first_out() {
        Q q(3);
        for (int i = 1; i <= 3; ++i) {
            auto p = item(i);
            CPPUNIT_ASSERT(q.push(p));
            CPPUNIT_ASSERT(!p);  // moved into the queue
        }
        CPPUNIT_ASSERT_EQUAL(size_t(3), q.size());
        std::unique_ptr<int> out;
        for (int i = 1; i <= 3; ++i) {
            CPPUNIT_ASSERT(q.pop(out, 0ms) == Q::Pop::Item);
            CPPUNIT_ASSERT_EQUAL(i, *out);
        }
    }

    void pop_times_out_when_empty() {
        Q q(1);
        std::unique_ptr<int> out;
        const auto t0 = std::chrono::steady_clock::now();
        CPPUNIT_ASSERT(q.pop(out, 30ms) == Q::Pop::Timeout);
        CPPUNIT_ASSERT(std::chrono::steady_clock::now() - t0 >= 25ms);
        CPPUNIT_ASSERT(!out);
    }

    void push_waits_while_full() {
        Q q(2);
        auto a = item(1), b = item(2);
        q.push(a);
        q.push(b);
        std::atomic<bool> pushed{false};
        std::thread producer([&] {
            auto c = item(3);
            q.push(c);
            pushed = true;
        });
        std::this_thread::sleep_for(50ms);
        CPPUNIT_ASSERT(!pushed);  // the bound holds: no third item while two wait
        CPPUNIT_ASSERT_EQUAL(size_t(2), q.size());
        std::unique_ptr<int> out;
        CPPUNIT_ASSERT(q.pop(out, 0ms) == Q::Pop::Item);
        producer.join();
        CPPUNIT_ASSERT(pushed);
        CPPUNIT_ASSERT(q.pop(out, 0ms) == Q::Pop::Item);
        CPPUNIT_ASSERT_EQUAL(2, *out);
        CPPUNIT_ASSERT(q.pop(out, 0ms) == Q::Pop::Item);
        CPPUNIT_ASSERT_EQUAL(3, *out);
    }

    void close_drains_then_reports_closed() {
        Q q(4);
        auto a = item(5);
        q.push(a);
        q.close();
        auto late = item(6);
        CPPUNIT_ASSERT(!q.push(late));
        CPPUNIT_ASSERT(late);  // refused: still the caller's
        std::unique_ptr<int> out;
        CPPUNIT_ASSERT(q.pop(out, 0ms) == Q::Pop::Item);
        CPPUNIT_ASSERT_EQUAL(5, *out);
        CPPUNIT_ASSERT(q.pop(out, 1000ms) == Q::Pop::Closed);
    }

    void close_releases_a_waiting_pusher() {
        Q q(1);
        auto a = item(1);
        q.push(a);
        std::atomic<int> result{-1};
        std::thread producer([&] {
            auto b = item(2);
            result = q.push(b) ? 1 : 0;
        });
        std::this_thread::sleep_for(20ms);
        q.close();
        producer.join();
        CPPUNIT_ASSERT_EQUAL(0, result.load());
    }

    void many_items_through_two_threads_in_order() {
        Q q(4);
        constexpr int kItems = 20000;
        std::thread producer([&] {
            for (int i = 0; i < kItems; ++i) {
                auto p = item(i);
                q.push(p);
            }
            q.close();
        });
        std::vector<int> got;
        std::unique_ptr<int> out;
        while (q.pop(out, 5000ms) == Q::Pop::Item) got.push_back(*out);
        producer.join();
        CPPUNIT_ASSERT_EQUAL(size_t(kItems), got.size());
        for (int i = 0; i < kItems; ++i) CPPUNIT_ASSERT_EQUAL(i, got[size_t(i)]);
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(BoundedQueueTest);
