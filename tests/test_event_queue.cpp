// Kernel tests: exact, hand-computed times and orderings.
#include <algorithm>
#include <atomic>
#include <catch2/catch.hpp>
#include <cmath>
#include <limits>
#include <vector>

#include "kernel/random_stream.hpp"
#include "kernel/simulator.hpp"

using wfsim::kernel::Event;
using wfsim::kernel::Simulator;

namespace {
// Records (time, type) of every event it is handed; optionally schedules follow-ups.
struct Recorder {
  Simulator* sim = nullptr;
  std::vector<std::pair<double, std::uint32_t>> seen;
  void handle(const Event& e) {
    seen.emplace_back(e.time, e.type);
    if (e.type == 100 && e.subject > 0) sim->schedule_in(2.5, 0, 100, e.subject - 1);
  }
};
}  // namespace

TEST_CASE("events run in time order, then priority, then scheduling order", "[kernel]") {
  Simulator sim;
  Recorder r;
  r.sim = &sim;
  sim.schedule_at(5.0, 1, 1, 0);
  sim.schedule_at(2.0, 3, 2, 0);
  sim.schedule_at(5.0, 0, 3, 0);  // same time, lower priority number: runs first
  sim.schedule_at(5.0, 1, 4, 0);  // same time and priority as type 1: runs after it
  sim.schedule_at(0.5, 9, 5, 0);
  sim.run_until(100.0, r);
  const std::vector<std::pair<double, std::uint32_t>> expected = {{0.5, 5}, {2.0, 2}, {5.0, 3}, {5.0, 1}, {5.0, 4}};
  CHECK(r.seen == expected);
  CHECK(sim.now() == 100.0);
  CHECK(sim.events_processed() == 5);
}

TEST_CASE("next_is tells a handler whether the next event is another of its kind at that instant", "[kernel]") {
  // Events of type 7 at time 3 and priority 4, with one of another type, one cancelled,
  // one at a later priority and one a moment later. A handler asks whether another of
  // type 7 at (3, 4) comes next.
  struct Runs {
    Simulator* sim = nullptr;
    std::uint32_t schedules_another = UINT32_MAX;      // this subject's handler queues a twin at its instant
    std::vector<std::pair<std::uint32_t, bool>> seen;  // (subject, another of its kind next)
    void handle(const Event& e) {
      if (e.subject == schedules_another) sim->schedule_at(e.time, 4, 7, 9);
      seen.emplace_back(e.subject, sim->next_is(3.0, 4, 7));
    }
  };
  Simulator sim;
  Runs runs{&sim, UINT32_MAX, {}};
  sim.schedule_at(3.0, 4, 7, 0);
  sim.schedule_at(3.0, 4, 8, 1);  // another type
  sim.schedule_at(3.0, 4, 7, 3);
  const auto cancelled = sim.schedule_at(3.0, 4, 7, 2);
  sim.schedule_at(3.0, 5, 7, 5);         // a later priority
  sim.schedule_at(3.0 + 1e-9, 4, 7, 4);  // a moment later
  sim.cancel(cancelled);
  sim.run_until(10.0, runs);
  // 0 is followed by 1 (another type); 1 by 3; 3 by 5, the cancelled 2 skipped; 5 and
  // 4 by nothing like them.
  const std::vector<std::pair<std::uint32_t, bool>> expected = {
      {0, false}, {1, true}, {3, false}, {5, false}, {4, false}};
  CHECK(runs.seen == expected);
  CHECK_FALSE(sim.next_is(3.0, 4, 7));  // an empty queue

  // A twin queued by a handler at its own instant (kept apart from the buckets) is seen.
  Simulator again;
  Runs twin{&again, 0, {}};
  again.schedule_at(3.0, 4, 7, 0);
  again.run_until(10.0, twin);
  CHECK(twin.seen == std::vector<std::pair<std::uint32_t, bool>>{{0, true}, {9, false}});
}

TEST_CASE("events scheduled by handlers get exact times", "[kernel]") {
  Simulator sim;
  Recorder r;
  r.sim = &sim;
  sim.schedule_at(1.0, 0, 100, 3);  // a chain: 1.0, 3.5, 6.0, 8.5
  sim.run_until(10.0, r);
  REQUIRE(r.seen.size() == 4);
  CHECK(r.seen[0].first == 1.0);
  CHECK(r.seen[1].first == 3.5);
  CHECK(r.seen[2].first == 6.0);
  CHECK(r.seen[3].first == 8.5);
}

TEST_CASE("run_until stops before events at the end time", "[kernel]") {
  Simulator sim;
  Recorder r;
  sim.schedule_at(10.0, 0, 1, 0);
  sim.schedule_at(9.999, 0, 2, 0);
  sim.run_until(10.0, r);
  REQUIRE(r.seen.size() == 1);
  CHECK(r.seen[0].second == 2);
  sim.run_until(10.5, r);
  CHECK(r.seen.size() == 2);
}

