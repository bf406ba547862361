#pragma once
// The typed, validated inputs of the workforce model.
//
// These structs are what the scenario loader produces and what the model reads; they
// hold numbers in the model's units (days, rates per day where noted) and never YAML.

#include <cstddef>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "kernel/distribution.hpp"
#include "model/lever.hpp"
#include "model/rule_book.hpp"

namespace wfsim::model {

constexpr double kDaysPerYear = 365.25;
constexpr double kUnlimited = std::numeric_limits<double>::infinity();
// Workers present at once, at most: England's scenario, the largest shipped, holds
// about 45,000 (in post, agency, idle and seeking). Past this, a scenario's rates are
// making workers without bound, or its starting workforce alone is beyond what a run
// can hold (the loader refuses that one before the run).
constexpr std::size_t kMostWorkers = 2'000'000;

// Where permanent leavers go when no rule bars them and pay is as at the start. Shares
// sum to 1. With a labour market (LabourMarket), each leaver's choice among the three
// moves away from these shares as rules close options and pay changes.
struct Destinations {
  double outside = 1.0;        // leaves councils' social work: neither another council nor agency
  double other_council = 0.0;  // a permanent post at another council
  double agency = 0.0;         // agency work
};

enum class RecruitmentTrigger { at_notice, at_vacancy };

struct RecruitmentSettings {
  RecruitmentTrigger opens_at = RecruitmentTrigger::at_notice;
  kernel::Distribution approval_to_offer = kernel::Distribution::fixed(0);
  kernel::Distribution offer_to_start = kernel::Distribution::fixed(0);
  double offer_failure_probability = 0;
  // Suitable applicants per year; a recruitment that is ready to offer waits for the
  // next applicant. Infinite means an applicant is always there.
  double applicants_per_year = kUnlimited;
  // And more for each post waiting for an applicant: more adverts draw more applicants
  // (a matching function), so vacancies settle where leavers and fills balance.
  double applicants_per_vacancy_per_year = 0;
  // The council's own pull on the region's pool seekers beyond pay, travel and
  // workload, in the labour market's logit units: its posts' weight in a seeker's
  // choice is multiplied by e^appeal_to_seekers. Councils differ in how well their
  // posts fill for reasons the model does not represent (reputation, the work, the
  // place); init --england sets it from each council's leavers per vacancy.
  double appeal_to_seekers = 0;
};

struct AgencySettings {
  // Hazard of an agency worker in a post of this role taking a permanent post at the
  // same authority, when one is waiting for an applicant.
  double conversion_per_year = 0;
  bool cover_vacancies = true;
  // Where cover_vacancies: the share of vacancies the council books agency cover for,
  // decided for each vacancy when it opens and kept until it is filled. Councils differ
  // in how much of their vacancy gap they cover with agency workers (a policy the data
  // shows as agency workers per vacancy); a council that covers every vacancy drifts to
  // its region's ratio of agency workers to vacancies.
  double vacancy_cover_share = 1;
  bool cover_absences = true;
  // The chance that a vacancy, as it opens, is covered: the share, or none at all.
  double chance_vacancy_covered() const { return cover_vacancies ? vacancy_cover_share : 0.0; }
  kernel::Distribution booking_delay = kernel::Distribution::fixed(0);
  double leaving_per_year = 0;  // hazard of an agency assignment ending
  // Bookings made outside the council's supplier contract, and what they cost an hour
  // (Sunderland's report: 98 engaged through the contract, 16 off it).
  double off_contract_share = 0;
  double off_contract_rate_per_hour = 0;
};

struct AbsenceKind {
  std::string name;
  double starts_per_year = 0;  // per permanent worker who is not already absent
  kernel::Distribution duration = kernel::Distribution::fixed(0);
};

struct Pay {
  double salary_per_year = 0;
  double on_cost_rate = 0;          // employer's on-costs as a fraction of salary
  double agency_rate_per_hour = 0;  // the charge rate: what the council pays the agency
  double hours_per_week = 37;
  // What of the charge rate is not the worker's pay: the agency's margin, and the
  // employer's costs on the pay (national insurance, the apprenticeship levy). The
  // worker's pay rate is (charge - margin) / (1 + employer costs).
  double agency_margin_per_hour = 0;
  double agency_employer_costs = 0;
};

struct InitialState {
  int in_post = 0;                    // permanent workers, including the absent
  int absent = 0;                     // of whom on long absence
  int agency_covering_vacancies = 0;  // agency workers in vacant posts
  int agency_covering_absences = 0;   // agency workers covering absent workers
};

struct Role {
  std::string name;
  int permanent_posts = 0;
  int temporary_posts = 0;  // establishment meant for agency staff only
  double fte_per_worker = 1.0;
  InitialState initial;
  Pay pay;
  double turnover_per_year = 0;
  double redundancy_share = 0;  // of leavers, made redundant (exempt from some rules)
  kernel::Distribution notice = kernel::Distribution::fixed(0);
  // Post-qualified experience of workers in post at the start and of new starters
  // from outside the region.
  kernel::Distribution experience = kernel::Distribution::fixed(5 * kDaysPerYear);
  Destinations destinations;
  RecruitmentSettings recruitment;
  AgencySettings agency;
  std::vector<AbsenceKind> absences;
  double short_sickness_days_per_year = 0;
};

// Optional feedback from unfilled work to turnover: vacancies and absences without
// cover raise each worker's caseload, and caseload pressure raises the notice hazard.
struct WorkloadFeedback {
  bool enabled = false;
  double caseload_at_full_cover = 0;  // cases per worker at work when every post is worked
  double turnover_elasticity = 0;     // relative rise in turnover per relative rise in caseload
};

struct Authority {
  std::string name;
  std::uint32_t region = 0;  // index into ModelParameters::regions (0 when none are listed)
  std::vector<Role> roles;
  std::vector<Policy> policies;
  WorkloadFeedback workload;
  std::vector<std::uint32_t> neighbours;  // authority indices sharing a boundary or commuting area
};

// The market of agency workers for one role name, shared by every authority of a
// region (of the scenario, when it lists no regions).
struct AgencySupply {
  std::string role;
  std::uint32_t region = 0;
  double available_at_start = kUnlimited;  // idle agency workers at the start
  double joining_per_year = 0;             // new agency workers entering the market
  double leaving_per_year = 0;             // per idle worker, leaving the market
  kernel::Distribution experience = kernel::Distribution::fixed(5 * kDaysPerYear);  // of joiners
  // Joiners respond to the pay the region's councils offer against what agency work
  // pays elsewhere: joining_per_year x (region's mean pay rate / outside pay)^elasticity,
  // each at their own pay tier's rate where a cap binds only the newly qualified.
  double outside_pay_per_hour = 0;  // 0: the region's own mean pay rate at the start
  double supply_elasticity = 0;
  // A worker whose assignment ends leaves agency work with this probability, else goes
  // back to the market for another assignment; those leaving go to a permanent post in
  // the region (the seeking pool) with probability to_permanent, otherwise outside.
  double leave_at_assignment_end = 0;
  double leaving_to_permanent = 0;
  // A supply whose start is unlimited never runs short: the model gives it no market of
  // its own (RoleTable), and its keys but the role's are not used.
  bool limited() const { return available_at_start < kUnlimited; }
};

// Workers of one role seeking permanent posts anywhere in the region, and the flows
// into and out of that pool.
struct LabourPool {
  std::string role;
  std::uint32_t region = 0;
  int newly_qualified_per_year = 0;  // a cohort joining once a year
  unsigned newly_qualified_month = 9;
  double returners_per_year = 0;
  double arrivals_per_year = 0;  // from outside the region
  double leaving_per_year = 0;   // per seeker, leaving the region or the profession
  kernel::Distribution experience = kernel::Distribution::fixed(5 * kDaysPerYear);
};

// Who goes where in a shared labour market: multinomial logit weights (utility units,
// the idiosyncratic term having scale 1) and the pay elasticities of turnover and
// applicants. docs/labour-market.md gives each one's meaning and source.
struct LabourMarket {
  double pay = 1.4;                        // per unit of ln(permanent pay): a council's pull on seekers
  double agency_pay = 3.0;                 // per unit of ln(agency pay rate): an agency worker's choice
  double neighbour = -0.5;                 // working in a neighbouring council instead of the home one
  double region = -1.5;                    // working elsewhere in the region
  double workload = -1.0;                  // per unit of posts per worker at work above 1
  double agency_idle = -4.0;               // an available agency worker staying idle (no pay)
  double seeker_waits = -3.0;              // a seeker staying in the pool rather than apply now
  double outside_region = -1.0;            // agency work outside the region, for a leaver weighing agency
  double other_region = -2.0;              // a worker leaving a region's market going to a neighbouring region's
  double bar_horizon_days = kDaysPerYear;  // over which waiting out a bar is costed
  double review_interval_days = 14;        // mean time before a worker who let vacancies pass looks again
  double quit_pay_elasticity = 1.4;        // notice hazard against pay relative to neighbours
  double applicant_pay_elasticity = 1.4;   // outside applicants against the same
};

// A region of a scenario with several: its own agency markets and pools, and the
// regions next to it, to which workers leaving its markets may move.
struct Region {
  std::string name;
  std::vector<std::uint32_t> neighbours;  // region indices, mutual
};

struct ModelParameters {
  std::int64_t start_day = 0;  // days since 1970-01-01
  std::int64_t end_day = 0;    // exclusive
  // Reporting starts here (after a warm-up); periods before it are simulated but not
  // reported, and flows are counted from it.
  std::int64_t report_start_day = 0;
  // Start part-way through what is under way, as a council in steady operation would
  // be (notices, recruitments, absences, bookings); false starts each afresh on the
  // first day, which loses leavers and fills from the first months.
  bool warm_start = true;
  std::vector<Authority> authorities;
  std::vector<Region> regions;              // empty: the scenario is one region
  std::vector<AgencySupply> agency_supply;  // roles not listed have unlimited supply
  std::vector<LabourPool> labour_pool;
  LabourMarket market;
  std::vector<AgencyRule> rules;
  // Recount every entity at each period end and fail on any mismatch (tests).
  bool audit = false;
};

// Whether a role name's agency market in a region is limited, as the model decides it
// (RoleTable): an agency_supply for the role there whose start is finite.
inline bool limited_market(const ModelParameters& p, std::uint32_t region, const std::string& role) {
  for (const AgencySupply& s : p.agency_supply) {
    if (s.role == role && s.region == region && s.limited()) return true;
  }
  return false;
}

// The name of the councils' total row in the results of several authorities: "Region"
// for one region's councils; for several regions (England) "All councils", where
// "Region" read as one of the regions. No council may be named either.
inline const char* total_row_name(const ModelParameters& p) { return p.regions.size() > 1 ? "All councils" : "Region"; }
constexpr const char* kTotalRowNames[] = {"Region", "All councils"};

}  // namespace wfsim::model
