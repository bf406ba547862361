#pragma once
// The shared store of the workforce model: every post and every worker, and the one
// way to change a post so that its authority's cover tallies stay right.
//
// Components own their own state and reach posts and workers through this store;
// the layout (an array of cache-line-aligned records, below) is chosen for the
// events that visit one post or worker at a time.

#include <cstddef>
#include <cstdint>
#include <vector>

#include "kernel/simulator.hpp"
#include "model/authority_tally.hpp"
#include "model/parameters.hpp"
#include "model/rule_book.hpp"

namespace wfsim::model {

constexpr std::uint32_t kNone = UINT32_MAX;

enum class Destination : std::uint8_t { outside, other_council, agency };

enum class RecruitmentStage : std::uint8_t {
  closed,
  awaiting_applicant,  // advertised, waiting for a suitable applicant
  approving,           // an applicant is being assessed, until the offer
  offer_accepted,      // the new hire is working their own notice
  ready,               // the new hire could start, but the leaver is still working notice
};

enum class BookingStage : std::uint8_t {
  none,
  booked,           // the agency is looking: arrival event pending
  awaiting_supply,  // the market had nobody: waiting for the next available worker
};

// A region holds thousands of posts and workers, too many for the first-level cache,
// so each event's visit to one is likely a miss. The fields most events use come first
// and fill one 64-byte line, and the struct is aligned to lines: an event that needs
// only those (an agency worker arriving or leaving, an absence) loads one line, not the
// two or three an unaligned 88-byte struct spans. The rest (times a recruitment
// records) sit on a second line that only recruitment events load.
struct alignas(64) Post {
  // First line.
  double agency_cost_per_day = 0;  // what the agency worker in the post costs
  double booked_at = 0;
  kernel::EventHandle agency_event;  // pending arrival while booked, or assignment end
  kernel::EventHandle recruitment_event;
  std::uint32_t role = 0;                // index into the model's flattened authority-role table
  std::uint32_t holder = kNone;          // permanent worker
  std::uint32_t agency_worker = kNone;   // agency worker in the post
  std::uint32_t candidate = kNone;       // the applicant, if they came from the region's pool
  std::uint32_t booking_serial = 0;      // tells stale market-queue entries apart
  std::uint32_t recruitment_serial = 0;  // tells stale applicant-queue entries apart
  BookingStage booking = BookingStage::none;
  RecruitmentStage recruitment = RecruitmentStage::closed;
  bool temporary = false;  // temporary establishment: covered by agency only
  bool induction_event_pending = false;
  bool vacancy_to_cover = false;  // vacant: the council books agency cover for it (drawn when it opened)
  bool off_contract = false;      // the current booking (or agency worker) is off the supplier contract
  // Second line.
  double recruitment_opened_at = 0;
  double applicant_at = 0;     // when the current applicant came forward
  double inducting_until = 0;  // agency cover stays beside a new starter until then
};

enum class WorkerState : std::uint8_t {
  permanent,    // holds a post (working, on notice or absent)
  agency,       // covering a post as agency
  agency_idle,  // in the agency market, available
  seeking,      // in the region's pool, seeking a permanent post
  candidate,    // in a recruitment pipeline, from the pool
  gone,         // left the model; the slot is free
};

// Aligned and ordered like Post: the first line holds what every event on a worker
// uses; the history (read only when a rule might bar them, written when they leave a
// post) and the eligibility recheck of a barred idle worker are on the second.
struct alignas(64) Worker {
  // First line.
  kernel::EventHandle tenure_event;         // notice, then leaving
  kernel::EventHandle absence_event;        // next absence start, or the current one's end
  kernel::EventHandle conversion_event;     // agency: taking a permanent post
  double may_be_refused_until = -kForever;  // RuleBook::may_refuse_until(history), kept with it
  double bond_until = 0;                    // no resignation before this, at bond_authority
  std::uint32_t post = kNone;               // held (permanent), covered (agency) or applied for (candidate)
  std::uint32_t market = 0;                 // the role name's labour market
  std::uint32_t failed_post = kNone;        // the post whose offer to them fell through, till they next hold one
  std::uint32_t refusal_row = kNone;        // the worker's row in this period's refusal flags, if any
  std::uint32_t home = 0;                   // the authority they live nearest: travel is counted from it
  WorkerState state = WorkerState::gone;
  Destination destination = Destination::outside;
  bool absent = false;
  bool on_notice = false;
  // Second line.
  WorkerHistory history;
  double review_at = 0;                  // when review_event is due
  kernel::EventHandle review_event;      // an idle agency worker or a waiting seeker looks again
  std::uint32_t bond_authority = kNone;  // the council whose trainee they were: the bond binds there only
};

static_assert(sizeof(Post) == 128 && offsetof(Post, recruitment_opened_at) == 64, "Post's first line is full");
static_assert(sizeof(Worker) == 128 && offsetof(Worker, history) == 64, "Worker's first line is full");

class WorkforceStore {
 public:
  explicit WorkforceStore(kernel::Simulator& sim) : sim_(sim) {}

