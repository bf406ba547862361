// DeparturePool: the list order, and which member's departure is the earliest.
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