TEST_CASE("cancelled events never run and stale handles are harmless", "[kernel]") {
  Simulator sim;
  Recorder r;
  auto a = sim.schedule_at(1.0, 0, 1, 0);
  auto b = sim.schedule_at(2.0, 0, 2, 0);
  CHECK(sim.pending(a));
  CHECK(sim.cancel(a));
  CHECK_FALSE(sim.pending(a));
  CHECK_FALSE(sim.cancel(a));  // already cancelled
  sim.run_until(3.0, r);
  REQUIRE(r.seen.size() == 1);
  CHECK(r.seen[0].second == 2);
  CHECK_FALSE(sim.cancel(b));  // already ran
  // The slot of `a` is reused by a new event; the old handle must not cancel it.
  auto c = sim.schedule_at(4.0, 0, 3, 0);
  CHECK_FALSE(sim.cancel(a));
  CHECK(sim.pending(c));
  CHECK(sim.events_processed() == 1);
}

TEST_CASE("scheduling in the past or with a negative delay is an error", "[kernel]") {
  Simulator sim;
  Recorder r;
  sim.schedule_at(5.0, 0, 1, 0);
  sim.run_until(6.0, r);
  CHECK_THROWS_AS(sim.schedule_at(5.5, 0, 1, 0), std::invalid_argument);
  CHECK_THROWS_AS(sim.schedule_in(-1.0, 0, 1, 0), std::invalid_argument);
  CHECK_THROWS_AS(sim.schedule_in(std::nan(""), 0, 1, 0), std::invalid_argument);
  CHECK_NOTHROW(sim.schedule_in(0.0, 0, 1, 0));
}

TEST_CASE("reset empties the queue and restarts the clock", "[kernel]") {
  Simulator sim;
  Recorder r;
  auto h = sim.schedule_at(5.0, 0, 1, 0);
  sim.reset();
  CHECK_FALSE(sim.pending(h));
  CHECK(sim.now() == 0.0);
  sim.run_until(10.0, r);
  CHECK(r.seen.empty());
}

TEST_CASE("events beyond the horizon are never queued but look pending", "[kernel]") {
  Simulator sim;
  Recorder r;
  sim.set_horizon(10.0);
  auto inside = sim.schedule_at(10.0, 0, 1, 0);  // at the horizon: kept
  auto beyond = sim.schedule_in(25.0, 0, 2, 0);
  CHECK(sim.pending(inside));
  CHECK(sim.pending(beyond));
  CHECK(sim.cancel(beyond));
  sim.run_until(100.0, r);
  REQUIRE(r.seen.size() == 1);
  CHECK(r.seen[0].second == 1);
  sim.reset();  // the horizon goes with the rest
  sim.schedule_at(50.0, 0, 3, 0);
  sim.run_until(100.0, r);
  CHECK(r.seen.size() == 2);
}

TEST_CASE("many random events, some cancelled, come out in (time, priority, sequence) order", "[kernel]") {
  // Times span many of the queue's internal buckets, with ties, so the order of
  // buckets, heap and cancellations is exercised against a plain sort.
  Simulator sim;
  struct Expect {
    double time;
    int priority;
    std::uint32_t sequence;
  };
  std::vector<Expect> expected;
  std::vector<wfsim::kernel::EventHandle> handles;
  wfsim::kernel::RandomStream rng(wfsim::kernel::StreamKey{5, 0, 0, 0});
  for (std::uint32_t i = 0; i < 20000; ++i) {
    const double time = std::floor(rng.uniform() * 4000.0) / 4.0;  // many exact ties
    const int priority = static_cast<int>(rng.uniform() * 4);
    handles.push_back(sim.schedule_at(time, priority, 1, i));
    expected.push_back({time, priority, i});
  }
  std::vector<bool> cancelled(expected.size(), false);
  for (std::size_t i = 0; i < expected.size(); i += 7) cancelled[i] = sim.cancel(handles[i]);
  std::vector<Expect> live;
  for (std::size_t i = 0; i < expected.size(); ++i) {
    if (!cancelled[i]) live.push_back(expected[i]);
  }
  std::sort(live.begin(), live.end(), [](const Expect& a, const Expect& b) {
    if (a.time != b.time) return a.time < b.time;
    if (a.priority != b.priority) return a.priority < b.priority;
    return a.sequence < b.sequence;
  });
  struct Collect {
    std::vector<std::uint32_t> subjects;
    void handle(const Event& e) { subjects.push_back(e.subject); }
  } collect;
  sim.run_until(2000.0, collect);
  REQUIRE(collect.subjects.size() == live.size());
  for (std::size_t i = 0; i < live.size(); ++i) REQUIRE(collect.subjects[i] == live[i].sequence);
}

