// DeparturePool: the list order, and which member's departure is the earliest.
#include <algorithm>
#include <catch2/catch.hpp>
#include <limits>
#include <vector>

#include "model/departure_pool.hpp"

using wfsim::model::DeparturePool;

TEST_CASE("a departure pool keeps joining order and knows who leaves first", "[region]") {
  DeparturePool pool;
  const double never = std::numeric_limits<double>::infinity();
  CHECK(pool.earliest_at() == never);
  CHECK(pool.add(7, 30.0));  // the first departure is the earliest
  CHECK_FALSE(pool.add(8, 50.0));
  CHECK(pool.add(9, 10.0));  // earlier than 7's
  CHECK_FALSE(pool.add(10, never));
  REQUIRE(pool.size() == 4);
  CHECK(std::vector<std::uint32_t>(pool.begin(), pool.end()) == std::vector<std::uint32_t>{7, 8, 9, 10});
  CHECK(pool.earliest() == 2);
  CHECK(pool.earliest_at() == 10.0);

  CHECK_FALSE(pool.erase_at(0));  // 7 was not the earliest: nothing to reschedule
  CHECK(pool.earliest() == 1);    // 9, now second in the list
  CHECK(pool.erase_at(1));        // 9 was: the earliest is now 8's
  CHECK(pool.earliest_at() == 50.0);
  CHECK(pool[pool.earliest()] == 8);
  CHECK(pool.erase_at(0));
  CHECK(pool.earliest_at() == never);  // only someone who never leaves is left
  REQUIRE(pool.size() == 1);

  pool.clear();
  CHECK(pool.empty());
  CHECK(pool.earliest_at() == never);
}

TEST_CASE("a departure pool breaks ties in list order", "[region]") {
  DeparturePool pool;
  pool.add(1, 20.0);
  pool.add(2, 5.0);
  pool.add(3, 5.0);
  CHECK(pool[pool.earliest()] == 2);
  CHECK(pool.erase_at(1));  // the tie remains: the earliest time is unchanged, now 3's
  CHECK(pool.earliest_at() == 5.0);
  CHECK(pool[pool.earliest()] == 3);
}

TEST_CASE("a departure pool finds the next earliest departure in pools of every length", "[region]") {
  // The rescan after the earliest member goes takes four running minima at a time and
  // the remainder one by one: pools from 1 to 13 members cover every remainder, with
  // the earliest at every position.
  for (std::uint32_t n = 1; n <= 13; ++n) {
    for (std::uint32_t first = 0; first < n; ++first) {
      DeparturePool pool;
      std::vector<double> times;
      for (std::uint32_t i = 0; i < n; ++i) {
        // Distinct times, a permutation of 10..10+n-1, with the smallest at `first`.
        const double t = 10.0 + static_cast<double>((i + n - first) % n * 17 % n);
        pool.add(i, t);
        times.push_back(t);
      }
      while (!pool.empty()) {
        const double expected = *std::min_element(times.begin(), times.end());
        REQUIRE(pool.earliest_at() == expected);
        const std::size_t index = pool.earliest();
        REQUIRE(times[index] == expected);
        CHECK(pool.erase_at(index));
        times.erase(times.begin() + static_cast<std::ptrdiff_t>(index));
      }
      CHECK(pool.earliest_at() == std::numeric_limits<double>::infinity());
    }
  }
}
