// Header-only C++17 convenience layer over scanner.h. Nothing here crosses the
// plugin boundary: it compiles into the scanner, turns the C callbacks into
// virtual member functions of a class, and turns C++ exceptions into error
// statuses before they could reach the host.
//
// Minimal scanner:
//
//     #include <tcpflow/sdk/scanner.hpp>
//     class Hello : public tcpflow::sdk::Scanner {
//     public:
//         using Scanner::Scanner;
//         int flow_close(const tcpflow_flow& f, void*) override {
//             host().add_attribute(f, "hello", "world");
//             return TCPFLOW_OK;
//         }
//     };
//     static const tcpflow_scanner_desc desc = tcpflow::sdk::describe<Hello>(
//         "hello", "1.0", "MIT", "says hello", nullptr, 0, TCPFLOW_EVENT_FLOW_CLOSE);
//     TCPFLOW_SCANNER(desc)
#ifndef TCPFLOW_SDK_SCANNER_HPP
#define TCPFLOW_SDK_SCANNER_HPP

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <exception>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "tcpflow/sdk/scanner.h"

/**
 * Emits the one exported entry symbol of a scanner library, returning `desc`
 * (a static const tcpflow_scanner_desc). Use it exactly once per library.
 */
#define TCPFLOW_SCANNER(desc)                                                              \
    extern "C" TCPFLOW_SDK_EXPORT const tcpflow_scanner_desc* tcpflow_scanner_entry(void) { \
        return &(desc);                                                                    \
    }

namespace tcpflow {
namespace sdk {

/// Thrown by Host getters when a service reports an error.
class HostError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// The host services of scanner.h as member functions.
class Host {
public:
    explicit Host(const tcpflow_host_api* api) : api_(api) {}

    /// The raw services table, for anything this class does not wrap.
    const tcpflow_host_api* api() const { return api_; }

    void log(int32_t level, const std::string& message) const { api_->log(api_->host, level, message.c_str()); }
    void error(const std::string& m) const { log(TCPFLOW_LOG_ERROR, m); }
    void warning(const std::string& m) const { log(TCPFLOW_LOG_WARNING, m); }
    void debug(const std::string& m) const { log(TCPFLOW_LOG_DEBUG, m); }

    /// Parameter value as text; throws HostError for an unknown name.
    std::string param(const char* name) const {
        const char* v = nullptr;
        check(api_->get_param(api_->host, name, &v), name);
        return v ? v : "";
    }
    bool param_bool(const char* name) const {
        int32_t v = 0;
        check(api_->get_param_bool(api_->host, name, &v), name);
        return v != 0;
    }
    int64_t param_int(const char* name) const {
        int64_t v = 0;
        check(api_->get_param_int(api_->host, name, &v), name);
        return v;
    }
    uint64_t param_uint(const char* name) const {
        uint64_t v = 0;
        check(api_->get_param_uint(api_->host, name, &v), name);
        return v;
    }
    double param_double(const char* name) const {
        double v = 0;
        check(api_->get_param_double(api_->host, name, &v), name);
        return v;
    }

    /// Only from the constructor (init): deliver just these events this run.
    void set_events(uint32_t events) const { api_->set_events(api_->host, events); }

    std::string output_dir() const { return api_->output_dir(api_->host); }
    uint64_t max_bytes() const { return api_->max_bytes(api_->host); }

