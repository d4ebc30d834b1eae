// -L NAME: a named POSIX semaphore (created with value 1 if missing) that the
// console holds while it writes one chunk, so several tcpflow processes can
// share one terminal or pipe without interleaving inside a chunk.
#pragma once
#include <semaphore.h>
#include <string>

namespace tcpflow {

class NamedSemaphore {
public:
    /// Opens (or creates, mode 0644, value 1) the semaphore. A name without a
    /// leading '/' gets one, as POSIX requires for portable names. Throws
    /// std::runtime_error("semaphore NAME: <strerror>") when it cannot.
    explicit NamedSemaphore(const std::string& name);
    ~NamedSemaphore();
    NamedSemaphore(const NamedSemaphore&) = delete;
    NamedSemaphore& operator=(const NamedSemaphore&) = delete;

    /// Waits for the semaphore (retrying after signals). Throws on failure.
    void lock();
    /// Releases it. sem_post can only fail on an invalid or overflowing
    /// semaphore, neither possible for one we hold, so it does not throw.
    void unlock() noexcept;
    const std::string& name() const { return name_; }

    /// Removes the name from the system (the tests clean up with it); true if it existed.
    static bool unlink(const std::string& name);

private:
    std::string name_;
    sem_t* sem_;
};

/// Holds a NamedSemaphore for one scope; a null semaphore means no locking.
class SemaphoreGuard {
public:
    explicit SemaphoreGuard(NamedSemaphore* sem) : sem_(sem) {
        if (sem_) sem_->lock();
    }
    ~SemaphoreGuard() {
        if (sem_) sem_->unlock();
    }
    SemaphoreGuard(const SemaphoreGuard&) = delete;
    SemaphoreGuard& operator=(const SemaphoreGuard&) = delete;

private:
    NamedSemaphore* sem_;
};

}  // namespace tcpflow
