#include "decode_report.h"

namespace tcpflow {
namespace decode {

std::vector<std::string> decode_attributes(const std::string& encoding, const ContentDecoder& decoder) {
    std::vector<std::string> a = {"encoding", encoding, "encoded_bytes", std::to_string(decoder.bytes_in()),
                                  "decoded_bytes", std::to_string(decoder.bytes_out())};
    if (decoder.stopped()) a.insert(a.end(), {"stop", stop_name(decoder.stop()), "error", decoder.error()});
    return a;
}

}  // namespace decode
}  // namespace tcpflow