TEST_CASE("the queue resizes its buckets to the last run's density without changing the order", "[kernel]") {
  // The same schedule, with handlers that schedule and cancel more events, is run at
  // three densities; after each clear() the buckets are resized, and every run must
  // deliver exactly the order a plain sort gives.
  using wfsim::kernel::EventQueue;
  auto run = [](EventQueue& q, double events_per_day) {
    wfsim::kernel::RandomStream rng(wfsim::kernel::StreamKey{9, 0, 0, 0});
    std::vector<std::pair<double, std::uint64_t>> expected;  // (time, sequence)
    std::vector<wfsim::kernel::EventHandle> handles;
    const double days = 400;
    const auto n = static_cast<std::uint32_t>(events_per_day * days);
    for (std::uint32_t i = 0; i < n; ++i) {
      const double time = rng.uniform() * days;
      handles.push_back(q.push(time, 0, 0, i));
      expected.emplace_back(time, i);
    }
    for (std::uint32_t i = 0; i < n; i += 5) q.cancel(handles[i]);
    std::vector<std::uint32_t> order;
    while (q.has_next()) order.push_back(q.pop().subject);
    std::vector<std::uint32_t> want;
    std::sort(expected.begin(), expected.end());
    for (const auto& [time, i] : expected) {
      if (i % 5 != 0) want.push_back(static_cast<std::uint32_t>(i));
    }
    CHECK(order == want);
  };
  EventQueue q;
  CHECK(q.bucket_width() == 2.0);
  run(q, 40.0);  // a busy region: about 32 live events a day
  q.clear();
  const double busy = q.bucket_width();
  CHECK(busy < 1.0);
  CHECK(std::exp2(std::round(std::log2(busy))) == busy);  // a power of two, so bucketing is exact
  run(q, 40.0);
  q.clear();
  CHECK(q.bucket_width() == busy);  // the same density keeps the same width
  run(q, 0.2);                      // a quiet council
  q.clear();
  CHECK(q.bucket_width() > 8.0);
  run(q, 0.2);
  // Times beyond the last coarse bucket wait in the heap, in order.
  q.push(1e15, 0, 0, 2);
  q.push(1e12, 0, 0, 1);
  q.push(3.0, 0, 0, 0);
  for (std::uint32_t expected = 0; expected < 3; ++expected) {
    REQUIRE(q.has_next());
    CHECK(q.pop().subject == expected);
  }
  CHECK_FALSE(q.has_next());
}

TEST_CASE("event types are 0..255, subjects below 2^24, and both come back as scheduled", "[kernel]") {
  // The type and subject are packed in one word of the event's slot, and the slot
  // below the scheduling sequence in the ordering key: each must come back intact, and
  // neither the slot nor the type may decide the order of events at the same time.
  wfsim::kernel::EventQueue q;
  const std::uint32_t most = (std::uint32_t{1} << 24) - 1;
  q.push(1.0, 3, 255, most);
  q.push(1.0, 3, 0, 8);
  q.push(1.0, 2, 200, 9);
  const auto cancelled = q.push(0.5, 3, 1, 10);
  q.push(1.0, 3, 7, 0);
  q.cancel(cancelled);  // skipped, with its slot left behind it
  q.push(1.0, 3, 9, 11);
  REQUIRE(q.has_next());
  Event e = q.pop();
  CHECK((e.type == 200 && e.subject == 9 && e.priority == 2));
  e = q.pop();
  CHECK((e.type == 255 && e.subject == most && e.priority == 3));
  e = q.pop();
  CHECK((e.type == 0 && e.subject == 8));
  e = q.pop();
  CHECK((e.type == 7 && e.subject == 0));
  e = q.pop();
  CHECK((e.type == 9 && e.subject == 11));
  CHECK_FALSE(q.has_next());
  CHECK_THROWS_AS(q.push(1.0, 0, 256, 0), std::invalid_argument);
  CHECK_THROWS_AS(q.push(1.0, 0, 1, most + 1), std::invalid_argument);

  // An event scheduled later into a lower slot (freed by a pop) still runs after one
  // scheduled earlier into a higher slot, at the same time and priority.
  wfsim::kernel::EventQueue r;
  r.push(0.1, 0, 1, 1);                      // slot 0
  const auto higher = r.push(1.0, 3, 2, 2);  // slot 1
  REQUIRE(r.has_next());
  r.pop();                                  // frees slot 0
  const auto lower = r.push(1.0, 3, 3, 3);  // scheduled later, into slot 0
  REQUIRE(lower.slot < higher.slot);
  REQUIRE(r.has_next());
  CHECK(r.pop().subject == 2);
  REQUIRE(r.has_next());
  CHECK(r.pop().subject == 3);
}

