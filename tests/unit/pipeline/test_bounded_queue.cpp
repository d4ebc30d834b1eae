// BoundedQueue: order, the capacity bound (a producer waits), timeouts, a close
// that lets consumers drain what is left, and waiting for several items at once
// (pop_when, which nudge() cuts short), items a consumer must leave (keep), and the
// last-in first-out order of the -j batch pool (push_last puts an item under the rest).
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
    CPPUNIT_TEST(try_pop_never_waits);
    CPPUNIT_TEST(pop_when_waits_for_enough_items);
    CPPUNIT_TEST(nudge_lets_one_item_do);
    CPPUNIT_TEST(pop_when_takes_what_a_closed_queue_holds);
    CPPUNIT_TEST(try_pop_leaves_the_items_to_keep);
    CPPUNIT_TEST(a_nudge_never_takes_the_items_to_keep);
    CPPUNIT_TEST(lifo_takes_the_newest_and_push_last_goes_under);
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

    void try_pop_never_waits() {
        Q q(2);
        std::unique_ptr<int> out;
        CPPUNIT_ASSERT(!q.try_pop(out));
        CPPUNIT_ASSERT(!out);
        auto a = item(7);
        q.push(a);
        CPPUNIT_ASSERT(q.try_pop(out));
        CPPUNIT_ASSERT_EQUAL(7, *out);
        CPPUNIT_ASSERT_EQUAL(size_t(0), q.size());
    }

    void pop_when_waits_for_enough_items() {
        Q q(8);
        std::atomic<int> pushed{0};
        std::thread producer([&] {
            for (int i = 1; i <= 3; ++i) {
                std::this_thread::sleep_for(20ms);
                auto p = item(i);
                q.push(p);
                ++pushed;
            }
        });
        std::unique_ptr<int> out;
        CPPUNIT_ASSERT(q.pop_when(out, 3, 5000ms) == Q::Pop::Item);
        CPPUNIT_ASSERT_EQUAL(3, pushed.load());  // not woken by the first or second item
        CPPUNIT_ASSERT_EQUAL(1, *out);           // still first in, first out
        producer.join();
        CPPUNIT_ASSERT(q.pop_when(out, 5, 30ms) == Q::Pop::Timeout);  // 2 left: too few
        CPPUNIT_ASSERT_EQUAL(size_t(2), q.size());
        for (int i = 4; i <= 9; ++i) {
            auto p = item(i);
            q.push(p);
        }
        // More than the queue can hold: a full queue will do.
        CPPUNIT_ASSERT(q.pop_when(out, 100, 0ms) == Q::Pop::Item);
        CPPUNIT_ASSERT_EQUAL(2, *out);
    }

    void nudge_lets_one_item_do() {
        Q q(8);
        auto a = item(4);
        q.push(a);
        std::atomic<bool> taken{false};
        std::unique_ptr<int> out;
        std::thread consumer([&] {
            if (q.pop_when(out, 6, 5000ms) == Q::Pop::Item) taken = true;
        });
        std::this_thread::sleep_for(50ms);
        CPPUNIT_ASSERT(!taken);  // one item, six wanted
        q.nudge();
        consumer.join();
        CPPUNIT_ASSERT(taken);
        CPPUNIT_ASSERT_EQUAL(4, *out);
        // A nudge with nobody waiting changes nothing for the next wait.
        q.nudge();
        auto b = item(5);
        q.push(b);
        CPPUNIT_ASSERT(q.pop_when(out, 2, 30ms) == Q::Pop::Timeout);
    }

    void pop_when_takes_what_a_closed_queue_holds() {
        Q q(8);
        auto a = item(9);
        q.push(a);
        std::unique_ptr<int> out;
        std::thread closer([&] {
            std::this_thread::sleep_for(20ms);
            q.close();
        });
        CPPUNIT_ASSERT(q.pop_when(out, 4, 5000ms) == Q::Pop::Item);
        closer.join();
        CPPUNIT_ASSERT_EQUAL(9, *out);
        CPPUNIT_ASSERT(q.pop_when(out, 4, 5000ms) == Q::Pop::Closed);
    }

    void try_pop_leaves_the_items_to_keep() {
        Q q(8);
        for (int i = 1; i <= 3; ++i) {
            auto p = item(i);
            q.push(p);
        }
        std::unique_ptr<int> out;
        CPPUNIT_ASSERT(!q.try_pop(out, 3));  // three held, three to keep
        CPPUNIT_ASSERT(!out);
        CPPUNIT_ASSERT(q.try_pop(out, 2));
        CPPUNIT_ASSERT_EQUAL(1, *out);
        CPPUNIT_ASSERT_EQUAL(size_t(2), q.size());
    }

    void a_nudge_never_takes_the_items_to_keep() {
        Q q(8);
        for (int i = 1; i <= 2; ++i) {
            auto p = item(i);
            q.push(p);
        }
        std::atomic<bool> taken{false};
        std::unique_ptr<int> out;
        std::thread consumer([&] {
            if (q.pop_when(out, 6, 5000ms, 2) == Q::Pop::Item) taken = true;  // keep 2
        });
        std::this_thread::sleep_for(50ms);
        q.nudge();  // lowers the wait to 3 items, not 1
        std::this_thread::sleep_for(50ms);
        CPPUNIT_ASSERT(!taken);
        auto c = item(3);
        q.push(c);  // the third: one may go now
        consumer.join();
        CPPUNIT_ASSERT(taken);
        CPPUNIT_ASSERT_EQUAL(size_t(2), q.size());
    }

    void lifo_takes_the_newest_and_push_last_goes_under() {
        Q q(8, Q::Order::Lifo);
        auto a = item(1), b = item(2), c = item(3);
        q.push(a);
        q.push(b);
        q.push_last(c);  // under 1 and 2
        std::unique_ptr<int> out;
        CPPUNIT_ASSERT(q.try_pop(out));
        CPPUNIT_ASSERT_EQUAL(2, *out);
        CPPUNIT_ASSERT(q.pop(out, 0ms) == Q::Pop::Item);
        CPPUNIT_ASSERT_EQUAL(1, *out);
        CPPUNIT_ASSERT(q.pop_when(out, 1, 0ms) == Q::Pop::Item);
        CPPUNIT_ASSERT_EQUAL(3, *out);
        // A first-in first-out queue puts push_last's item at the end, as push() does.
        Q f(4);
        auto d = item(4), e = item(5);
        f.push_last(d);
        f.push(e);
        CPPUNIT_ASSERT(f.try_pop(out));
        CPPUNIT_ASSERT_EQUAL(4, *out);
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(BoundedQueueTest);
