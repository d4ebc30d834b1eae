#include "host/plugin_library.h"

#include <dlfcn.h>

#include <cstddef>

#include "host/abi_check.h"

namespace tcpflow {

namespace {

namespace dll = boost::dll;

// Boost.DLL reduces every dlopen failure to one generic error code; the
// dynamic linker's own text ("invalid ELF header", "undefined symbol: x") is
// what a user needs, and dlerror() still holds it right after the failure.
std::string dlopen_failure(const std::string& path, const dll::fs::error_code& ec) {
    const char* why = dlerror();
    if (!why) return ec.message();
    // dlerror() repeats the path; the caller's line already starts with it.
    std::string text = why;
    if (text.compare(0, path.size() + 2, path + ": ") == 0) text.erase(0, path.size() + 2);
    return text;
}

}  // namespace

bool is_scanner_name(const char* s) {
    if (!s || !*s) return false;
    for (; *s; ++s) {
        char c = *s;
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
    }
    return true;
}

// A plugin and the libraries it pulls in (libcrypto, cairo...) stay mapped until
// the process ends: unloading them would drop the roots of memory they allocated
// at initialisation (a leak to LeakSanitizer) and could leave dangling pointers
// in objects still alive. RTLD_NOLOAD|RTLD_NODELETE marks the open handle so.
static void pin_loaded_library(const std::string& path) {
    if (void* h = ::dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL | RTLD_NOLOAD | RTLD_NODELETE)) ::dlclose(h);
}

LoadOutcome load_plugin(const std::string& path) {
    LoadOutcome out;
    auto plugin = std::make_unique<LoadedPlugin>();
    plugin->path = path;
    dll::fs::error_code ec;
    plugin->library.load(path, ec, dll::load_mode::rtld_now | dll::load_mode::rtld_local);
    if (ec) {
        out.reason = dlopen_failure(path, ec);
        return out;
    }
    pin_loaded_library(path);
    if (!plugin->library.has(TCPFLOW_SCANNER_ENTRY_SYMBOL)) {
        out.reason = "not a tcpflow scanner (no " TCPFLOW_SCANNER_ENTRY_SYMBOL " symbol)";
        return out;
    }
    auto& entry = plugin->library.get<const tcpflow_scanner_desc*()>(TCPFLOW_SCANNER_ENTRY_SYMBOL);
    const tcpflow_scanner_desc* desc = entry();
    // Only the frozen prefix may be read before the ABI check passes.
    out.reason = abi_refusal(desc);
    // Within one major the identity fields keep their place, so a too-new minor
    // can still be named (for "-e NAME" to explain the refusal).
    if (desc && desc->abi_major == TCPFLOW_SCANNER_ABI_MAJOR &&
        desc->struct_size >= offsetof(tcpflow_scanner_desc, version) && is_scanner_name(desc->name))
        out.name = desc->name;
    if (!out.reason.empty()) return out;
    out.reason = descriptor_problem(*desc);
    if (!out.reason.empty()) return out;
    plugin->desc = desc;
    out.plugin = std::move(plugin);
    return out;
}

}  // namespace tcpflow
