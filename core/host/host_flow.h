// What the host keeps per flow direction (FlowInfo::host_state) and per
// derived object: the C views handed to scanners, each scanner's state
// pointer, and the objects' report records.
#pragma once
#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "flow/flow_info.h"
#include "tcpflow/sdk/scanner.h"

namespace tcpflow {

struct HostFlow;

struct HostObject {
    tcpflow_object view{};
    std::string path, content_type, content_encoding, producer;
    HostFlow* flow = nullptr;
    size_t producer_slot = 0;
    std::FILE* file = nullptr;
    bool finished = false;
    bool removed = false;  // empty and not kept: no file, no record
    bool offered = false;  // other scanners see it (depth limit)
    bool truncated = false;     // a write failed (disk full): the file holds less than written to it
    uint64_t stored_bytes = 0;  // when truncated: the file's size on disk
    std::vector<void*> consumer_state;  // per slot
    std::vector<char> consumer_open;    // per slot: object_open succeeded
    std::string attributes;             // escaped " name='value'" pairs for <fileobject>
    std::string children;               // escaped elements inside <fileobject>
};

struct HostFlow {
    tcpflow_flow view{};
    FlowInfo* info = nullptr;
    std::string src_text, dst_text;
    std::vector<void*> state;  // per scanner slot
    std::vector<char> known;   // per slot: the scanner got an event for this flow (owes it flow_close)
    std::vector<std::unique_ptr<HostObject>> objects;  // creation order
};

}  // namespace tcpflow
