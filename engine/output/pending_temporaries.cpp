#include "output/pending_temporaries.hpp"

#include <unistd.h>

#include <atomic>
#include <cstring>

namespace wfsim::output {

namespace {

constexpr std::size_t kSlots = 8;
constexpr std::size_t kPathBytes = 4096;

struct Slot {
  std::atomic<bool> claimed{false};
  std::atomic<bool> ready{false};  // the paths are written whole
  char temporary[kPathBytes];
  char target[kPathBytes];
};

Slot g_slots[kSlots];

void say(const char* text) noexcept { (void)!::write(STDERR_FILENO, text, std::strlen(text)); }

}  // namespace

int hold_pending(const std::string& temporary, const std::string& target) {
  if (temporary.size() >= kPathBytes || target.size() >= kPathBytes) return -1;
  for (std::size_t k = 0; k < kSlots; ++k) {
    bool free = false;
    if (!g_slots[k].claimed.compare_exchange_strong(free, true)) continue;
    std::memcpy(g_slots[k].temporary, temporary.c_str(), temporary.size() + 1);
    std::memcpy(g_slots[k].target, target.c_str(), target.size() + 1);
    g_slots[k].ready.store(true);
    return static_cast<int>(k);
  }
  return -1;
}

void release_pending(int slot) {
  if (slot < 0) return;
  g_slots[slot].ready.store(false);
  g_slots[slot].claimed.store(false);
}

void abandon_pending(const char* what) noexcept {
  for (Slot& slot : g_slots) {
    if (!slot.ready.load()) continue;
    ::unlink(slot.temporary);
    say("error: ");
    say(what);
    say(" '");
    say(slot.target);
    say("'; nothing was written (any earlier file of that name is as it was)\n");
  }
}

}  // namespace wfsim::output