  // Empties the store for the next replication, keeping its memory.
  void clear();

  Post& post(std::uint32_t id) { return posts_[id]; }
  const Post& post(std::uint32_t id) const { return posts_[id]; }
  Worker& worker(std::uint32_t id) { return workers_[id]; }
  const Worker& worker(std::uint32_t id) const { return workers_[id]; }
  std::uint32_t post_count() const { return static_cast<std::uint32_t>(posts_.size()); }
  std::uint32_t worker_slots() const { return static_cast<std::uint32_t>(workers_.size()); }
  std::size_t worker_capacity() const { return workers_.capacity(); }
  std::size_t free_slots() const { return free_workers_.size(); }

  // Adds `count` copies of `post` after the posts already laid out.
  void add_posts(const Post& post, int count) {
    if (static_cast<std::size_t>(count) > kMostPosts - posts_.size()) throw_too_many_posts();
    posts_.insert(posts_.end(), static_cast<std::size_t>(count), post);
  }

  // A new worker of a labour market, qualified at `qualified_at`, in a free slot.
  std::uint32_t add_worker(std::uint32_t market, double qualified_at) {
    std::uint32_t worker;
    if (!free_workers_.empty()) {
      worker = free_workers_.back();
      free_workers_.pop_back();
      workers_[worker] = Worker{};
    } else {
      if (workers_.size() >= kMostWorkers) throw_runaway();
      worker = static_cast<std::uint32_t>(workers_.size());
      workers_.emplace_back();
    }
    workers_[worker].market = market;
    workers_[worker].history.qualified_at = qualified_at;
    return worker;
  }
  // The worker leaves the model: their pending events are cancelled and the slot freed.
  void retire(std::uint32_t worker);

  // Workers present at once, at most (parameters.hpp says why).
  static constexpr std::size_t kMostWorkers = model::kMostWorkers;
  // Posts and workers are the subjects of events, which the event queue numbers in 24
  // bits: about 16.8 million posts in a scenario (England's holds about 35,000).
  static constexpr std::size_t kMostPosts = std::size_t{kernel::EventQueue::kMaxSubject} + 1;
  static_assert(kMostWorkers <= kMostPosts, "worker numbers must fit an event's subject");

  // What a post contributes to its authority's cover tallies now.
  CoverContribution contribution(const Post& p) const {
    CoverContribution c;
    const bool absent = p.holder != kNone && workers_[p.holder].absent;
    const bool agency = p.agency_worker != kNone;
    if (p.holder == kNone) (p.temporary ? c.temporary_posts : c.vacant) = 1;
    if (absent) c.absent = 1;
    // Agency staff beside a permanent worker who is at work cover nothing.
    if (agency && p.holder == kNone) c.agency_vacancy = 1;
    if (agency && absent) c.agency_absence = 1;
    return c;
  }

  // Changes who is in a post (or whether its holder is absent) with `change`, keeping
  // the authority's tally right: costs accrued up to now at the old rates, and the
  // post's cover contribution taken out before and put back after.
  template <class Change>
  void change_post(std::uint32_t id, AuthorityTally& tally, Change&& change) {
    Post& p = posts_[id];
    tally.accrue(sim_.now());
    tally.apply(contribution(p), -1);
    change(p);
    tally.apply(contribution(p), +1);
  }

 private:
  [[noreturn]] static void throw_runaway();
  [[noreturn]] static void throw_too_many_posts();
  kernel::Simulator& sim_;
  std::vector<Post> posts_;
  std::vector<Worker> workers_;
  std::vector<std::uint32_t> free_workers_;
};

}  // namespace wfsim::model