    /// The host's ABI is at least 1.`minor` (same major): its services of that minor exist.
    bool abi_at_least(uint32_t minor) const {
        return api_->abi_major == TCPFLOW_SCANNER_ABI_MAJOR && api_->abi_minor >= minor;
    }
    /// ABI 1.1: the host has scanner_enabled and run_info.
    bool has_run_services() const {
        return TCPFLOW_HOST_API_HAS(api_, scanner_enabled) && TCPFLOW_HOST_API_HAS(api_, run_info);
    }
    /// ABI 1.1: is scanner `name` enabled this run? A 1.0 host cannot say:
    /// then the answer is `if_unknown`, which the caller must choose.
    bool scanner_enabled(const char* name, bool if_unknown) const {
        if (!TCPFLOW_HOST_API_HAS(api_, scanner_enabled)) return if_unknown;
        return api_->scanner_enabled(api_->host, name) != 0;
    }
    /// ABI 1.1: a fact about the run ("program", "version", "command_line",
    /// "inputs", "output_dir"); "" when the key is unknown or the host is 1.0.
    std::string run_info(const char* key) const {
        if (!TCPFLOW_HOST_API_HAS(api_, run_info)) return "";
        const char* v = api_->run_info(api_->host, key);
        return v ? v : "";
    }

    /// ABI 1.2: the host has create_output_file.
    bool has_output_files() const { return TCPFLOW_HOST_API_HAS(api_, create_output_file); }
    /// ABI 1.2: `name` under the output directory, created without following
    /// links (see tcpflow_host_api::create_output_file). A descriptor the
    /// caller closes, or -1 (logged by the host; also when !has_output_files()).
    int create_output_file(const std::string& name) const {
        if (!has_output_files()) return -1;
        int32_t fd = -1;
        return api_->create_output_file(api_->host, name.c_str(), &fd) == TCPFLOW_OK ? fd : -1;
    }

    /// ABI 1.2: the run was asked to stop (SIGINT/SIGTERM/SIGHUP): stop waiting,
    /// start nothing long. Always false on an older host, which cannot say.
    bool stop_requested() const {
        return TCPFLOW_HOST_API_HAS(api_, stop_requested) && api_->stop_requested(api_->host) != 0;
    }

    /// Starts a derived object (see tcpflow_host_api::object_create); nullptr on failure.
    const tcpflow_object* object_create(const tcpflow_flow& flow, const tcpflow_object* parent,
                                        const std::string& suffix, const std::string& content_type = "",
                                        const std::string& content_encoding = "",
                                        uint64_t source_offset = UINT64_MAX) const {
        return api_->object_create(api_->host, &flow, parent, suffix.c_str(), content_type.c_str(),
                                   content_encoding.c_str(), source_offset);
    }
    int32_t object_write(const tcpflow_object* o, const void* data, size_t len) const {
        return api_->object_write(api_->host, o, static_cast<const uint8_t*>(data), len);
    }
    int32_t object_finish(const tcpflow_object* o, bool keep_empty = false) const {
        return api_->object_finish(api_->host, o, keep_empty ? 1 : 0);
    }
    /// Whole object in one call: create, write, finish.
    int32_t object_create_whole(const tcpflow_flow& flow, const tcpflow_object* parent, const std::string& suffix,
                                const void* data, size_t len, const std::string& content_type = "") const {
        const tcpflow_object* o = object_create(flow, parent, suffix, content_type);
        if (!o) return TCPFLOW_ERR_IO;
        int32_t st = object_write(o, data, len);
        int32_t fin = object_finish(o, true);
        return st != TCPFLOW_OK ? st : fin;
    }