TEST_CASE("a slot freed by pop is clean even if its event was cancelled after has_next", "[kernel]") {
  // Cancelling between has_next() and pop() breaks the contract, but must not poison
  // the slot: the next event scheduled into it is pending and is delivered.
  wfsim::kernel::EventQueue q;
  const auto a = q.push(1.0, 0, 1, 1);
  REQUIRE(q.has_next());
  CHECK(q.cancel(a));
  CHECK(q.pop().subject == 1);
  const auto b = q.push(2.0, 0, 1, 2);
  CHECK(b.slot == a.slot);  // the freed slot is reused first
  CHECK(q.pending(b));
  CHECK_FALSE(q.pending(a));
  REQUIRE(q.has_next());
  CHECK(q.pop().subject == 2);
}

TEST_CASE("pop_before takes the next live event only if it is before the end", "[kernel]") {
  wfsim::kernel::EventQueue queue;
  queue.push(8.0, 0, 1, 0);  // far enough to wait in a bucket
  queue.push(0.5, 0, 2, 0);  // before the first bucket's end: the heap
  const auto cancelled = queue.push(0.25, 0, 3, 0);
  queue.cancel(cancelled);
  Event e;
  REQUIRE(queue.pop_before(1.0, e));
  CHECK(e.type == 2);
  CHECK_FALSE(queue.pop_before(8.0, e));  // at the end itself: stays queued
  CHECK(queue.has_next());
  CHECK(queue.next_time() == 8.0);
  REQUIRE(queue.pop_before(8.5, e));
  CHECK(e.type == 1);
  CHECK_FALSE(queue.pop_before(100.0, e));
  CHECK_FALSE(queue.has_next());
}

TEST_CASE("a raised stop flag ends run_until within 4,096 events", "[kernel]") {
  // A model whose every event schedules the next, for ever: only the flag ends it.
  struct Endless {
    Simulator* sim = nullptr;
    std::atomic<bool>* stop = nullptr;
    std::uint64_t handled = 0;
    void handle(const Event&) {
      if (++handled == 10000) stop->store(true);
      sim->schedule_in(1.0, 0, 0, 0);
    }
  };
  Simulator sim;
  std::atomic<bool> stop{false};
  Endless model{&sim, &stop};
  sim.set_stop(&stop);
  sim.schedule_at(0.0, 0, 0, 0);
  CHECK_THROWS_AS(sim.run_until(1e12, model), wfsim::kernel::Stopped);
  CHECK(model.handled >= 10000);
  CHECK(model.handled < 10000 + 4096);
  // Without a flag the same model runs to the end it is given.
  Simulator free_sim;
  std::atomic<bool> never{false};
  Endless free_model{&free_sim, &never};
  free_sim.schedule_at(0.0, 0, 0, 0);
  free_sim.run_until(20000.5, free_model);
  CHECK(free_model.handled == 20001);
}

TEST_CASE("a pace limit ends run_until when events come faster than it allows", "[kernel]") {
  // A model whose every event schedules the next `gap` later: at one instant (gap 0,
  // which without a limit never ends) or faster than the limit, run_until throws
  // TooFast once a run of 2^20 events took less time than the limit allows them.
  struct Paced {
    Simulator* sim = nullptr;
    double gap = 0;
    std::uint64_t handled = 0;
    void handle(const Event&) {
      ++handled;
      sim->schedule_in(gap, 0, 0, 0);
    }
  };
  const auto window = Simulator::kPaceWindow;
  for (const double gap : {0.0, 1.0 / 1500}) {
    Simulator sim;
    sim.set_pace_limit(1000);  // events a time unit
    Paced model{&sim, gap};
    sim.schedule_at(0.0, 0, 0, 0);
    try {
      sim.run_until(1e12, model);
      FAIL("no TooFast at a gap of " << gap);
    } catch (const wfsim::kernel::TooFast& e) {
      CHECK(e.events() == window);
      CHECK(e.span() == Approx(gap * static_cast<double>(window - 1)).margin(1e-9));
    }
    CHECK(model.handled == window - 1);  // stopped before handling the window's last
  }
  // Just inside the limit, the model runs to the end it is given; so it does unlimited.
  for (const double limit : {1000.0, std::numeric_limits<double>::infinity()}) {
    Simulator sim;
    sim.set_pace_limit(limit);
    Paced model{&sim, 1.0 / 999};
    sim.schedule_at(0.0, 0, 0, 0);
    const double end = 3.0 * static_cast<double>(window) / 999;
    sim.run_until(end, model);
    CHECK(model.handled > 3 * window - 2);
  }
}
