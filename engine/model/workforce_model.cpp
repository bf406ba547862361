#include "model/workforce_model.hpp"

#include <algorithm>
#include <optional>
#include <stdexcept>
#include <string>

#include "kernel/calendar.hpp"
#include "model/event_pace.hpp"
#include "model/runaway_error.hpp"
#include "model/same_time_order.hpp"

namespace wfsim::model {

WorkforceModel::WorkforceModel(const ModelParameters& parameters)
    : core_(parameters),
      staff_(core_),
      absences_(core_),
      recruitment_(core_),
      cover_(core_),
      market_(core_),
      seeking_(core_),
      rules_(core_),
      levers_(core_),
      choice_(core_, rules_, levers_),
      report_(core_, market_, seeking_, recruitment_, rules_),
      period_end_event_(core_.routes.add<&WorkforceModel::on_period_end>(*this, "a period's end")),
      warmup_month_end_event_(
          core_.routes.add<&WorkforceModel::on_warmup_month_end>(*this, "the end of a month of the warm-up")),
      warmup_end_event_(core_.routes.add<&WorkforceModel::on_warmup_end>(*this, "the warm-up's end")) {
  const ModelParameters& p = core_.parameters;
  for (std::int64_t day = kernel::first_of_next_month(p.start_day); day < p.report_start_day;
       day = kernel::first_of_next_month(day)) {
    warmup_month_ends_.push_back(day);
  }
  core_.rules = &rules_;
  staff_.wire(absences_, recruitment_, cover_, market_, seeking_, rules_, levers_, choice_);
  absences_.wire(cover_);
  recruitment_.wire(staff_, cover_, seeking_);
  cover_.wire(market_, recruitment_);
  market_.wire(cover_, rules_, seeking_);
  seeking_.wire(recruitment_, levers_);
  rules_.wire(market_, cover_);
  levers_.wire(staff_, recruitment_, cover_);
}

SeriesTable WorkforceModel::make_table() const {
  return SeriesTable(SeriesTable::Deferred{}, reported_rows(core_.parameters), periods(),
                     core_.parameters.rules.size());
}

void WorkforceModel::handle(const kernel::Event& event) {
  handling_ = event.type;
  core_.routes.dispatch(event);
}

void WorkforceModel::run_to_end() {
  const double end = static_cast<double>(core_.parameters.end_day - core_.parameters.start_day);
  try {
    // The last period end is at `end` itself; run_until stops before events at `end`,
    // so deliver it explicitly.
    core_.sim.run_until(end, *this);
    while (next_period_ < periods()) core_.sim.step(*this);
  } catch (const kernel::TooFast& e) {
    throw_too_fast(e, core_.store.post_count(), core_.now(), core_.routes.name(handling_));
  } catch (const kernel::QueueFull& e) {
    // The event queue full (2^24 events pending, 2^32 scheduled in a replication): no
    // model's own fault, but input that makes events without bound.
    throw RunawayError("on simulated day " + std::to_string(static_cast<long long>(core_.now())) + ", handling " +
                       std::string(core_.routes.name(handling_)) + ": " + e.what() +
                       ": a rate makes events without bound");
  } catch (const std::logic_error& e) {
    // Say where in the run a model error arose: the simulated date and the event.
    const auto day = core_.parameters.start_day + static_cast<std::int64_t>(core_.now());
    throw std::logic_error("on " + kernel::format_iso_date(day) + " (simulated day " + std::to_string(core_.now()) +
                           "), handling " + std::string(core_.routes.name(handling_)) + ": " + e.what());
  }
}

void WorkforceModel::reset(std::uint64_t seed, std::uint64_t replication) {
  core_.sim.reset();
  core_.streams.reseed(seed, replication);
  core_.store.clear();
  for (AuthorityTally& t : core_.tallies) t = AuthorityTally{};
  core_.flows.begin_replication();
  core_.reset_workload_weights();
  staff_.reset();
  recruitment_.reset();
  cover_.reset();
  market_.reset();
  seeking_.reset();
  rules_.reset();
  levers_.reset();
  report_.forget_warmup_months();
  next_period_ = 0;
  next_warmup_month_ = 0;
}

std::uint64_t WorkforceModel::run(std::uint64_t seed, std::uint64_t replication, SeriesTable& out) {
  start(seed, replication, out);
  run_to_end();
  out_ = nullptr;
  return core_.sim.events_processed();
}

void WorkforceModel::start(std::uint64_t seed, std::uint64_t replication, SeriesTable& out) {
  const ModelParameters& p = core_.parameters;
  // A table may leave the rules' refusals out (rules() == 0): a comparison, whose
  // variants may have different rules, keeps none.
  if (out.authorities() != reported_rows(p) || out.periods() != periods() ||
      (out.rules() != p.rules.size() && out.rules() != 0)) {
    throw std::invalid_argument("series table has the wrong shape for this scenario");
  }
  out.allocate();  // on this thread, if the table is still deferred
  reset(seed, replication);
  const double end = static_cast<double>(p.end_day - p.start_day);
  core_.sim.set_horizon(end);
  out_ = &out;
  set_up_starting_position();
  core_.sim.set_pace_limit(events_per_day_limit(core_.store.post_count()));
  core_.sim.schedule_at(static_cast<double>(core_.period_ends[0] - p.start_day), kPriorityPeriodEnd, period_end_event_,
                        0);
  if (p.report_start_day > p.start_day) {
    core_.sim.schedule_at(static_cast<double>(p.report_start_day - p.start_day), kPriorityPeriodEnd, warmup_end_event_,
                          0);
    if (!warmup_month_ends_.empty()) {
      core_.sim.schedule_at(static_cast<double>(warmup_month_ends_[0] - p.start_day), kPriorityPeriodEnd,
                            warmup_month_end_event_, 0);
    }
  } else {
    core_.flows.count_from_now();
  }
  rules_.start();
  levers_.queue_changes();
}

void WorkforceModel::set_up_starting_position() {
  market_.reprice();
  levers_.apply_initial();  // rates in force at the start, before anyone is hired
  choice_.start();          // leavers' options at the start's pay, the baseline of their shares
  notice_served_.clear();
  starts_absent_.clear();
  for (std::uint32_t r = 0; r < core_.roles.size(); ++r) place_role(r);
  for (std::uint32_t m = 0; m < core_.roles.markets().size(); ++m) {
    market_.start(m);
    seeking_.start(m);
  }
  // Every vacancy opens and every gap is booked at the same instant: in a drawn order,
  // so that with fixed delays no council reaches the market first by being listed first.
  // Each post draws its place from its own role's stream (the posts sorted by their
  // draws), not the whole order from one stream: a council's posts then keep their
  // order among the others' whatever other councils hold, so that a council added, or
  // posts added elsewhere, move no one else's place. A key is the draw's top 40 bits
  // over the post's number (posts are at most 2^24: WorkforceStore::kMostPosts), sorted as
  // plain integers, a third of the time of sorting posts by a table of draws; two equal
  // draws (a chance of 2^-40 a pair: 1 in 80,000 replications of the South East) fall
  // back to the posts' order.
  static_assert(WorkforceStore::kMostPosts <= (std::size_t{1} << 24), "a post's number must fit below the key's draw");
  const std::uint32_t posts = core_.store.post_count();
  post_keys_.resize(posts);
  for (std::uint32_t post = 0; post < posts; ++post) {
    const std::uint64_t draw = core_.stream(core_.role_of(core_.store.post(post)), Process::same_time_order)();
    post_keys_[post] = (draw >> 24 << 24) | post;
  }
  std::sort(post_keys_.begin(), post_keys_.end());
  std::vector<std::uint32_t>& order = post_order_;
  order.resize(posts);
  for (std::uint32_t k = 0; k < posts; ++k) order[k] = static_cast<std::uint32_t>(post_keys_[k] & 0xFFFFFF);
  if (core_.parameters.warm_start) {
    open_part_way();
  } else {
    // Fresh absences of a fixed length all end at one instant, and each end may free an
    // agency worker for the waiting bookings: they are queued in the drawn order of
    // their posts, not the councils' listed order.
    for (const std::uint32_t post : order) {
      if (starts_absent_[post]) absences_.begin_at_start(core_.store.post(post).holder, false);
    }
    for (const std::uint32_t post : order) {
      const Post& p = core_.store.post(post);
      if (!p.temporary && p.holder == kNone) recruitment_.open(post);
      cover_.review(post);
    }
  }
  // Starting positions are not flows: the first period's flows start after them.
  for (AuthorityTally& t : core_.tallies) t.reset_flows();
  levers_.start();
  rules_.end_period();
}

void WorkforceModel::open_part_way() {
  // Recruitments open oldest first, as a queue of them would stand in steady operation:
  // the vacancies (in the drawn order; where recruitment opens at the notice, theirs
  // opened at least a notice ago), then the posts whose holder is serving notice,
  // longest served first. Each is part-way through (Recruitment::open_at_start), and so
  // is each booking of agency cover.
  std::vector<std::uint32_t>& serving = serving_order_;
  std::vector<std::uint32_t>& vacant = vacant_order_;
  serving.clear();
  vacant.clear();
  for (const std::uint32_t post : post_order_) {
    const Post& p = core_.store.post(post);
    if (!p.temporary && p.holder == kNone) {
      recruitment_.open_at_start(post, std::nullopt);
      vacant.push_back(post);
    } else if (notice_served_[post] >= 0 &&
               core_.role_of(p).role->recruitment.opens_at == RecruitmentTrigger::at_notice) {
      serving.push_back(post);
    }
  }
  std::stable_sort(serving.begin(), serving.end(),
                   [&](std::uint32_t a, std::uint32_t b) { return notice_served_[a] > notice_served_[b]; });
  for (const std::uint32_t post : serving) recruitment_.open_at_start(post, notice_served_[post]);
  date_waiting_vacancies();
  for (const std::uint32_t post : post_order_) cover_.review_at_start(post, true);
  recruitment_.start_applicants_in_flight();
}

void WorkforceModel::date_waiting_vacancies() {
  // A vacancy still waiting for an applicant has waited a while: in a first-come queue
  // the posts ahead of the newest are older by the gaps between recruitments opening,
  // at the rate posts fall vacant (turnover x in post). The newest vacancy is older
  // than every recruitment opened at a notice still being served. So, walking the
  // vacancies from the back of the queue (the last opened) to the front, each is older
  // than the one behind it by an exponential gap; its time to fill counts from then.
  std::vector<double> age(core_.roles.size(), -1);
  for (auto it = vacant_order_.rbegin(); it != vacant_order_.rend(); ++it) {
    const Post& p = core_.store.post(*it);
    if (p.recruitment != RecruitmentStage::awaiting_applicant) continue;
    const RoleInfo& info = core_.roles[p.role];
    if (age[p.role] < 0) {
      age[p.role] = 0;
      for (const std::uint32_t post : serving_order_) {
        if (core_.store.post(post).role == p.role) age[p.role] = std::max(age[p.role], notice_served_[post]);
      }
    }
    const double opening_per_day = info.role->turnover_per_year / kDaysPerYear * staff_.in_post(p.role);
    if (opening_per_day > 0) {
      age[p.role] += exponential_delay(core_.stream(info, Process::starting_dates), opening_per_day);
    }
    recruitment_.date_opening(*it, core_.now() - age[p.role]);
  }
}

void WorkforceModel::place_role(std::uint32_t r) {
  const RoleInfo& info = core_.roles[r];
  const Role& role = *info.role;
  const std::uint32_t first = core_.store.post_count();
  Post post;
  post.role = r;
  core_.store.add_posts(post, role.permanent_posts);
  post.temporary = true;
  core_.store.add_posts(post, role.temporary_posts);
  AuthorityTally& tally = core_.tallies[info.authority];
  for (std::uint32_t i = first; i < core_.store.post_count(); ++i) {
    tally.apply(core_.store.contribution(core_.store.post(i)), +1);
  }
  // Permanent posts in order: the absent, the others in post, then the vacant.
  const InitialState& init = role.initial;
  kernel::RandomStream& experience = core_.stream(info, Process::experience);
  const bool warm = core_.parameters.warm_start;
  notice_served_.resize(core_.store.post_count(), -1.0);
  starts_absent_.resize(core_.store.post_count(), false);
  for (int i = 0; i < init.in_post; ++i) {
    const std::uint32_t worker = core_.new_worker(info.market, role.experience.sample(experience));
    const std::uint32_t held = first + static_cast<std::uint32_t>(i);
    notice_served_[held] = staff_.hire_at_start(held, worker, warm);
    // Part-way absences end at drawn times; fresh ones (without the warm start) begin
    // once every role is placed, in the drawn order below.
    if (i < init.absent) {
      if (warm) {
        absences_.begin_at_start(worker, true);
      } else {
        starts_absent_[held] = true;
      }
    }
  }
  place_agency_at_start(r, first);
  cover_.decide_cover_at_start(first, core_.store.post_count());
}

void WorkforceModel::place_agency_at_start(std::uint32_t r, std::uint32_t first) {
  const RoleInfo& info = core_.roles[r];
  const Role& role = *info.role;
  const InitialState& init = role.initial;
  kernel::RandomStream& experience = core_.stream(info, Process::agency_experience);
  const MarketInfo& market = core_.roles.market(info.market);
  // Each placed worker's booking off contract at the role's share, as a booking made
  // later is: placed all on contract, the share off contract rose from 2% in the first
  // month to 12% in the fifteenth (Sunderland 2016, a share of 14%). From the
  // contracts' own stream, as for a booking.
  const double off_share = role.agency.off_contract_share;
  kernel::RandomStream& contract = core_.stream(info, Process::off_contract);
  auto place_agency = [&](std::uint32_t p) {
    const double pqe =
        market.supply ? market.supply->experience.sample(experience) : role.experience.sample(experience);
    const std::uint32_t worker = core_.new_worker(info.market, pqe);
    core_.store.worker(worker).home = info.authority;
    core_.store.post(p).off_contract = contract.bernoulli_if_uncertain(off_share);
    cover_.engage(p, worker);
  };
  for (int i = 0; i < init.agency_covering_absences; ++i) place_agency(first + static_cast<std::uint32_t>(i));
  // Posts with no permanent worker: the vacant permanent posts, then the temporary
  // establishment; but where the role does not cover every vacancy, the temporary posts
  // (which always need cover) first, so that no initial worker is placed in a vacancy
  // that does not need them while a temporary post is booked afresh.
  const int vacant = role.permanent_posts + role.temporary_posts - init.in_post;
  const int vacant_permanent = role.permanent_posts - init.in_post;
  const bool temporary_first = role.agency.chance_vacancy_covered() < 1;
  for (int i = 0; i < init.agency_covering_vacancies && i < vacant; ++i) {
    const int offset = temporary_first ? (vacant_permanent + i) % vacant : i;
    place_agency(first + static_cast<std::uint32_t>(init.in_post + offset));
  }
}

void WorkforceModel::on_warmup_month_end(std::uint32_t) {
  if (core_.parameters.audit) audit();
  // The month from the start is whole only if the run starts on a 1st.
  const bool whole = next_warmup_month_ > 0 || kernel::is_first_of_month(core_.parameters.start_day);
  close_warmup_month(whole ? WarmupMonth::whole : WarmupMonth::part);
  if (++next_warmup_month_ < warmup_month_ends_.size()) {
    core_.sim.schedule_at(static_cast<double>(warmup_month_ends_[next_warmup_month_] - core_.parameters.start_day),
                          kPriorityPeriodEnd, warmup_month_end_event_, 0);
  }
}

void WorkforceModel::on_warmup_end(std::uint32_t) {
  // Reporting starts: what happened during the warm-up is not a flow of any period.
  core_.flows.count_from_now();
  const ModelParameters& p = core_.parameters;
  if (!kernel::is_first_of_month(p.report_start_day)) {
    close_warmup_month(WarmupMonth::cut_short);
  } else if (!warmup_month_ends_.empty() || kernel::is_first_of_month(p.start_day)) {
    close_warmup_month(WarmupMonth::whole);  // the warm-up's last month ends here
  } else {
    close_warmup_month(WarmupMonth::part);
  }
}

void WorkforceModel::close_warmup_month(WarmupMonth month) {
  // As on_period_end, without the snapshot: the workload feedback and the market's
  // workload weights move monthly from the start (a warm-up is meant to let them
  // settle), and the month's leavers and headcount are remembered for the first
  // reported months' turnover_12m. A worker refused in the warm-up counts again in the
  // next month, reported or not.
  for (AuthorityTally& t : core_.tallies) t.accrue(core_.now());
  if (month == WarmupMonth::whole) {
    report_.remember_warmup_month();
  } else {
    report_.forget_warmup_months();
  }
  rules_.end_period();
  for (AuthorityTally& t : core_.tallies) t.reset_flows();
  if (month == WarmupMonth::cut_short) return;  // the feedback steps at the month's end
  levers_.workload_step();
  core_.refresh_workload_weights();
}

void WorkforceModel::on_period_end(std::uint32_t) {
  if (core_.parameters.audit) audit();
  // Costs accrued to the period's end, then the report (it reads the model, drawing
  // only the sickness days from their own streams), then the next period starts, and
  // the staffing at this period end sets the next period's workload.
  for (AuthorityTally& t : core_.tallies) t.accrue(core_.now());
  report_.record(next_period_, *out_);
  rules_.end_period();
  for (AuthorityTally& t : core_.tallies) t.reset_flows();
  levers_.workload_step();
  core_.refresh_workload_weights();
  core_.flows.close_period();
  ++next_period_;
  if (next_period_ < periods()) {
    core_.sim.schedule_at(static_cast<double>(core_.period_ends[next_period_] - core_.parameters.start_day),
                          kPriorityPeriodEnd, period_end_event_, 0);
  }
}

}  // namespace wfsim::model