    int32_t add_attribute(const tcpflow_flow& flow, const std::string& name, const std::string& value) const {
        return api_->add_attribute(api_->host, &flow, nullptr, name.c_str(), value.c_str());
    }
    int32_t add_attribute(const tcpflow_object& object, const std::string& name, const std::string& value) const {
        return api_->add_attribute(api_->host, object.flow, &object, name.c_str(), value.c_str());
    }
    /// attributes: name, value, name, value, ...
    int32_t add_xml_child(const tcpflow_flow& flow, const std::string& element,
                          const std::vector<std::string>& attributes, const std::string& text = "") const {
        return with_attrs(attributes, [&](const char* const* a) {
            return api_->add_xml_child(api_->host, &flow, nullptr, element.c_str(), a, text.c_str());
        });
    }
    int32_t add_xml_child(const tcpflow_object& object, const std::string& element,
                          const std::vector<std::string>& attributes, const std::string& text = "") const {
        return with_attrs(attributes, [&](const char* const* a) {
            return api_->add_xml_child(api_->host, object.flow, &object, element.c_str(), a, text.c_str());
        });
    }
    int32_t add_summary_child(const std::string& element, const std::vector<std::string>& attributes,
                              const std::string& text = "") const {
        return with_attrs(attributes, [&](const char* const* a) {
            return api_->add_summary_child(api_->host, element.c_str(), a, text.c_str());
        });
    }

private:
    static void check(int32_t status, const char* name) {
        if (status != TCPFLOW_OK) throw HostError(std::string("cannot read parameter '") + name + "'");
    }
    template <class F>
    static int32_t with_attrs(const std::vector<std::string>& attributes, F f) {
        std::vector<const char*> a;
        a.reserve(attributes.size() + 1);
        for (const auto& s : attributes) a.push_back(s.c_str());
        a.push_back(nullptr);
        return f(a.data());
    }

    const tcpflow_host_api* api_;
};

/// ABI 1.2: the flow's file holds fewer bytes than were delivered (a write
/// failed). Always false on an older host, which cannot say.
inline bool file_truncated(const tcpflow_flow& flow) {
    return TCPFLOW_FLOW_HAS(&flow, file_truncated) && flow.file_truncated != 0;
}

/// Base class of a C++ scanner. Override the events the descriptor asks for.
/// Every member returns a status (TCPFLOW_OK or an error); exceptions are
/// caught at the boundary and count as errors.
class Scanner {
public:
    explicit Scanner(const Host& host) : host_(host) {}
    virtual ~Scanner() = default;
    Scanner(const Scanner&) = delete;
    Scanner& operator=(const Scanner&) = delete;

    virtual int packet(const tcpflow_packet&) { return TCPFLOW_OK; }
    virtual int flow_open(const tcpflow_flow&, void** /*flow_state*/) { return TCPFLOW_OK; }
    virtual int flow_data(const tcpflow_flow&, void* /*flow_state*/, uint64_t /*offset*/, const uint8_t*, size_t) {
        return TCPFLOW_OK;
    }
    virtual int flow_gap(const tcpflow_flow&, void* /*flow_state*/, uint64_t /*offset*/, uint64_t /*len*/) {
        return TCPFLOW_OK;
    }
    virtual int flow_close(const tcpflow_flow&, void* /*flow_state*/) { return TCPFLOW_OK; }
    virtual int object_open(const tcpflow_object&, void** /*object_state*/) { return TCPFLOW_OK; }
    virtual int object_data(const tcpflow_object&, void* /*object_state*/, uint64_t /*offset*/, const uint8_t*,
                            size_t) {
        return TCPFLOW_OK;
    }
    virtual int object_close(const tcpflow_object&, void* /*object_state*/) { return TCPFLOW_OK; }
    virtual int end_of_run() { return TCPFLOW_OK; }

    /// Logs an exception that escaped a callback (the host then disables the scanner).
    void report_exception(const char* what) const { host_.error(std::string("exception: ") + what); }

protected:
    const Host& host() const { return host_; }

private:
    Host host_;
};

/// C trampolines for a Scanner subclass T (constructible from const Host&).
template <class T>
struct Trampolines {
    static T& self(void* inst) { return *static_cast<T*>(inst); }

    // The scanner has no other way to say why it failed than the log.
    template <class F>
    static int32_t guard(void* inst, F f) {
        try {
            return f(self(inst));
        } catch (const std::exception& e) {
            self(inst).report_exception(e.what());
        } catch (...) {
            self(inst).report_exception("unknown exception");
        }
        return TCPFLOW_ERROR;
    }

