// The exec scanner: tcpflow's external hooks. tcp_cmd runs for every closed
// flow file and http_cmd for every derived object (HTTP bodies, ...), with the
// path as an argument and the flow's details in TCPFLOW_* environment
// variables; tcp_alert_fd / http_alert_fd report files as they open and close.
// Exit statuses are recorded: in the flow's (or object's) own report record
// with exec_wait=YES, otherwise in the report summary once the child ended.
// No command outlives its exec_timeout (default 60 s) by more than the 2 s
// grace, and none holds up a run that was asked to stop (child_runner.h).
#include <tcpflow/sdk/scanner.hpp>

#include <memory>

#include "alert_fd.h"
#include "child_runner.h"

namespace tcpflow {
namespace exec {

namespace {

using Env = std::vector<std::string>;

Env flow_env(const tcpflow_flow& f) {
    Env env = {
        "TCPFLOW_SRC=" + std::string(f.src_text),
        "TCPFLOW_DST=" + std::string(f.dst_text),
        "TCPFLOW_SPORT=" + std::to_string(f.sport),
        "TCPFLOW_DPORT=" + std::to_string(f.dport),
        "TCPFLOW_FAMILY=" + std::to_string(f.family),
        "TCPFLOW_FLOW_ID=" + std::to_string(f.flow_id),
        "TCPFLOW_SESSION_ID=" + std::to_string(f.session_id),
        "TCPFLOW_PACKETS=" + std::to_string(f.packets),
        "TCPFLOW_FLOW_PATH=" + std::string(f.path),
        "TCPFLOW_CLOSE_REASON=" + std::string(f.close_reason_name ? f.close_reason_name : ""),
    };
    if (f.has_vlan) env.push_back("TCPFLOW_VLAN=" + std::to_string(f.vlan));
    return env;
}

std::vector<std::string> result_attributes(const ChildResult& r, bool with_path) {
    std::vector<std::string> a = {"kind", r.kind, "command", r.command};
    if (with_path) a.insert(a.end(), {"path", r.path});
    if (!r.spawned) a.insert(a.end(), {"error", r.error});
    else if (r.timed_out) a.insert(a.end(), {"timed_out", "yes", "signal", std::to_string(r.signal)});
    else if (r.stopped) a.insert(a.end(), {"stopped", "yes", "signal", std::to_string(r.signal)});
    else if (r.signal) a.insert(a.end(), {"signal", std::to_string(r.signal)});
    else a.insert(a.end(), {"status", std::to_string(r.exit_status)});
    return a;
}

struct FlowState {
    bool announced = false;  // "open" written to tcp_alert_fd
};

}  // namespace

class ExecScanner : public sdk::Scanner {
public:
    explicit ExecScanner(const sdk::Host& host)
        : Scanner(host),
          tcp_cmd_(host.param("tcp_cmd")),
          http_cmd_(host.param("http_cmd")),
          tcp_alert_(static_cast<int>(host.param_int("tcp_alert_fd")), "tcp_alert_fd"),
          http_alert_(static_cast<int>(host.param_int("http_alert_fd")), "http_alert_fd"),
          wait_(host.param_bool("exec_wait")),
          runner_(static_cast<unsigned>(host.param_uint("exec_max_children")),
                  static_cast<unsigned>(host.param_uint("exec_timeout")),
                  [h = host] { return h.stop_requested(); }) {
        host.set_events(needed_events());
    }

