#include "model/recruitment.hpp"

#include <algorithm>
#include <boost/random/poisson_distribution.hpp>
#include <cmath>

#include "model/agency_cover.hpp"
#include "model/engagement_rules.hpp"
#include "model/permanent_staff.hpp"
#include "model/same_time_order.hpp"
#include "model/seeking_pool.hpp"

namespace wfsim::model {

Recruitment::Recruitment(ModelCore& core)
    : core_(core),
      applicant_event_(core.routes.add<&Recruitment::on_applicant>(*this, "an applicant coming forward")),
      offer_event_(core.routes.add<&Recruitment::on_offer_due>(*this, "an offer falling due")),
      ready_event_(core.routes.add<&Recruitment::on_ready>(*this, "a new hire ready to start")),
      applicant_rate_(core.roles.size()),
      per_vacancy_rate_(core.roles.size()),
      next_applicant_(core.roles.size()),
      waiting_(core.roles.size()),
      trainees_(core.roles.size()),
      awaiting_(core.roles.markets().size()),
      waiting_count_(core.roles.size()),
      candidates_(core.roles.markets().size()) {}

void Recruitment::wire(PermanentStaff& staff, AgencyCover& cover, SeekingPool& seeking) {
  staff_ = &staff;
  cover_ = &cover;
  seeking_ = &seeking;
}

void Recruitment::reset() {
  for (std::uint32_t r = 0; r < core_.roles.size(); ++r) {
    applicant_rate_[r] = core_.roles[r].applicant_rate;
    per_vacancy_rate_[r] = core_.roles[r].per_vacancy_rate;
    next_applicant_[r] = {};
    waiting_[r].clear();
    trainees_[r].clear();
  }
  std::fill(awaiting_.begin(), awaiting_.end(), 0);
  std::fill(waiting_count_.begin(), waiting_count_.end(), 0);
  std::fill(candidates_.begin(), candidates_.end(), 0);
}

void Recruitment::open(std::uint32_t post) {
  Post& p = core_.store.post(post);
  if (p.temporary || p.recruitment != RecruitmentStage::closed) return;
  p.recruitment_opened_at = core_.now();
  core_.tally_of(p)[Measure::recruitments_open] += 1;
  seek_applicant(post);
}

void Recruitment::open_at_start(std::uint32_t post, std::optional<double> age) {
  open(post);
  Post& p = core_.store.post(post);
  // A recruitment opened at the holder's notice has run as long as the notice has,
  // applicant or not: its time to fill counts from then.
  if (age) p.recruitment_opened_at = core_.now() - *age;
  // Only a recruitment with an applicant is under way in a way the start can place:
  // one still waiting for an applicant waits on memoryless arrivals, so its wait so far
  // does not matter to what happens next (its place in the queue is set by the caller).
  if (p.recruitment != RecruitmentStage::approving) return;
  const RoleInfo& r = core_.role_of(p);
  const RecruitmentSettings& rec = r.role->recruitment;
  kernel::RandomStream& s = core_.stream(r, Process::starting_position);
  core_.sim.cancel(p.recruitment_event);
  auto offer_accepted_for = [&](double days_left) {
    p.recruitment = RecruitmentStage::offer_accepted;
    p.recruitment_event = core_.sim.schedule_in(days_left, kPriorityArrival, ready_event_, post);
  };
  if (age) {
    // Opened at the holder's notice `age` days ago, with an applicant at hand then:
    // follow its own stages for that long. An offer that fell through before the start
    // is not replayed: the applicant considered now gets a fresh assessment.
    p.applicant_at = p.recruitment_opened_at;
    double left = *age;
    const double assessment = rec.approval_to_offer.sample(s);
    if (assessment > left || s.bernoulli(rec.offer_failure_probability)) {
      const bool failed = assessment <= left;
      if (failed) p.applicant_at = core_.now();
      const double due = failed ? rec.approval_to_offer.sample(s) : assessment - left;
      p.recruitment_event = core_.sim.schedule_in(due, kPriorityDecision, offer_event_, post);
      return;
    }
    left -= assessment;
    const double to_start = rec.offer_to_start.sample(s);
    if (to_start > left) {
      offer_accepted_for(to_start - left);
    } else {
      p.recruitment = RecruitmentStage::ready;  // the holder is still serving notice
    }
    return;
  }
  // A vacancy of unknown age: in a steady stream of recruitments, one under way is in a
  // stage in proportion to the stage's mean length (assessments repeat after a failed
  // offer, 1 / (1 - failure) of them on average), part-way through it. With applicants
  // at hand a post has its applicant the day it opens, so both date from then; when a
  // recruitment opened at the notice opened before that is not known, so its time to
  // fill counts from its applicant.
  const double assessing = rec.approval_to_offer.mean() / (1 - rec.offer_failure_probability);
  const double offered = rec.offer_to_start.mean();
  const bool in_assessment = assessing + offered <= 0 || s.uniform() * (assessing + offered) < assessing;
  const PartWayApplicant applicant = part_way_applicant(core_.role_of(p), in_assessment, s);
  date_applicant(p, applicant.since);
  const double left = applicant.left;
  if (in_assessment) {
    p.recruitment_event = core_.sim.schedule_in(left, kPriorityDecision, offer_event_, post);
  } else {
    offer_accepted_for(left);
  }
}

Recruitment::PartWayApplicant Recruitment::part_way_applicant(const RoleInfo& r, bool in_assessment,
                                                              kernel::RandomStream& s) {
  const RecruitmentSettings& rec = r.role->recruitment;
  const kernel::Distribution::PartWay part =
      (in_assessment ? rec.approval_to_offer : rec.offer_to_start).sample_part_way(s);
  double since = part.elapsed;
  // The assessment before the offer, from a stream of its own: dating what is under
  // way moves no draw of what happens next.
  if (!in_assessment) since += rec.approval_to_offer.sample(core_.stream(r, Process::starting_dates));
  return PartWayApplicant{in_assessment, since, part.remaining};
}

void Recruitment::date_applicant(Post& p, double since) {
  p.applicant_at = core_.now() - since;
  p.recruitment_opened_at = std::min(p.recruitment_opened_at, p.applicant_at);  // open by then at the latest
}

void Recruitment::start_applicants_in_flight() {
  // While posts wait, outside applicants come forward as a Poisson stream of rate l and
  // each is assessed (mean A, repeated after a failed offer) and then, with probability
  // 1 - f, works notice after accepting (mean O). Those under way at a moment of a
  // steady run are the busy servers of an M/G/infinity queue: Poisson in number, of
  // mean l A and l (1 - f) O, each with its stage's time left (Takacs). Seekers from
  // the region's pool are servers of the same queue at their own rate (in_flight_rates).
  // They are drawn here and given to the posts at the front of the queue (the oldest
  // recruitments), as far as there are posts.
  for (std::uint32_t role = 0; role < core_.roles.size(); ++role) {
    if (!has_waiting(role) || std::isinf(applicant_rate(role))) continue;
    const InFlightRates rates = in_flight_rates(role);
    if (!(rates.own > 0) && !(rates.pool > 0)) continue;
    const RoleInfo& r = core_.roles[role];
    const RecruitmentSettings& rec = r.role->recruitment;
    kernel::RandomStream& s = core_.stream(r, Process::starting_position);
    // 64-bit counts: a billion applicants a year assessed for a year or more would
    // overflow an int.
    auto draw_count = [&](double mean) -> std::uint64_t {
      return mean > 0 ? static_cast<std::uint64_t>(boost::random::poisson_distribution<std::int64_t, double>(mean)(s))
                      : 0;
    };
    InFlightCounts counts;
    counts.own_assessing = draw_count(rates.own * rec.approval_to_offer.mean());
    counts.own_offered = draw_count(rates.own * (1 - rec.offer_failure_probability) * rec.offer_to_start.mean());
    counts.pool_assessing = draw_count(rates.pool * rec.approval_to_offer.mean());
    counts.pool_offered = draw_count(rates.pool * (1 - rec.offer_failure_probability) * rec.offer_to_start.mean());
    // Which of them find a post, where fewer wait than are under way: any, at random.
    std::vector<InFlight>& in_flight = in_flight_;
    sample_in_flight(counts, waiting_count_[role], s, in_flight);
    part_way_.clear();
    for (std::size_t k = 0; k < in_flight.size(); ++k) {
      part_way_.push_back(part_way_applicant(r, in_flight[k].in_assessment, s));
      part_way_.back().from_pool = in_flight[k].from_pool;
    }
    // Each took the post at the front of the queue when they came forward, so the one
    // who came first has the oldest recruitment: not, as the list above would give,
    // those still being assessed the oldest posts and those who accepted offers (who
    // came forward longer ago, on average) the newer ones. Ties in the times have
    // probability 0 (each is a continuous draw).
    std::stable_sort(part_way_.begin(), part_way_.end(),
                     [](const PartWayApplicant& a, const PartWayApplicant& b) { return a.since > b.since; });
    for (const PartWayApplicant& applicant : part_way_) {
      // has_waiting drops stale entries from the queue's front, which pop() needs; it is
      // never false here, as waiting_count_ counts the live entries.
      if (!has_waiting(role)) break;
      place_in_flight(waiting_[role].pop().post, applicant, s);
    }
  }
}

Recruitment::InFlightRates Recruitment::in_flight_rates(std::uint32_t role) const {
  // Where more outside applicants come while more posts wait, l = a + b W with W the
  // posts still waiting: of the R open now, W = R - l T on average (T = A + (1 - f) O),
  // so the steady rate is l = (a + b R) / (1 + b T). Where the region has a pool of
  // seekers, in steady operation the posts fill as fast as their holders leave (H a
  // day, the input turnover on those in post), which takes applicants at H / (1 - f),
  // as f of offers fail: the pool's seekers come at what the outside applicants leave
  // of that rate, with W = R - T H / (1 - f), at least 0. A council whose outside
  // applicants would fill it alone takes none from the pool, and its outside rate is
  // the one above. Not counted against H: agency workers converting (a few per cent of
  // the posts filled in the regional scenarios) and a council's own trainees, so a few
  // too many of the pool's seekers are under way; and H is the input turnover, before
  // any lever in force at the start, as for the dates of the waiting vacancies.
  const RoleInfo& r = core_.roles[role];
  const RecruitmentSettings& rec = r.role->recruitment;
  const double kept = 1 - rec.offer_failure_probability;
  const double in_flight_days = rec.approval_to_offer.mean() + kept * rec.offer_to_start.mean();
  const double a = applicant_rate_[role], b = per_vacancy_rate_[role];
  const double open = static_cast<double>(waiting_count_[role]);
  const InFlightRates outside_only{(a + b * open) / (1 + b * in_flight_days), 0};
  if (core_.roles.market(r.market).pool == nullptr) return outside_only;
  const double applicants = r.role->turnover_per_year / kDaysPerYear * staff_->in_post(role) / kept;
  const double own = a + b * std::max(0.0, open - applicants * in_flight_days);
  if (!(own < applicants)) return outside_only;
  return InFlightRates{own, applicants - own};
}

void Recruitment::place_in_flight(std::uint32_t post, const PartWayApplicant& applicant, kernel::RandomStream& s) {
  std::uint32_t candidate = kNone;
  if (applicant.from_pool) {
    // ASSUMPTION: a seeker under way at the start lives in the council they applied
    // to (seekers weigh their journey, so most apply near home), with the pool's spread
    // of experience.
    const RoleInfo& r = core_.role_of(core_.store.post(post));
    candidate = core_.new_worker(r.market, core_.roles.market(r.market).pool->experience.sample(s));
    core_.store.worker(candidate).home = r.authority;
  }
  consider(post, candidate);
  Post& p = core_.store.post(post);
  core_.sim.cancel(p.recruitment_event);
  date_applicant(p, applicant.since);
  if (applicant.in_assessment) {
    p.recruitment_event = core_.sim.schedule_in(applicant.left, kPriorityDecision, offer_event_, post);
  } else {
    p.recruitment = RecruitmentStage::offer_accepted;
    p.recruitment_event = core_.sim.schedule_in(applicant.left, kPriorityArrival, ready_event_, post);
  }
}

void Recruitment::notice_given(std::uint32_t post) {
  if (core_.role_of(core_.store.post(post)).role->recruitment.opens_at == RecruitmentTrigger::at_notice) open(post);
}

void Recruitment::post_vacated(std::uint32_t post) {
  const Post& p = core_.store.post(post);
  if (p.recruitment == RecruitmentStage::ready) {
    start(post);  // the replacement was waiting for this departure
  } else if (p.recruitment == RecruitmentStage::closed) {
    open(post);
  }
}

void Recruitment::seek_applicant(std::uint32_t post) {
  const std::uint32_t role = core_.store.post(post).role;
  // The council's own qualified trainees come first, then someone already seeking a
  // post in the region, then the council's applicants from outside it.
  if (!trainees_[role].empty()) {
    consider(post, trainees_[role].pop());
    return;
  }
  if (seeking_->offer_post(post)) return;
  if (std::isinf(applicant_rate_[role])) {
    consider(post, kNone);
    return;
  }
  wait_for_applicant(post);
}

void Recruitment::wait_for_applicant(std::uint32_t post) {
  Post& p = core_.store.post(post);
  p.recruitment = RecruitmentStage::awaiting_applicant;
  ++awaiting_[core_.role_of(p).market];
  ++waiting_count_[p.role];
  waiting_[p.role].push(QueuedPost{post, ++p.recruitment_serial});
  if (per_vacancy_rate_[p.role] > 0) {
    waiting_changed(p.role);
  } else if (!core_.sim.pending(next_applicant_[p.role]) && applicant_rate_[p.role] > 0) {
    schedule_applicant(p.role);
  }
}

void Recruitment::schedule_applicant(std::uint32_t role) {
  next_applicant_[role] = core_.sim.schedule_in(
      exponential_delay(core_.stream(core_.roles[role], Process::applicants), applicant_rate(role)), kPriorityDecision,
      applicant_event_, role);
}

void Recruitment::on_applicant(std::uint32_t role) {
  // Applicants are memoryless, so one pending arrival per role is enough: the next is
  // scheduled only while some recruitment still waits. Applicants who come forward
  // when no post is open go elsewhere.
  if (has_waiting(role)) consider(waiting_[role].pop().post, kNone);
  if (has_waiting(role) && !core_.sim.pending(next_applicant_[role])) schedule_applicant(role);
}

void Recruitment::consider(std::uint32_t post, std::uint32_t candidate) {
  Post& p = core_.store.post(post);
  const RoleInfo& r = core_.role_of(p);
  const bool was_waiting = p.recruitment == RecruitmentStage::awaiting_applicant;
  if (was_waiting) {
    --awaiting_[r.market];
    --waiting_count_[p.role];
  }
  p.recruitment = RecruitmentStage::approving;
  p.applicant_at = core_.now();
  p.candidate = candidate;
  if (candidate != kNone) {
    Worker& w = core_.store.worker(candidate);
    core_.sim.cancel(w.review_event);  // an applicant now, not a seeker looking
    w.state = WorkerState::candidate;
    ++candidates_[r.market];
    w.post = post;
  }
  p.recruitment_event =
      core_.sim.schedule_in(r.role->recruitment.approval_to_offer.sample(core_.stream(r, Process::recruitment)),
                            kPriorityDecision, offer_event_, post);
  if (was_waiting && per_vacancy_rate_[p.role] > 0) waiting_changed(p.role);
}

void Recruitment::on_offer_due(std::uint32_t post) {
  Post& p = core_.store.post(post);
  const RoleInfo& r = core_.role_of(p);
  const RecruitmentSettings& rec = r.role->recruitment;
  kernel::RandomStream& s = core_.stream(r, Process::recruitment);
  AuthorityTally& t = core_.tally_of(p);
  if (s.bernoulli(rec.offer_failure_probability)) {
    // The offer fell through: the post looks for someone else first, and the applicant
    // goes back to seeking, not offered the same post again until another offer of theirs fails.
    t[Measure::offers_failed] += 1;
    const std::uint32_t candidate = p.candidate;
    p.candidate = kNone;
    seek_applicant(post);
    if (candidate != kNone) {
      --candidates_[r.market];
      core_.store.worker(candidate).failed_post = post;
      seeking_->seek(candidate);
    }
    return;
  }
  t[Aux::offers_accepted] += 1;
  t[Aux::offer_days] += core_.now() - p.applicant_at;
  p.recruitment = RecruitmentStage::offer_accepted;
  p.recruitment_event = core_.sim.schedule_in(rec.offer_to_start.sample(s), kPriorityArrival, ready_event_, post);
}

void Recruitment::on_ready(std::uint32_t post) {
  Post& p = core_.store.post(post);
  if (p.holder != kNone) {
    p.recruitment = RecruitmentStage::ready;  // no overlap: start when the leaver goes
    return;
  }
  start(post);
  cover_->review(post);
}

void Recruitment::convert(std::uint32_t post, std::uint32_t agency_worker) {
  Post& p = core_.store.post(post);
  p.candidate = agency_worker;
  p.applicant_at = core_.now();
  start(post);
}

void Recruitment::start(std::uint32_t post) {
  Post& p = core_.store.post(post);
  const RoleInfo& r = core_.role_of(p);
  AuthorityTally& t = core_.tally_of(p);
  t[Measure::recruitments_open] -= 1;
  t[Measure::starters_permanent] += 1;
  t[Aux::fill_days] += core_.now() - p.recruitment_opened_at;
  if (p.recruitment == RecruitmentStage::awaiting_applicant) {
    --awaiting_[r.market];
    --waiting_count_[p.role];
    if (per_vacancy_rate_[p.role] > 0) waiting_changed(p.role);
  }
  p.recruitment = RecruitmentStage::closed;
  cover_->new_starter(post);
  std::uint32_t worker = p.candidate;
  p.candidate = kNone;
  const FlowCategories& c = core_.flows.categories();
  // An agency worker converting (AgencyCover::on_conversion leaves them 'agency' at the
  // post) was never offered it: their start, the instant they convert, would count 0
  // days and pull the time to start down by the share of conversions, as if recruiting
  // had got faster. The time to start is the recruits'.
  const bool converting = worker != kNone && core_.store.worker(worker).state == WorkerState::agency;
  if (!converting) {
    t[Aux::start_days] += core_.now() - p.applicant_at;
    t[Aux::recruited_starters] += 1;
  }
  if (worker == kNone) {
    worker = core_.new_worker(r.market, r.role->experience.sample(core_.stream(r, Process::experience)));
    core_.store.worker(worker).home = r.authority;
    core_.flows.move(c.outside(), c.permanent(r.authority));
  } else if (core_.store.worker(worker).state == WorkerState::candidate) {
    t[Measure::starters_from_pool] += 1;  // from the region's pool
    --candidates_[r.market];
    core_.flows.move(c.seeking(core_.roles.market(r.market).region), c.permanent(r.authority));
  } else {
    t[Measure::agency_conversions] += 1;  // an agency worker at this council converting
    core_.flows.move(c.agency(r.authority), c.permanent(r.authority));
  }
  staff_->hire(post, worker);
}

void Recruitment::apply_to_longest_waiting_except(std::uint32_t role, std::uint32_t candidate, std::uint32_t except) {
  has_waiting(role);
  const Fifo<QueuedPost>& queue = waiting_[role];
  for (std::size_t i = 0; i < queue.size(); ++i) {
    const QueuedPost& q = queue[i];
    if (q.post == except || !live(q)) continue;
    // Its entry goes stale when the post leaves the queue's stage, and is dropped when
    // it reaches the front.
    consider(q.post, candidate);
    return;
  }
}

std::size_t Recruitment::waiting_except(std::uint32_t role, std::uint32_t except) const {
  const std::size_t n = waiting_count_[role];
  if (except == kNone || n == 0) return n;
  const Post& p = core_.store.post(except);
  return p.role == role && p.recruitment == RecruitmentStage::awaiting_applicant ? n - 1 : n;
}

void Recruitment::trainee_qualified(std::uint32_t role, std::uint32_t worker) {
  if (has_waiting(role)) {
    apply_to_longest_waiting(role, worker);
    return;
  }
  trainees_[role].push(worker);
}

void Recruitment::set_applicant_rates(std::uint32_t role, double per_day, double per_vacancy) {
  // Applicants are memoryless, so a pending arrival can be redrawn at the new rate;
  // only a rate that changed is redrawn, so a lever of zero strength moves no draw.
  if (per_day == applicant_rate_[role] && per_vacancy == per_vacancy_rate_[role]) return;
  applicant_rate_[role] = per_day;
  per_vacancy_rate_[role] = per_vacancy;
  if (!has_waiting(role) && core_.sim.pending(next_applicant_[role])) {
    // An arrival drawn at the old rate outlives an emptied queue (a conversion, a
    // trainee or a seeker took the last waiting post), and the next post to wait would
    // take it as drawn: after a campaign ended, applicants kept coming at its rate.
    // Dropped, it is drawn afresh at the new rate when a post next waits.
    core_.sim.cancel(next_applicant_[role]);
    next_applicant_[role] = {};
  }
  waiting_changed(role);
}

void Recruitment::waiting_changed(std::uint32_t role) {
  const bool waiting = has_waiting(role);
  const double rate = applicant_rate(role);
  if (core_.sim.pending(next_applicant_[role]) && waiting) {
    core_.sim.cancel(next_applicant_[role]);
    next_applicant_[role] = {};
    if (rate > 0 && std::isfinite(rate)) schedule_applicant(role);
  } else if (waiting && !core_.sim.pending(next_applicant_[role]) && rate > 0 && std::isfinite(rate)) {
    schedule_applicant(role);
  }
}

std::size_t Recruitment::trainees_waiting(std::uint32_t market) const {
  std::size_t n = 0;
  for (const std::uint32_t role : core_.roles.market(market).roles) n += trainees_[role].size();
  return n;
}

std::size_t Recruitment::trainees_waiting() const {
  std::size_t n = 0;
  for (const auto& queue : trainees_) n += queue.size();
  return n;
}

void Recruitment::audit(const std::function<void(const char*)>& fail) const {
  std::vector<std::size_t> awaiting(awaiting_.size(), 0);
  std::vector<std::size_t> candidates(candidates_.size(), 0);
  for (std::uint32_t post = 0; post < core_.store.post_count(); ++post) {
    const Post& p = core_.store.post(post);
    if (p.recruitment == RecruitmentStage::awaiting_applicant) ++awaiting[core_.role_of(p).market];
  }
  for (std::uint32_t id = 0; id < core_.store.worker_slots(); ++id) {
    const Worker& w = core_.store.worker(id);
    if (w.state != WorkerState::candidate) continue;
    ++candidates[core_.role_of(core_.store.post(w.post)).market];
    if (core_.store.post(w.post).candidate != id) fail("a candidate's recruitment does not name them");
  }
  if (awaiting != awaiting_) fail("recruitments awaiting applicants and their count disagree");
  if (candidates != candidates_) fail("candidates and their count disagree");
}

}  // namespace wfsim::model
