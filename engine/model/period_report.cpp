// Reporting: the end-of-period snapshot and flows of every authority and the region.
#include <boost/random/poisson_distribution.hpp>
#include <cmath>
#include <stdexcept>

#include "model/model_events.hpp"
#include "model/workforce_model.hpp"

namespace wfsim::model {

using namespace detail;

AuthorityTally& AuthorityTally::operator+=(const AuthorityTally& o) {
  permanent_headcount += o.permanent_headcount;
  permanent_fte += o.permanent_fte;
  agency_headcount += o.agency_headcount;
  vacancies += o.vacancies;
  unfilled_temporary += o.unfilled_temporary;
  absences += o.absences;
  agency_covering_vacancies += o.agency_covering_vacancies;
  agency_covering_absences += o.agency_covering_absences;
  recruitments_open += o.recruitments_open;
  bookings_waiting += o.bookings_waiting;
  starters_permanent += o.starters_permanent;
  starters_agency += o.starters_agency;
  leavers_permanent += o.leavers_permanent;
  for (int i = 0; i < 3; ++i) leavers_by_destination[i] += o.leavers_by_destination[i];
  leavers_agency += o.leavers_agency;
  offers_failed += o.offers_failed;
  engagements_refused += o.engagements_refused;
  leakage += o.leakage;
  conversions += o.conversions;
  starters_from_pool += o.starters_from_pool;
  offer_days_sum += o.offer_days_sum;
  offers_accepted += o.offers_accepted;
  start_days_sum += o.start_days_sum;
  fill_days_sum += o.fill_days_sum;
  agency_hire_days_sum += o.agency_hire_days_sum;
  permanent_cost += o.permanent_cost;
  agency_cost += o.agency_cost;
  agency_hours += o.agency_hours;
  policy_cost += o.policy_cost;
  sickness_expected += o.sickness_expected;
  return *this;
}

void WorkforceModel::on_warmup_end() {
  // Reporting starts: what happened during the warm-up is not a flow of any period.
  warming_up_ = false;
  for (AuthorityTally& t : tallies_) {
    t.accrue(sim_.now());
    t.reset_flows();
  }
  std::fill(refused_by_rule_.begin(), refused_by_rule_.end(), 0.0);
  refusal_rows_.clear();  // a worker refused in the warm-up counts again when refused in the first month
}

void WorkforceModel::on_period_end() {
  if (parameters_.audit) audit();
  record_period(next_period_);
  count_period_flows();
  ++next_period_;
  refusal_rows_.clear();  // refusals are counted once per worker per period
  if (next_period_ < period_ends_.size()) {
    sim_.schedule_at(static_cast<double>(period_ends_[next_period_] - parameters_.start_day), kPriorityPeriodEnd,
                     kPeriodEnd, 0);
  }
}

void WorkforceModel::record_period(std::size_t period) {
  const double now = sim_.now();
  const std::size_t authorities = tallies_.size();
  const bool region_row = authorities > 1;
  AuthorityTally region;
  double region_sickness = 0;
  int region_posts = 0;
  std::vector<double> sickness(authorities, 0.0);
  for (std::uint32_t a = 0; a < authorities; ++a) {
    AuthorityTally& t = tallies_[a];
    t.accrue(now);
    if (t.sickness_expected > 0) {
      sickness[a] = boost::random::poisson_distribution<int, double>(t.sickness_expected)(stream(a, Process::sickness));
    }
    region += t;
    region_sickness += sickness[a];
    region_posts += permanent_posts_[a];
  }
  // Idle agency workers barred by a rule, per authority and anywhere in the region.
  std::vector<int> barred(authorities, 0);
  int barred_anywhere = 0;
  double idle = 0, seeking = static_cast<double>(candidates_);
  for (const RoleRuntime& r : roles_) seeking += static_cast<double>(r.trainees.size());
  for (const Market& market : markets_) {
    idle += static_cast<double>(market.idle.size());
    seeking += static_cast<double>(market.seeking.size());
    for (const std::uint32_t worker : market.idle) {
      if (now >= workers_[worker].may_be_refused_until) continue;  // no rule can bar them
      bool anywhere = false;
      const double* bars = rule_bars(worker);
      for (const std::uint32_t r : market.roles) {
        const std::uint32_t a = roles_[r].authority;
        for (std::size_t i = 0; i < rule_book_.rules().size(); ++i) {
          if (rule_book_.check(i, workers_[worker].history, bars[i], a, now).refused) {
            barred[a] += 1;
            anywhere = true;
            break;
          }
        }
      }
      barred_anywhere += anywhere ? 1 : 0;
    }
  }
  for (std::uint32_t a = 0; a < authorities; ++a) {
    const Role& first_role = parameters_.authorities[a].roles.front();
    record_row(a, tallies_[a], permanent_posts_[a], rule_book_.cap(first_role.name, a, now), period);
    out_->at(Measure::sickness_days, a, period) = sickness[a];
    out_->at(Measure::agency_idle_barred, a, period) = barred[a];
    out_->at(Measure::agency_idle, a, period) = idle;
    out_->at(Measure::seeking_pool, a, period) = seeking;
  }
  if (region_row) {
    record_row(authorities, region, region_posts, std::nan(""), period);
    out_->at(Measure::sickness_days, authorities, period) = region_sickness;
    out_->at(Measure::agency_idle_barred, authorities, period) = barred_anywhere;
    out_->at(Measure::agency_idle, authorities, period) = idle;
    out_->at(Measure::seeking_pool, authorities, period) = seeking;
  }
  for (std::size_t i = 0; i < refused_by_rule_.size(); ++i) {
    out_->refused(i, period) = refused_by_rule_[i];
    refused_by_rule_[i] = 0;
  }
  for (AuthorityTally& t : tallies_) t.reset_flows();
  // Workload feedback acts on the month just ended: pressure from this period-end's
  // staffing sets turnover for the next month.
  for (std::uint32_t a = 0; a < authorities; ++a) {
    const WorkloadFeedback& feedback = parameters_.authorities[a].workload;
    const AuthorityTally& t = tallies_[a];
    if (!feedback.enabled) {
      out_->at(Measure::caseload, a, period) = std::nan("");
      continue;
    }
    const double all_posts = static_cast<double>(total_posts_[a]);
    const double at_work = std::max(1, t.permanent_headcount - t.absences + t.agency_headcount);
    const double ratio = all_posts / at_work;
    out_->at(Measure::caseload, a, period) = feedback.caseload_at_full_cover * ratio;
    apply_workload(a, ratio);
  }
  if (region_row) out_->at(Measure::caseload, authorities, period) = std::nan("");
}

void WorkforceModel::record_row(std::size_t row, const AuthorityTally& t, int permanent_posts, double cap,
                                std::size_t period) {
  const double nan = std::nan("");
  auto set = [&](Measure m, double value) { out_->at(m, row, period) = value; };
  auto mean = [&](double sum, int n) { return n > 0 ? sum / n : nan; };
  set(Measure::permanent_headcount, t.permanent_headcount);
  set(Measure::permanent_fte, t.permanent_fte);
  set(Measure::agency_headcount, t.agency_headcount);
  set(Measure::vacancies, t.vacancies);
  set(Measure::vacancy_rate, permanent_posts > 0 ? double(t.vacancies) / permanent_posts : nan);
  set(Measure::long_absences, t.absences);
  set(Measure::agency_covering_vacancies, t.agency_covering_vacancies);
  set(Measure::agency_covering_absences, t.agency_covering_absences);
  set(Measure::uncovered_gap,
      t.vacancies + t.unfilled_temporary + t.absences - t.agency_covering_vacancies - t.agency_covering_absences);
  const int workforce = t.permanent_headcount + t.agency_headcount;
  set(Measure::agency_share, workforce > 0 ? double(t.agency_headcount) / workforce : nan);
  set(Measure::starters_permanent, t.starters_permanent);
  set(Measure::starters_agency, t.starters_agency);
  set(Measure::leavers_permanent, t.leavers_permanent);
  set(Measure::leavers_to_outside, t.leavers_by_destination[0]);
  set(Measure::leavers_to_other_council, t.leavers_by_destination[1]);
  set(Measure::leavers_to_agency, t.leavers_by_destination[2]);
  set(Measure::leavers_agency, t.leavers_agency);
  set(Measure::time_to_offer, mean(t.offer_days_sum, t.offers_accepted));
  set(Measure::time_to_start, mean(t.start_days_sum, t.starters_permanent));
  set(Measure::time_to_fill, mean(t.fill_days_sum, t.starters_permanent));
  set(Measure::agency_time_to_hire, mean(t.agency_hire_days_sum, t.starters_agency));
  set(Measure::offers_failed, t.offers_failed);
  set(Measure::recruitments_open, t.recruitments_open);
  set(Measure::agency_bookings_waiting, t.bookings_waiting);
  set(Measure::agency_spend, t.agency_cost);
  set(Measure::permanent_staff_cost, t.permanent_cost);
  set(Measure::staff_cost, t.permanent_cost + t.agency_cost);
  set(Measure::policy_cost, t.policy_cost);
  set(Measure::total_cost, t.permanent_cost + t.agency_cost + t.policy_cost);
  const int filled = t.permanent_headcount - t.absences + t.agency_headcount;
  set(Measure::cost_per_filled_post, filled > 0 ? (t.permanent_cost + t.agency_cost + t.policy_cost) / filled : nan);
  set(Measure::starters_from_pool, t.starters_from_pool);
  set(Measure::agency_conversions, t.conversions);
  set(Measure::agency_engagements_refused, t.engagements_refused);
  set(Measure::agency_leakage, t.leakage);
  set(Measure::agency_rate_paid, t.agency_hours > 0 ? t.agency_cost / t.agency_hours : nan);
  set(Measure::agency_rate_cap, std::isfinite(cap) ? cap : nan);
  // Rolling turnover from the periods already recorded.
  double turnover = nan;
  if (period >= 11) {
    double leavers = 0, headcount = 0;
    for (std::size_t k = period - 11; k <= period; ++k) {
      leavers += out_->at(Measure::leavers_permanent, row, k);
      headcount += out_->at(Measure::permanent_headcount, row, k);
    }
    turnover = headcount > 0 ? leavers / (headcount / 12.0) : nan;
  }
  set(Measure::turnover_12m, turnover);
}

void WorkforceModel::audit() const {
  // Every worker is in exactly one state, and the tallies agree with a recount.
  auto fail = [&](const std::string& what) {
    throw std::logic_error("audit failed at day " + std::to_string(sim_.now()) + ": " + what);
  };
  std::vector<int> permanent(tallies_.size(), 0), agency(tallies_.size(), 0);
  std::size_t idle = 0, seeking = 0, live = 0;
  for (std::uint32_t id = 0; id < workers_.size(); ++id) {
    const Worker& w = workers_[id];
    switch (w.state) {
      case WorkerState::permanent:
        if (posts_[w.post].holder != id) fail("a permanent worker's post does not name them");
        permanent[roles_[posts_[w.post].role].authority] += 1;
        break;
      case WorkerState::agency:
        if (posts_[w.post].agency_worker != id) fail("an agency worker's post does not name them");
        agency[roles_[posts_[w.post].role].authority] += 1;
        break;
      case WorkerState::agency_idle: ++idle; break;
      case WorkerState::seeking: ++seeking; break;
      case WorkerState::candidate:
        if (posts_[w.post].candidate != id) fail("a candidate's recruitment does not name them");
        break;
      case WorkerState::gone: continue;
    }
    ++live;
    // Bars are worked out when the history changes at a departure; only a permanent
    // worker's history (redundancy, drawn at notice) changes before that. They are
    // kept only for workers some rule might refuse.
    if (w.state != WorkerState::permanent && w.may_be_refused_until > -kForever) {
      for (std::size_t i = 0; i < rule_book_.rules().size(); ++i) {
        if (rule_bars(id)[i] != rule_book_.bar_end(i, w.history)) fail("a worker's rule bars are out of date");
      }
    }
  }
  std::size_t market_idle = 0, market_seeking = 0;
  for (const Market& m : markets_) {
    market_idle += m.idle.size();
    market_seeking += m.seeking.size();
  }
  if (idle != market_idle) fail("idle agency workers and the markets' lists disagree");
  for (const Market& m : markets_) {
    std::size_t supply = 0, applicants = 0;
    for (const std::uint32_t r : m.roles) {
      for (const Post& p : posts_) {
        if (p.role != r) continue;
        supply += p.booking == BookingStage::awaiting_supply ? 1 : 0;
        applicants += p.recruitment == RecruitmentStage::awaiting_applicant ? 1 : 0;
      }
    }
    if (supply != m.awaiting_supply) fail("bookings awaiting supply and their count disagree");
    if (applicants != m.awaiting_applicants) fail("recruitments awaiting applicants and their count disagree");
  }
  for (const RoleRuntime& r : roles_) market_seeking += r.trainees.size();
  if (seeking != market_seeking) fail("seekers and the pools' lists disagree");
  std::size_t candidates = 0;
  for (const Worker& w : workers_) candidates += w.state == WorkerState::candidate ? 1 : 0;
  if (candidates != candidates_) fail("candidates and their count disagree");
  if (live + free_workers_.size() != workers_.size()) fail("a worker is both live and free");
  for (std::size_t a = 0; a < tallies_.size(); ++a) {
    if (permanent[a] != tallies_[a].permanent_headcount) fail("permanent headcount differs from a recount");
    if (agency[a] != tallies_[a].agency_headcount) fail("agency headcount differs from a recount");
  }
}

}  // namespace wfsim::model