    static int32_t init(const tcpflow_host_api* api, void** instance) {
        try {
            *instance = new T(Host(api));
            return TCPFLOW_OK;
        } catch (const std::exception& e) {
            api->log(api->host, TCPFLOW_LOG_ERROR, e.what());
        } catch (...) {
            api->log(api->host, TCPFLOW_LOG_ERROR, "unknown exception in init");
        }
        return TCPFLOW_ERROR;
    }
    static void fini(void* inst) { delete static_cast<T*>(inst); }
    static int32_t packet(void* i, const tcpflow_packet* p) {
        return guard(i, [&](T& s) { return s.packet(*p); });
    }
    static int32_t flow_open(void* i, const tcpflow_flow* f, void** st) {
        return guard(i, [&](T& s) { return s.flow_open(*f, st); });
    }
    static int32_t flow_data(void* i, const tcpflow_flow* f, void* st, uint64_t off, const uint8_t* d, size_t n) {
        return guard(i, [&](T& s) { return s.flow_data(*f, st, off, d, n); });
    }
    static int32_t flow_gap(void* i, const tcpflow_flow* f, void* st, uint64_t off, uint64_t n) {
        return guard(i, [&](T& s) { return s.flow_gap(*f, st, off, n); });
    }
    static int32_t flow_close(void* i, const tcpflow_flow* f, void* st) {
        return guard(i, [&](T& s) { return s.flow_close(*f, st); });
    }
    static int32_t object_open(void* i, const tcpflow_object* o, void** st) {
        return guard(i, [&](T& s) { return s.object_open(*o, st); });
    }
    static int32_t object_data(void* i, const tcpflow_object* o, void* st, uint64_t off, const uint8_t* d,
                               size_t n) {
        return guard(i, [&](T& s) { return s.object_data(*o, st, off, d, n); });
    }
    static int32_t object_close(void* i, const tcpflow_object* o, void* st) {
        return guard(i, [&](T& s) { return s.object_close(*o, st); });
    }
    static int32_t end_of_run(void* i) {
        return guard(i, [&](T& s) { return s.end_of_run(); });
    }
};

/// A parameter table entry of type STRING.
constexpr tcpflow_param_desc param_string(const char* name, const char* def, const char* help) {
    return {name, TCPFLOW_PARAM_STRING, def, help, 0, 0, 0, nullptr};
}
/// A BOOL parameter ("YES"/"NO", "true"/"false", "1"/"0").
constexpr tcpflow_param_desc param_bool(const char* name, const char* def, const char* help) {
    return {name, TCPFLOW_PARAM_BOOL, def, help, 0, 0, 0, nullptr};
}
/// An INT parameter, limited to [lo, hi].
constexpr tcpflow_param_desc param_int(const char* name, const char* def, const char* help, int64_t lo,
                                       int64_t hi) {
    return {name, TCPFLOW_PARAM_INT, def, help, 1, lo, hi, nullptr};
}
/// A UINT parameter, limited to [lo, hi].
constexpr tcpflow_param_desc param_uint(const char* name, const char* def, const char* help, int64_t lo,
                                        int64_t hi) {
    return {name, TCPFLOW_PARAM_UINT, def, help, 1, lo, hi, nullptr};
}
/// A DOUBLE parameter with no limits.
constexpr tcpflow_param_desc param_double(const char* name, const char* def, const char* help) {
    return {name, TCPFLOW_PARAM_DOUBLE, def, help, 0, 0, 0, nullptr};
}
/// An ENUM parameter; choices is a NULL-terminated array of words.
constexpr tcpflow_param_desc param_enum(const char* name, const char* def, const char* help,
                                        const char* const* choices) {
    return {name, TCPFLOW_PARAM_ENUM, def, help, 0, 0, 0, choices};
}

/// The descriptor of a Scanner subclass T, with every callback wired to T.
template <class T>
constexpr tcpflow_scanner_desc describe(const char* name, const char* version, const char* license,
                                        const char* description, const tcpflow_param_desc* params,
                                        uint32_t param_count, uint32_t events, uint32_t flags = 0,
                                        const char* const* works_with = nullptr) {
    using Tr = Trampolines<T>;
    return {TCPFLOW_SCANNER_ABI_MAJOR, TCPFLOW_SCANNER_ABI_MINOR, sizeof(tcpflow_scanner_desc),
            name, version, license, description,
            params, param_count, events, flags, works_with,
            &Tr::init, &Tr::fini,
            &Tr::packet, &Tr::flow_open, &Tr::flow_data, &Tr::flow_gap, &Tr::flow_close,
            &Tr::object_open, &Tr::object_data, &Tr::object_close, &Tr::end_of_run,
            nullptr /* validate_param */, nullptr /* merge: see describe_per_worker */};
}

/// ABI 1.3: the merge trampoline of T when T has `int merge(T& other)`
/// (fold another per-worker instance's run-wide results into this one),
/// else nullptr: instances without run-wide results need no merge.
template <class T, class = void>
struct MergeOf {
    static constexpr int32_t (*fn)(void*, void*) = nullptr;
};
template <class T>
struct MergeOf<T, std::void_t<decltype(std::declval<T&>().merge(std::declval<T&>()))>> {
    static int32_t call(void* into, void* from) {
        return Trampolines<T>::guard(into, [&](T& s) { return s.merge(*static_cast<T*>(from)); });
    }
    static constexpr int32_t (*fn)(void*, void*) = &call;
};

/// ABI 1.3: like describe(), for a scanner that is safe as one instance per
/// worker thread (-j): sets TCPFLOW_SCANNER_PER_WORKER, and merge when T has
/// `int merge(T& other)`. Such a scanner keeps its state in its instance (or
/// guards what it shares: statics, globals, process-wide resources); see the
/// threading model in scanner.h.
template <class T>
constexpr tcpflow_scanner_desc describe_per_worker(const char* name, const char* version, const char* license,
                                                   const char* description, const tcpflow_param_desc* params,
                                                   uint32_t param_count, uint32_t events, uint32_t flags = 0,
                                                   const char* const* works_with = nullptr) {
    tcpflow_scanner_desc d = describe<T>(name, version, license, description, params, param_count, events,
                                         flags | TCPFLOW_SCANNER_PER_WORKER, works_with);
    d.merge = MergeOf<T>::fn;
    return d;
}

/// ABI 1.3: `desc` with a validate_param callback (tcpflow_scanner_desc::validate_param):
///     constexpr tcpflow_scanner_desc kDesc = sdk::with_validator(sdk::describe<S>(...), &validate);
constexpr tcpflow_scanner_desc with_validator(tcpflow_scanner_desc desc,
                                              int32_t (*validate)(const char*, const char*, char*, size_t)) {
    desc.validate_param = validate;
    return desc;
}

/// The body of a validate_param callback: runs `check`, which throws an
/// exception whose what() is the reason to refuse, and turns a throw into
/// TCPFLOW_ERROR with that reason in `why`:
///     int32_t validate(const char* name, const char* value, char* why, size_t n) {
///         return sdk::check_param(why, n, [&] { if (!strcmp(name, "x_mode")) parse_mode(value); });
///     }
template <class F>
int32_t check_param(char* why, size_t why_size, F check) noexcept {
    try {
        check();
        return TCPFLOW_OK;
    } catch (const std::exception& e) {
        // Copied inside the handler: the exception, and the text what() points to,
        // are destroyed when it ends.
        if (why && why_size) std::snprintf(why, why_size, "%s", e.what());
    } catch (...) {
        if (why && why_size) std::snprintf(why, why_size, "%s", "rejected");
    }
    return TCPFLOW_ERROR;
}

}  // namespace sdk
}  // namespace tcpflow

#endif  // TCPFLOW_SDK_SCANNER_HPP
