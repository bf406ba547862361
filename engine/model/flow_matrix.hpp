#pragma once
// Moves of workers between categories (permanent or agency at each authority or
// region, each region's agency pool and pool seeking permanent posts, outside), counted
// per reporting period and summed over the replications a model runs.

#include <cstdint>
#include <string>
#include <vector>

namespace wfsim::model {

// The categories moves are counted between. In a scenario of one region each council
// is a category of its own (permanent, agency); in one of several regions, each region
// is (a matrix of every council of England would hold over 300 x 300 cells a month),
// and each region has its agency pool and seekers.
struct FlowCategories {
  std::vector<std::uint32_t> group_of;  // per authority: itself, or its region
  std::uint32_t groups = 0;             // councils, or regions
  std::uint32_t regions = 1;
  std::uint32_t permanent(std::uint32_t a) const { return group_of[a]; }
  std::uint32_t agency(std::uint32_t a) const { return groups + group_of[a]; }
  std::uint32_t agency_pool(std::uint32_t region) const { return 2 * groups + 2 * region; }
  std::uint32_t seeking(std::uint32_t region) const { return 2 * groups + 2 * region + 1; }
  std::uint32_t outside() const { return 2 * groups + 2 * regions; }
  std::uint32_t count() const { return outside() + 1; }
  static FlowCategories of(const std::vector<std::uint32_t>& region_of_authority, std::uint32_t regions);
  // Each category's label, in index order, given the authorities' and regions' names.
  std::vector<std::string> labels(const std::vector<std::string>& authority_names,
                                  const std::vector<std::string>& region_names) const;
};

class FlowMatrix {
 public:
  FlowMatrix(FlowCategories categories, std::size_t periods);

  const FlowCategories& categories() const { return categories_; }

  // Starts a replication: nothing is counted until count_from_now().
  void begin_replication() {
    log_.clear();
    counting_ = false;
    period_ = 0;
  }
  // Moves count from here on (after the starting position is built, or the warm-up).
  void count_from_now() { counting_ = period_ < periods_; }

  void move(std::uint32_t from, std::uint32_t to) {
    if (counting_) log_.push_back(from * categories_.count() + to);
  }

  // Counts the period's logged moves into its matrix and starts the next period.
  void close_period();

  // Moves summed over every replication run so far: [from][to][period]. Integers, so
  // the sum does not depend on the order of runs.
  std::vector<std::int64_t> totals() const;

 private:
  FlowCategories categories_;
  std::size_t periods_;
  // Kept [period][from][to]; totals() gives the reporting order. A move is only
  // logged when it happens (from * categories + to) and counted into its period's
  // matrix at the period's end: in a region the matrix is 41 x 41 cells, and an
  // increment at random into it, at every move, missed the cache more often than not.
  std::vector<std::int64_t> flows_;
  std::vector<std::uint32_t> log_;
  std::size_t period_ = 0;
  bool counting_ = false;
};

}  // namespace wfsim::model
