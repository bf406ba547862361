#pragma once
// Permanent workers in post: when they give notice, where they mean to go (LeaverChoice
// weighs it), and their leaving at the end of the notice. Owns each role's notice hazard as the levers and
// workload feedback set it, and the count of permanent workers per role.
//
// Events: a worker gives notice; a worker leaves.

#include <cstdint>
#include <vector>

#include "model/model_core.hpp"

namespace wfsim::model {

class Absences;
class AgencyCover;
class AgencyMarket;
class EngagementRules;
class LeaverChoice;
class Levers;
class Recruitment;
class SeekingPool;

class PermanentStaff {
 public:
  explicit PermanentStaff(ModelCore& core);
  void wire(Absences& absences, Recruitment& recruitment, AgencyCover& cover, AgencyMarket& market,
            SeekingPool& seeking, EngagementRules& rules, Levers& levers, LeaverChoice& choice);
  void reset();

  // The worker takes the post as its permanent holder.
  void hire(std::uint32_t post, std::uint32_t worker);
  // A worker in post on the first day. With `part_way`, they are serving notice with
  // the chance a council in steady operation would see (the share of a post's cycle of
  // tenure and notice spent on notice, h n / (1 + h n) at notice hazard h and mean
  // notice n: the reported turnover times n), part-way through it. Returns the days of
  // notice already served, or a negative number if they are not on notice.
  double hire_at_start(std::uint32_t post, std::uint32_t worker, bool part_way);
  // Sets a role's notice hazard, redrawing pending notices only if it changed.
  void retune(std::uint32_t role, double hazard_per_day);
  int in_post(std::uint32_t role) const { return in_post_[role]; }

 private:
  void on_notice(std::uint32_t worker);
  // Gives notice now, for the whole notice or, at the start, for what is left of one
  // already under way (then the caller opens the post's recruitment). Returns the days
  // already served.
  double give_notice(std::uint32_t worker, bool part_way);
  void on_leave(std::uint32_t worker);
  void schedule_notice(std::uint32_t worker, std::uint32_t role);
  // Where a leaver goes next: their destination's market or pool in their region; a
  // neighbouring region's pool where their region has no place for that destination;
  // otherwise (and always when bound out) out of the model.
  void send_on(std::uint32_t worker, std::uint32_t authority);

  ModelCore& core_;
  Absences* absences_ = nullptr;
  Recruitment* recruitment_ = nullptr;
  AgencyCover* cover_ = nullptr;
  AgencyMarket* market_ = nullptr;
  SeekingPool* seeking_ = nullptr;
  EngagementRules* rules_ = nullptr;
  Levers* levers_ = nullptr;
  LeaverChoice* choice_ = nullptr;
  std::uint32_t notice_event_, leave_event_;
  std::vector<double> hazard_;  // per role, per day
  std::vector<int> in_post_;    // per role
};

}  // namespace wfsim::model
