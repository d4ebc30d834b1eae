#include "digest_set.h"

#include <cctype>
#include <stdexcept>

namespace tcpflow {
namespace md5 {

namespace {

// OpenSSL 3 still knows the names of digests its default provider does not
// implement (md4, whirlpool, ...): only an initialisation says whether one can
// be used. Checked at init so a bad setting stops tcpflow before it records.
bool usable(const std::string& name) {
    const EVP_MD* md = EVP_get_digestbyname(name.c_str());
    if (!md) return false;
    EVP_MD_CTX* ctx = EVP_MD_CTX_new();
    const bool ok = ctx && EVP_DigestInit_ex(ctx, md, nullptr) == 1;
    EVP_MD_CTX_free(ctx);
    return ok;
}

}  // namespace

std::vector<std::string> parse_algorithms(const std::string& list) {
    std::vector<std::string> out;
    std::string word;
    auto flush = [&] {
        if (word.empty()) return;
        if (!usable(word))
            throw std::invalid_argument("unknown digest '" + word +
                                        "' in md5_algorithms, or not available in this OpenSSL "
                                        "(try md5, sha1, sha256, sha512)");
        out.push_back(word);
        word.clear();
    };
    for (char c : list) {
        if (c == ',' || c == ' ') flush();
        else word += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    flush();
    if (out.empty()) throw std::invalid_argument("md5_algorithms names no digest");
    return out;
}

static std::string dfxml_type(const std::string& name) {
    std::string t;
    for (char c : name) t += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return t;
}

DigestSet::DigestSet(const std::vector<std::string>& algorithms) {
    for (const auto& name : algorithms) {
        EVP_MD_CTX* ctx = EVP_MD_CTX_new();
        if (!ctx || EVP_DigestInit_ex(ctx, EVP_get_digestbyname(name.c_str()), nullptr) != 1) {
            EVP_MD_CTX_free(ctx);
            throw std::runtime_error("cannot initialise digest " + name);
        }
        contexts_.emplace_back(dfxml_type(name), ctx);
    }
}

DigestSet::~DigestSet() {
    for (auto& c : contexts_) EVP_MD_CTX_free(c.second);
}

void DigestSet::update(const uint8_t* data, size_t len) {
    for (auto& c : contexts_) EVP_DigestUpdate(c.second, data, len);
}

void DigestSet::update_zeros(uint64_t len) {
    static const uint8_t zeros[64 * 1024] = {};
    while (len > 0) {
        size_t n = len < sizeof zeros ? static_cast<size_t>(len) : sizeof zeros;
        update(zeros, n);
        len -= n;
    }
}

std::vector<std::pair<std::string, std::string>> DigestSet::finish() {
    static const char hex[] = "0123456789abcdef";
    std::vector<std::pair<std::string, std::string>> out;
    for (auto& c : contexts_) {
        unsigned char md[EVP_MAX_MD_SIZE];
        unsigned int n = 0;
        EVP_DigestFinal_ex(c.second, md, &n);
        std::string text;
        for (unsigned i = 0; i < n; ++i) {
            text += hex[md[i] >> 4];
            text += hex[md[i] & 15];
        }
        out.emplace_back(c.first, text);
    }
    return out;
}

}  // namespace md5
}  // namespace tcpflow
