// SIGINT/SIGTERM/SIGHUP stop the capture cleanly: the input loop sees the stop
// request, every flow is closed and written, and the report is finished.
#pragma once
namespace tcpflow {
void install_stop_signals();
}
