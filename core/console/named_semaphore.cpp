#include "console/named_semaphore.h"
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <stdexcept>

namespace tcpflow {

namespace {

std::string portable_name(const std::string& name) { return !name.empty() && name[0] == '/' ? name : "/" + name; }

std::runtime_error semaphore_error(const std::string& name, const char* what, int err) {
    return std::runtime_error("semaphore " + name + ": " + what + strerror(err));
}

}  // namespace

NamedSemaphore::NamedSemaphore(const std::string& name) : name_(portable_name(name)), sem_(SEM_FAILED) {
    sem_ = sem_open(name_.c_str(), O_CREAT, 0644, 1);
    if (sem_ == SEM_FAILED) throw semaphore_error(name, "cannot open: ", errno);
}

NamedSemaphore::~NamedSemaphore() { sem_close(sem_); }

void NamedSemaphore::lock() {
    while (sem_wait(sem_) != 0) {
        if (errno != EINTR) throw semaphore_error(name_, "cannot wait: ", errno);
    }
}

void NamedSemaphore::unlock() noexcept { sem_post(sem_); }

bool NamedSemaphore::unlink(const std::string& name) { return sem_unlink(portable_name(name).c_str()) == 0; }

}  // namespace tcpflow
