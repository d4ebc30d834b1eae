// The durability budget: bytes and report records may wait in memory for speed, but never
// longer than a bound in wall time, so a killed process loses at most that much.
#include "app/recorder.h"

namespace tcpflow {

void Recorder::tick_durability() {}

}  // namespace tcpflow
