#pragma once
// The recruitment pipeline, from a notice or a vacancy to a permanent starter: a post
// waits for an applicant (the council's own trainees first, then the region's
// seekers, then applicants from outside), the offer is approved, accepted or fails,
// and the new hire starts once the leaver has gone.
//
// Owns each role's applicant rate and queue of posts waiting for an applicant, the
// council's qualified trainees waiting for a post, and the count of seekers in a
// pipeline. Events: an applicant comes forward; an offer falls due; a new hire is
// ready to start.

#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

#include "model/fifo.hpp"
#include "model/in_flight_sample.hpp"
#include "model/model_core.hpp"

namespace wfsim::model {

class AgencyCover;
class PermanentStaff;
class SeekingPool;

class Recruitment {
 public:
  explicit Recruitment(ModelCore& core);
  void wire(PermanentStaff& staff, AgencyCover& cover, SeekingPool& seeking);
  void reset();

  void open(std::uint32_t post);  // a vacant post (or one whose holder gives notice)
  // Opens a recruitment on the first day that is already under way: `age` days old
  // when that is known (it opened at the holder's notice), or, when it is not (a
  // vacancy), at a random moment of its assessment and offer stages. See the .cpp.
  void open_at_start(std::uint32_t post, std::optional<double> age);
  // After every recruitment has opened on the first day: where applicants come at a
  // limited rate, those who came forward before the start (from outside the region, and
  // in a region with a pool, the pool's seekers) and are still being assessed or
  // working their notice after an accepted offer. See the .cpp.
  void start_applicants_in_flight();
  // The start: the recruitment of `post` opened at `day` (its time to fill counts from then).
  void date_opening(std::uint32_t post, double day) { core_.store.post(post).recruitment_opened_at = day; }
  void notice_given(std::uint32_t post);  // opens the post's recruitment if the role recruits at notice
  void post_vacated(std::uint32_t post);  // starts a replacement who was waiting, or opens a recruitment
  void consider(std::uint32_t post, std::uint32_t candidate);  // candidate kNone: from outside the region
  void start(std::uint32_t post);                              // the post's candidate starts now
  // The agency worker covering `post`, vacant and waiting for an applicant, takes it now.
  void convert(std::uint32_t post, std::uint32_t agency_worker);

  // The candidate applies for the role's post waiting longest (one must be waiting).
  void apply_to_longest_waiting(std::uint32_t role, std::uint32_t candidate) {
    has_waiting(role);
    consider(waiting_[role].pop().post, candidate);
  }
  // The same, passing over `except` (a post whose offer to the candidate fell through),
  // which may wait anywhere in the queue; one other post must be waiting.
  void apply_to_longest_waiting_except(std::uint32_t role, std::uint32_t candidate, std::uint32_t except);
  bool any_waiting(std::uint32_t market) const { return awaiting_[market] > 0; }
  std::size_t waiting(std::uint32_t role) const { return waiting_count_[role]; }  // posts waiting for an applicant
  // Posts of the role waiting for an applicant, leaving out `except` (kNone: none left out).
  std::size_t waiting_except(std::uint32_t role, std::uint32_t except) const;
  // A trainee of the role has qualified: the longest-waiting post takes them, or they
  // wait first in line for the next.
  void trainee_qualified(std::uint32_t role, std::uint32_t worker);
  // Outside applicants: `per_day`, and `per_vacancy` more a day for each post waiting.
  void set_applicant_rates(std::uint32_t role, double per_day, double per_vacancy);

  // Of a market (a role's region): seekers from its pool in a recruitment pipeline, and
  // its councils' qualified trainees waiting for a post.
  std::size_t candidates(std::uint32_t market) const { return candidates_[market]; }
  std::size_t trainees_waiting(std::uint32_t market) const;
  std::size_t trainees_waiting() const;  // every market's
  void audit(const std::function<void(const char*)>& fail) const;

 private:
  // The start: an applicant part-way through their assessment (or, if not, through
  // the time from an accepted offer to starting): how long ago they came forward, and
  // the time their stage has left.
  struct PartWayApplicant {
    bool in_assessment;
    double since;
    double left;
    bool from_pool = false;  // a seeker from the region's pool, not an outside applicant
  };
  // The start: the rates (a day) at which the applicants under way came forward.
  struct InFlightRates {
    double own;   // the council's outside applicants
    double pool;  // seekers from the region's pool
  };
  InFlightRates in_flight_rates(std::uint32_t role) const;
  void place_in_flight(std::uint32_t post, const PartWayApplicant& applicant, kernel::RandomStream& s);
  PartWayApplicant part_way_applicant(const RoleInfo& r, bool in_assessment, kernel::RandomStream& s);
  // Dates the post's applicant `since` days ago, and its opening if it was later.
  void date_applicant(Post& p, double since);
  void on_applicant(std::uint32_t role);
  void on_offer_due(std::uint32_t post);
  void on_ready(std::uint32_t post);
  void seek_applicant(std::uint32_t post);
  void wait_for_applicant(std::uint32_t post);
  void schedule_applicant(std::uint32_t role);
  double applicant_rate(std::uint32_t role) const {
    return applicant_rate_[role] + per_vacancy_rate_[role] * static_cast<double>(waiting_count_[role]);
  }
  // The number of posts waiting changed: with applicants per vacancy, the rate did too.
  void waiting_changed(std::uint32_t role);
  bool has_waiting(std::uint32_t role) {  // drops stale entries from the front
    return drop_stale(waiting_[role], [&](const QueuedPost& q) { return live(q); });
  }
  bool live(const QueuedPost& q) const {  // the post still waits, by this entry's place in line
    const Post& p = core_.store.post(q.post);
    return p.recruitment == RecruitmentStage::awaiting_applicant && p.recruitment_serial == q.serial;
  }

  ModelCore& core_;
  PermanentStaff* staff_ = nullptr;
  AgencyCover* cover_ = nullptr;
  SeekingPool* seeking_ = nullptr;
  std::uint32_t applicant_event_, offer_event_, ready_event_;
  std::vector<double> applicant_rate_;    // per role, per day; infinite if unlimited
  std::vector<double> per_vacancy_rate_;  // per role, per day per post waiting
  std::vector<kernel::EventHandle> next_applicant_;
  std::vector<Fifo<QueuedPost>> waiting_;  // per role, oldest first
  std::vector<Fifo<std::uint32_t>> trainees_;
  std::vector<std::size_t> awaiting_;       // per market: recruitments waiting for an applicant
  std::vector<std::size_t> waiting_count_;  // per role: the same
  std::vector<std::size_t> candidates_;     // per market: seekers in a pipeline
  std::vector<InFlight> in_flight_;         // the start's: applicants under way
  std::vector<PartWayApplicant> part_way_;  // the start's: those of them who find a post
};

}  // namespace wfsim::model
