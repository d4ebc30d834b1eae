// A ReassemblyOutput for tests: builds the stream the way the flow file would
// look (gaps zero-filled) and remembers every call, including the buffer
// pointers, so tests can tell a zero-copy delivery from a copy.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "reassembly/stream_reassembler.h"

namespace tcpflow {
namespace test {

struct Delivery {
    uint64_t offset;
    const uint8_t* data;
    size_t len;
};

class RecordingOutput : public ReassemblyOutput {
public:
    void deliver(uint64_t offset, const uint8_t* data, size_t len) override {
        if (offset != end_) out_of_order_calls++;
        calls.push_back(Delivery{offset, data, len});
        if (keep_bytes) stream.append(reinterpret_cast<const char*>(data), len);
        end_ = offset + len;
    }
    void gap(uint64_t offset, uint64_t len) override {
        if (offset != end_) out_of_order_calls++;
        gaps.push_back(GapRecord{offset, len});
        if (keep_bytes) stream.append(static_cast<size_t>(len), '\0');
        end_ = offset + len;
    }
    uint64_t end() const { return end_; }

    bool keep_bytes = true;       // off for multi-GiB tests
    std::string stream;           // what the flow file would hold
    std::vector<Delivery> calls;
    std::vector<GapRecord> gaps;
    int out_of_order_calls = 0;   // deliver/gap not starting where the last one ended

private:
    uint64_t end_ = 0;
};

inline const uint8_t* bytes(const char* s) { return reinterpret_cast<const uint8_t*>(s); }

/// add() with a string payload.
inline void add(StreamReassembler& r, uint32_t seq, const std::string& s, ReassemblyOutput& out) {
    r.add(seq, reinterpret_cast<const uint8_t*>(s.data()), s.size(), out);
}

}  // namespace test
}  // namespace tcpflow
