#pragma once
// Agency cover of each council's posts: a vacancy or an absence books agency cover,
// the booking is filled from the region's agency market, and the agency worker stays
// until the post no longer needs them (a permanent starter, after any induction
// overlap), their assignment ends, or they take the post as its permanent holder.
//
// Owns each role's cover levers (a cap on the council's agency share, the induction
// overlap) and each council's posts held back by its cap. Events: a booking's delay
// has passed and the market is asked; an assignment ends; an agency worker converts;
// an induction overlap ends.

#include <cstdint>
#include <vector>

#include "model/model_core.hpp"

namespace wfsim::model {

class AgencyMarket;
class Recruitment;

class AgencyCover {
 public:
  explicit AgencyCover(ModelCore& core);
  void wire(AgencyMarket& market, Recruitment& recruitment);
  void reset();

  // Books or releases agency cover so that the post has cover exactly when it needs it.
  void review(std::uint32_t post);
  // The post's permanent holder has left: decides whether the council covers this
  // vacancy (its role's vacancy_cover_share), then reviews it.
  void vacancy_opened(std::uint32_t post);
  // The starting position of one role's posts [first, end) is placed: decides which of
  // its vacancies the council covers (every one with an agency worker, and the others
  // at random so that the share covered is the role's in expectation).
  void decide_cover_at_start(std::uint32_t first, std::uint32_t end);
  // review() on the first day. With `part_way`, a booking it makes has been with the
  // agency for a while already: it reaches the market after what is left of the delay.
  void review_at_start(std::uint32_t post, bool part_way);
  // The agency worker starts in the post (a filled booking, or the starting position).
  void engage(std::uint32_t post, std::uint32_t worker);
  // A council's staffing changed: posts held back by its agency-share cap may book now.
  void staffing_changed(std::uint32_t authority) {
    if (!capped_[authority].empty()) book_capped_posts(authority);
  }
  // A permanent starter: any agency worker stays beside them for the induction overlap.
  void new_starter(std::uint32_t post);
  // The levers in force for a role: its induction overlap and agency-share cap. A cap
  // loosened books nothing yet: see book_where_loosened().
  void set_levers(std::uint32_t role, double induction_overlap_days, double max_agency_share);
  // After every role's levers are set at an instant: each council whose cap was
  // loosened books the posts it held back, longest held first, the councils in a drawn
  // order (listed first, a council's bookings reached the market first). Booked role
  // by role, a post of the role loosened first took the share before the other role's
  // cap was raised, whichever had waited longer.
  void book_where_loosened();
  // Every agency worker in post is paid the role's rate from now (rates changed).
  void reprice_posts();
  // The post's assignment ends now, as at its hazard (a rule's transition ending it).
  void end_assignment(std::uint32_t post) { on_assignment_end(post); }

 private:
  void on_booking_due(std::uint32_t post);
  void on_assignment_end(std::uint32_t post);
  void on_conversion(std::uint32_t worker);
  void on_induction_end(std::uint32_t post);
  bool needs_cover(const Post& p) const;
  // Whether a vacancy of `p`'s role, whose share of vacancies covered is `share`, is
  // covered, with chance `chance` (the share itself, but at the start).
  bool decide_cover(const Post& p, double share, double chance);
  bool over_cap(const Post& p) const;
  void book(std::uint32_t post);
  void book_capped_posts(std::uint32_t authority);
  void cancel_booking(std::uint32_t post);
  // Removes the agency worker from the post; returns who it was.
  std::uint32_t release(std::uint32_t post);
  void schedule_conversion(std::uint32_t worker, const RoleInfo& r);

  ModelCore& core_;
  AgencyMarket* market_ = nullptr;
  Recruitment* recruitment_ = nullptr;
  std::uint32_t booking_event_, assignment_end_event_, conversion_event_, induction_end_event_;
  std::vector<double> induction_overlap_days_;      // per role
  std::vector<double> max_agency_share_;            // per role
  std::vector<std::vector<std::uint32_t>> capped_;  // per authority: posts left uncovered by a cap
  std::vector<std::uint32_t> loosened_;             // authorities whose cap was loosened, not yet booked
};

}  // namespace wfsim::model
