// Derived objects and report annotations: the parts of ScannerHost that the
// scanners reach through the host services.
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include <iostream>

#include "host/scanner_host.h"
#include "host/xml_text.h"

namespace tcpflow {

namespace {

// Objects sit next to their parent file, so a suffix must not leave its folder.
bool is_safe_suffix(const char* s) {
    if (!s || !*s) return false;
    for (const char* p = s; *p; ++p)
        if (*p == '/') return false;
    return true;
}

std::string str(const char* s) { return s ? s : ""; }

}  // namespace

HostObject* ScannerHost::live_object(const tcpflow_object* view) {
    if (!view) return nullptr;
    auto* o = static_cast<HostObject*>(const_cast<void*>(view->host_private));
    HostFlow* hf = live_flow(view->flow);
    if (!hf) return nullptr;
    for (const auto& mine : hf->objects)
        if (mine.get() == o) return o;
    return nullptr;
}

const tcpflow_object* ScannerHost::object_create(size_t slot, const tcpflow_flow* flow, const tcpflow_object* parent,
                                                 const char* suffix, const char* content_type,
                                                 const char* content_encoding, uint64_t source_offset) {
    HostFlow* hf = live_flow(flow);
    HostObject* parent_obj = parent ? live_object(parent) : nullptr;
    if (!hf || (parent && (!parent_obj || parent_obj->flow != hf))) {
        log(slot, TCPFLOW_LOG_ERROR, "object_create: not a live flow or object");
        return nullptr;
    }
    if (!is_safe_suffix(suffix)) {
        log(slot, TCPFLOW_LOG_ERROR, "object_create: the name suffix must be non-empty and contain no '/'");
        return nullptr;
    }
    const std::string base = parent_obj ? parent_obj->path : hf->info->path;
    if (base.empty()) {
        log(slot, TCPFLOW_LOG_ERROR, "object_create: the flow has no file to put the object beside");
        return nullptr;
    }
    auto o = std::make_unique<HostObject>();
    o->path = base + suffix;
    // Named after the flow file, so a stale or planted entry is replaced, never written through.
    const int fd = output_folder().replace(output_folder().relative(o->path));  // close-on-exec
    o->file = fd >= 0 ? ::fdopen(fd, "wb") : nullptr;
    if (!o->file) {
        log(slot, TCPFLOW_LOG_ERROR, output_error("cannot create", o->path, errno).c_str());
        if (fd >= 0) ::close(fd);
        return nullptr;
    }
    o->content_type = str(content_type);
    o->content_encoding = str(content_encoding);
    o->producer = registry_.entries()[slot]->name();
    o->producer_slot = slot;
    o->flow = hf;
    o->consumer_state.assign(registry_.entries().size(), nullptr);
    o->consumer_open.assign(registry_.entries().size(), 0);
    tcpflow_object& v = o->view;
    v.struct_size = sizeof(tcpflow_object);
    v.path = o->path.c_str();
    v.content_type = o->content_type.c_str();
    v.content_encoding = o->content_encoding.c_str();
    v.producer = o->producer.c_str();
    v.flow = &hf->view;
    v.parent = parent_obj ? &parent_obj->view : nullptr;
    v.depth = parent_obj ? parent_obj->view.depth + 1 : 1;
    v.source_offset = source_offset;
    v.host_private = o.get();
    // Past the depth limit an object is still written but no scanner sees it,
    // which ends decoders feeding on each other's output (a nested gzip bomb).
    o->offered = v.depth <= settings_.max_object_depth;
    HostObject& ref = *o;
    hf->objects.push_back(std::move(o));
    if (ref.offered)
        for (ScannerEntry* e : object_slots_)
            if (e->slot != slot &&
                call(*e, "object_open", hf, [&] { return e->desc().object_open(e->instance, &ref.view, &ref.consumer_state[e->slot]); }))
                ref.consumer_open[e->slot] = 1;
    return &ref.view;
}

int32_t ScannerHost::object_write(size_t slot, const tcpflow_object* object, const uint8_t* data, size_t len) {
    HostObject* o = live_object(object);
    if (!o || o->producer_slot != slot || o->finished) return TCPFLOW_ERR_UNKNOWN;
    if (len == 0) return TCPFLOW_OK;
    if (o->truncated || std::fwrite(data, 1, len, o->file) != len) {
        if (!o->truncated) log(slot, TCPFLOW_LOG_ERROR, ("write failed: " + o->path).c_str());
        o->truncated = true;  // nothing more is written: the file stays a prefix of the object
        return TCPFLOW_ERR_IO;
    }
    dirty_objects_.insert(o);
    const uint64_t offset = o->view.size;
    o->view.size += len;
    for (ScannerEntry* e : object_slots_)
        if (o->consumer_open[e->slot])
            call(*e, "object_data", o->flow, [&] {
                return e->desc().object_data(e->instance, &o->view, o->consumer_state[e->slot], offset, data, len);
            });
    return TCPFLOW_OK;
}

int32_t ScannerHost::object_finish(size_t slot, const tcpflow_object* object, bool keep_empty) {
    HostObject* o = live_object(object);
    if (!o || o->producer_slot != slot || o->finished) return TCPFLOW_ERR_UNKNOWN;
    close_object(*o, keep_empty);
    return TCPFLOW_OK;
}

void ScannerHost::flush_objects() {
    for (HostObject* o : dirty_objects_)
        if (std::fflush(o->file) != 0) o->truncated = true;  // close_object says so and records the size on disk
    dirty_objects_.clear();
}

void ScannerHost::close_object(HostObject& o, bool keep_empty) {
    o.finished = true;
    dirty_objects_.erase(&o);
    if (o.file && std::fclose(o.file) != 0) {
        const int e = errno;
        // A full disk fails every later file too: one line, the report has each one's truth.
        if (!o.truncated && !object_write_failed_)
            err() << "tcpflow: cannot write " << o.path << ": " << std::strerror(e) << "\n";
        o.truncated = true;
    }
    object_write_failed_ |= o.truncated;
    o.file = nullptr;
    struct stat st;
    if (o.truncated) o.stored_bytes = ::stat(o.path.c_str(), &st) == 0 ? static_cast<uint64_t>(st.st_size) : 0;
    for (ScannerEntry* e : object_slots_)
        if (o.consumer_open[e->slot]) {
            o.consumer_open[e->slot] = 0;
            release(*e, "object_close", o.flow, [&] { return e->desc().object_close(e->instance, &o.view, o.consumer_state[e->slot]); });
        }
    if (o.view.size == 0 && !keep_empty) {
        output_folder().remove(output_folder().relative(o.path));
        o.removed = true;
    }
}

const OutputDir& ScannerHost::output_folder() {
    if (!settings_.dir) settings_.dir = std::make_shared<OutputDir>(settings_.output_dir);
    return *settings_.dir;
}

int32_t ScannerHost::create_output_file(size_t slot, const char* name, int32_t* fd) {
    if (!name || !*name || !fd) {
        log(slot, TCPFLOW_LOG_ERROR, "create_output_file: a name and a place for the descriptor are needed");
        return TCPFLOW_ERR_UNKNOWN;
    }
    const OutputDir& dir = output_folder();
    *fd = dir.replace(name);
    if (*fd >= 0) return TCPFLOW_OK;
    log(slot, TCPFLOW_LOG_ERROR, output_error("cannot create", dir.path_of(name), errno).c_str());
    return TCPFLOW_ERR_IO;
}

// tcpflow 1.6 lists HTTP bodies as <byte_runs> inside the flow's <fileobject>;
// every derived object is listed the same way, nested ones included.
void ScannerHost::write_object_records(HostFlow& hf) {
    std::string runs;
    for (const auto& o : hf.objects) {
        if (o->removed) continue;
        runs += "     <byte_run";
        if (o->view.source_offset != UINT64_MAX) runs += xml_attribute("file_offset", std::to_string(o->view.source_offset));
        std::string truth;  // the real size when the disk took less (see dfxml_report.h)
        if (o->truncated) truth = " truncated='1' stored_bytes='" + std::to_string(o->stored_bytes) + "'";
        runs += "><fileobject" + o->attributes + truth + "><filename>" + xml_escape(o->path) + "</filename><filesize>" +
                std::to_string(o->view.size) + "</filesize>" + o->children + "</fileobject></byte_run>\n";
    }
    if (!runs.empty()) hf.info->xml_annotations += "    <byte_runs>\n" + runs + "    </byte_runs>\n";
}

int32_t ScannerHost::add_attribute(size_t slot, const tcpflow_flow* flow, const tcpflow_object* object,
                                   const char* name, const char* value) {
    HostFlow* hf = live_flow(flow);
    HostObject* o = object ? live_object(object) : nullptr;
    if (!hf || (object && !o)) return TCPFLOW_ERR_UNKNOWN;
    if (!is_xml_name(name) || !value) {
        log(slot, TCPFLOW_LOG_ERROR, "add_attribute: invalid attribute name or value");
        return TCPFLOW_ERR_UNKNOWN;
    }
    if (o) o->attributes += xml_attribute(name, value);
    else hf->info->xml_attributes += xml_attribute(name, value);
    return TCPFLOW_OK;
}

int32_t ScannerHost::add_xml_child(size_t slot, const tcpflow_flow* flow, const tcpflow_object* object,
                                   const char* element, const char* const* attributes, const char* text) {
    HostFlow* hf = live_flow(flow);
    HostObject* o = object ? live_object(object) : nullptr;
    if (!hf || (object && !o)) return TCPFLOW_ERR_UNKNOWN;
    const std::string xml = xml_element(element, attributes, text);
    if (xml.empty()) {
        log(slot, TCPFLOW_LOG_ERROR, "add_xml_child: invalid element or attribute name");
        return TCPFLOW_ERR_UNKNOWN;
    }
    if (o) o->children += xml;
    else hf->info->xml_annotations += "      " + xml + "\n";
    return TCPFLOW_OK;
}

int32_t ScannerHost::add_summary_child(size_t slot, const char* element, const char* const* attributes,
                                       const char* text) {
    const std::string xml = xml_element(element, attributes, text);
    if (xml.empty()) {
        log(slot, TCPFLOW_LOG_ERROR, "add_summary_child: invalid element or attribute name");
        return TCPFLOW_ERR_UNKNOWN;
    }
    summary_ += xml + "\n";
    return TCPFLOW_OK;
}

}  // namespace tcpflow
