#include "host/host_services.h"

#include "host/scanner_host.h"

namespace tcpflow {

namespace {

// Exceptions must not unwind into scanner code (it may be C): every service
// catches and turns failure into a status.
template <class F, class R>
R guarded(R on_error, F f) {
    try {
        return f();
    } catch (...) {
        return on_error;
    }
}

void svc_log(tcpflow_host* h, int32_t level, const char* msg) {
    guarded(0, [&] { return h->host->log(h->slot, level, msg), 0; });
}

int32_t svc_get_param(tcpflow_host* h, const char* name, const char** value) {
    const std::string* v = name ? h->host->params().value(name) : nullptr;
    if (!v) return TCPFLOW_ERR_UNKNOWN;
    *value = v->c_str();
    return TCPFLOW_OK;
}

int32_t svc_get_bool(tcpflow_host* h, const char* name, int32_t* v) {
    return name ? h->host->params().get_bool(name, v) : TCPFLOW_ERR_UNKNOWN;
}
int32_t svc_get_int(tcpflow_host* h, const char* name, int64_t* v) {
    return name ? h->host->params().get_int(name, v) : TCPFLOW_ERR_UNKNOWN;
}
int32_t svc_get_uint(tcpflow_host* h, const char* name, uint64_t* v) {
    return name ? h->host->params().get_uint(name, v) : TCPFLOW_ERR_UNKNOWN;
}
int32_t svc_get_double(tcpflow_host* h, const char* name, double* v) {
    return name ? h->host->params().get_double(name, v) : TCPFLOW_ERR_UNKNOWN;
}

const char* svc_output_dir(tcpflow_host* h) { return h->host->settings().output_dir.c_str(); }
uint64_t svc_max_bytes(tcpflow_host* h) { return h->host->settings().max_bytes; }

const tcpflow_object* svc_object_create(tcpflow_host* h, const tcpflow_flow* flow, const tcpflow_object* parent,
                                        const char* suffix, const char* ctype, const char* cenc, uint64_t off) {
    return guarded(static_cast<const tcpflow_object*>(nullptr),
                   [&] { return h->host->object_create(h->slot, flow, parent, suffix, ctype, cenc, off); });
}
int32_t svc_object_write(tcpflow_host* h, const tcpflow_object* o, const uint8_t* data, size_t len) {
    return guarded(TCPFLOW_ERROR, [&] { return h->host->object_write(h->slot, o, data, len); });
}
int32_t svc_object_finish(tcpflow_host* h, const tcpflow_object* o, int32_t keep_empty) {
    return guarded(TCPFLOW_ERROR, [&] { return h->host->object_finish(h->slot, o, keep_empty != 0); });
}
int32_t svc_add_attribute(tcpflow_host* h, const tcpflow_flow* f, const tcpflow_object* o, const char* name,
                          const char* value) {
    return guarded(TCPFLOW_ERROR, [&] { return h->host->add_attribute(h->slot, f, o, name, value); });
}
int32_t svc_add_xml_child(tcpflow_host* h, const tcpflow_flow* f, const tcpflow_object* o, const char* element,
                          const char* const* attrs, const char* text) {
    return guarded(TCPFLOW_ERROR, [&] { return h->host->add_xml_child(h->slot, f, o, element, attrs, text); });
}
int32_t svc_add_summary_child(tcpflow_host* h, const char* element, const char* const* attrs, const char* text) {
    return guarded(TCPFLOW_ERROR, [&] { return h->host->add_summary_child(h->slot, element, attrs, text); });
}

int32_t svc_set_events(tcpflow_host* h, uint32_t events) { return h->host->set_events(h->slot, events); }

// ABI 1.1
int32_t svc_scanner_enabled(tcpflow_host* h, const char* name) {
    return guarded(0, [&] { return h->host->scanner_enabled(name); });
}
const char* svc_run_info(tcpflow_host* h, const char* key) {
    return guarded(static_cast<const char*>(nullptr), [&] { return h->host->run_info(key); });
}

int32_t svc_create_output_file(tcpflow_host* h, const char* name, int32_t* fd) {
    return guarded(TCPFLOW_ERROR, [&] { return h->host->create_output_file(h->slot, name, fd); });
}

// ABI 1.2
int32_t svc_stop_requested(tcpflow_host* h) { return h->host->stop_requested(); }

}  // namespace

tcpflow_host_api make_host_api(tcpflow_host* handle) {
    tcpflow_host_api api{};
    api.abi_major = TCPFLOW_SCANNER_ABI_MAJOR;
    api.abi_minor = TCPFLOW_SCANNER_ABI_MINOR;
    api.struct_size = sizeof(tcpflow_host_api);
    api.host = handle;
    api.log = svc_log;
    api.get_param = svc_get_param;
    api.get_param_bool = svc_get_bool;
    api.get_param_int = svc_get_int;
    api.get_param_uint = svc_get_uint;
    api.get_param_double = svc_get_double;
    api.output_dir = svc_output_dir;
    api.max_bytes = svc_max_bytes;
    api.object_create = svc_object_create;
    api.object_write = svc_object_write;
    api.object_finish = svc_object_finish;
    api.add_attribute = svc_add_attribute;
    api.add_xml_child = svc_add_xml_child;
    api.add_summary_child = svc_add_summary_child;
    api.set_events = svc_set_events;
    api.scanner_enabled = svc_scanner_enabled;
    api.run_info = svc_run_info;
    api.create_output_file = svc_create_output_file;

    api.stop_requested = svc_stop_requested;
    return api;
}

}  // namespace tcpflow
