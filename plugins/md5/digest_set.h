// Several message digests (OpenSSL EVP) fed from the same stream, so one pass
// over a flow gives its MD5 and, when asked, SHA1/SHA256/...
#pragma once
#include <openssl/evp.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace tcpflow {
namespace md5 {

/// "md5,sha256" -> {"md5", "sha256"}; throws std::invalid_argument naming a
/// digest OpenSSL does not know.
std::vector<std::string> parse_algorithms(const std::string& list);

class DigestSet {
public:
    explicit DigestSet(const std::vector<std::string>& algorithms);
    ~DigestSet();
    DigestSet(const DigestSet&) = delete;
    DigestSet& operator=(const DigestSet&) = delete;

    void update(const uint8_t* data, size_t len);
    /// Hashes `len` zero bytes: a hole in a flow file reads as zeros.
    void update_zeros(uint64_t len);
    /// {DFXML type ("MD5", "SHA256"), lowercase hex}, in algorithm order.
    std::vector<std::pair<std::string, std::string>> finish();

private:
    std::vector<std::pair<std::string, EVP_MD_CTX*>> contexts_;
};

}  // namespace md5
}  // namespace tcpflow