    int flow_open(const tcpflow_flow&, void** state) override {
        *state = new FlowState;
        return TCPFLOW_OK;
    }
    int flow_data(const tcpflow_flow& f, void* state, uint64_t, const uint8_t*, size_t) override {
        announce(f, *static_cast<FlowState*>(state));
        return TCPFLOW_OK;
    }
    int flow_gap(const tcpflow_flow& f, void* state, uint64_t, uint64_t) override {
        announce(f, *static_cast<FlowState*>(state));
        return TCPFLOW_OK;
    }
    int flow_close(const tcpflow_flow& f, void* state) override {
        std::unique_ptr<FlowState> st(static_cast<FlowState*>(state));
        runner_.poll();
        if (!*f.path) return TCPFLOW_OK;  // nothing stored: no file to report or process
        announce(f, *st);
        tcp_alert_.write_line("close", f.path);
        if (!tcp_cmd_.empty()) {
            Env env = flow_env(f);
            env.push_back("TCPFLOW_KIND=flow");
            env.push_back("TCPFLOW_PATH=" + std::string(f.path));
            env.push_back("TCPFLOW_BYTES=" + std::to_string(f.stored_bytes));
            run("tcp_cmd", tcp_cmd_, f.path, env, [&](const ChildResult& r) {
                host().add_xml_child(f, "exec", result_attributes(r, false));
            });
        }
        return TCPFLOW_OK;
    }
    int object_open(const tcpflow_object& o, void**) override {
        http_alert_.write_line("open", o.path);
        return TCPFLOW_OK;
    }
    int object_data(const tcpflow_object&, void*, uint64_t, const uint8_t*, size_t) override { return TCPFLOW_OK; }
    int object_close(const tcpflow_object& o, void*) override {
        runner_.poll();
        if (o.size == 0) return TCPFLOW_OK;  // tcpflow runs nothing for an empty body
        http_alert_.write_line("close", o.path);
        if (!http_cmd_.empty()) {
            Env env = flow_env(*o.flow);
            env.insert(env.end(), {"TCPFLOW_KIND=object", "TCPFLOW_PATH=" + std::string(o.path),
                                   "TCPFLOW_BYTES=" + std::to_string(o.size),
                                   "TCPFLOW_CONTENT_TYPE=" + std::string(o.content_type),
                                   "TCPFLOW_CONTENT_ENCODING=" + std::string(o.content_encoding),
                                   "TCPFLOW_PRODUCER=" + std::string(o.producer)});
            run("http_cmd", http_cmd_, o.path, env, [&](const ChildResult& r) {
                host().add_xml_child(o, "exec", result_attributes(r, false));
            });
        }
        return TCPFLOW_OK;
    }
    int end_of_run() override {
        runner_.wait_all();
        for (const ChildResult& r : runner_.take_finished())
            host().add_summary_child("exec", result_attributes(r, true));
        return TCPFLOW_OK;
    }

private:
    // Enabled by default like tcpflow's hooks, so with nothing configured it
    // must cost nothing: the host then keeps no per-flow state for it.
    uint32_t needed_events() const {
        uint32_t events = 0;
        if (!tcp_cmd_.empty() || tcp_alert_.enabled())
            events |= TCPFLOW_EVENT_FLOW_OPEN | TCPFLOW_EVENT_FLOW_CLOSE | TCPFLOW_EVENT_END_OF_RUN;
        if (tcp_alert_.enabled()) events |= TCPFLOW_EVENT_FLOW_DATA;  // "open" when the file appears
        if (!http_cmd_.empty() || http_alert_.enabled()) events |= TCPFLOW_EVENT_OBJECT | TCPFLOW_EVENT_END_OF_RUN;
        return events;
    }

    void announce(const tcpflow_flow& f, FlowState& st) {
        // tcpflow announces a flow when its file is created; the file writer
        // names the file with its first bytes.
        if (st.announced || !*f.path) return;
        st.announced = true;
        tcp_alert_.write_line("open", f.path);
    }

    template <class Record>
    void run(const char* kind, const std::string& cmd, const std::string& path, const Env& env, Record record) {
        bool started = runner_.start(kind, cmd, path, env);
        // Not started because the run is stopping: the report says so per flow
        // ("not started: tcpflow was stopping"), and stderr keeps the one line about the stop.
        if (!started && !host().stop_requested()) host().warning(std::string(kind) + ": cannot run '" + cmd + "'");
        if (wait_) record(runner_.wait_last());
    }

    std::string tcp_cmd_, http_cmd_;
    AlertFd tcp_alert_, http_alert_;
    bool wait_;
    ChildRunner runner_;
};

namespace {

constexpr tcpflow_param_desc kParams[] = {
    sdk::param_string("tcp_cmd", "", "Command to execute on each TCP flow file (path as its argument)"),
    sdk::param_string("http_cmd", "", "Command to execute on each HTTP attachment / derived object"),
    sdk::param_int("tcp_alert_fd", "-1", "File descriptor to send information about completed TCP flows", -1,
                   1 << 20),
    sdk::param_int("http_alert_fd", "-1", "File descriptor to send information about completed HTTP attachments",
                   -1, 1 << 20),
    sdk::param_uint("exec_max_children", "10", "Commands running at once; more wait for a free slot", 1, 4096),
    sdk::param_uint("exec_timeout", "60",
                    "Seconds a command may run before it gets SIGTERM, then SIGKILL 2 s later (0 = no limit)", 0,
                    86400 * 365),
    sdk::param_bool("exec_wait", "NO",
                    "Wait for each command and record its status in the flow's record (else in the summary)"),
};

constexpr tcpflow_scanner_desc kDesc = sdk::describe_per_worker<ExecScanner>(
    "exec", "2.0.0", "GPL-3.0-or-later", "Runs tcp_cmd/http_cmd on flow files and derived objects; alert fds",
    kParams, sizeof kParams / sizeof kParams[0],
    TCPFLOW_EVENT_FLOW_OPEN | TCPFLOW_EVENT_FLOW_DATA | TCPFLOW_EVENT_FLOW_CLOSE | TCPFLOW_EVENT_OBJECT |
        TCPFLOW_EVENT_END_OF_RUN,
    TCPFLOW_SCANNER_ENABLED_BY_DEFAULT);

}  // namespace
}  // namespace exec
}  // namespace tcpflow

TCPFLOW_SCANNER(tcpflow::exec::kDesc)
