// The JSON flow log's place in a run: created with the other outputs (before any packet),
// one JsonFlowLog sink over one shared JsonLineFile, and the summary line at the end.
#include <unistd.h>
#include "app/recorder.h"
#include "output/json_flow_log.h"
#include "output/json_line_file.h"
#include "output/output_dir.h"

namespace tcpflow {

void Recorder::open_json() {
    const std::string& path = cfg_.json_path;
    const bool to_stdout = path == "-";
    // Any path, like -X: the user names the file, which need not be under -o.
    const int fd = to_stdout ? STDOUT_FILENO : create_named_output_file(path, "--json");
    json_file_ = std::make_shared<JsonLineFile>(fd, to_stdout ? "(standard output)" : path,
                                                cfg_.output.flush_interval_ms);
}

void Recorder::finish_json(const RunSummary& s) {
    try {
        json_file_->append_line(json_summary_line(s, json_file_->lines()));
        json_file_->close();
    } catch (const std::exception& e) {
        report_error(e.what());
    }
}

}  // namespace tcpflow
