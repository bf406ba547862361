#pragma once
// The typed, validated inputs of the workforce model.
//
// These structs are what the scenario loader produces and what the model reads; they
// hold numbers in the model's units (days, rates per day where noted) and never YAML.

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

// Where a permanent leaver goes. Shares sum to 1.
struct Destinations {
  double outside = 1.0;        // leaves the region or the profession
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
};

struct AgencySettings {
  // Hazard of an agency worker in a post of this role taking a permanent post at the
  // same authority, when one is waiting for an applicant.
  double conversion_per_year = 0;
  bool cover_vacancies = true;
  bool cover_absences = true;
  kernel::Distribution booking_delay = kernel::Distribution::fixed(0);
  double leaving_per_year = 0;  // hazard of an agency assignment ending early
};

struct AbsenceKind {
  std::string name;
  double starts_per_year = 0;  // per permanent worker who is not already absent
  kernel::Distribution duration = kernel::Distribution::fixed(0);
};

struct Pay {
  double salary_per_year = 0;
  double on_cost_rate = 0;  // employer's on-costs as a fraction of salary
  double agency_rate_per_hour = 0;
  double hours_per_week = 37;
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
  std::vector<Role> roles;
  std::vector<Policy> policies;
  WorkloadFeedback workload;
};

// The market of agency workers for one role name, shared by every authority.
struct AgencySupply {
  std::string role;
  double available_at_start = kUnlimited;  // idle agency workers at the start
  double joining_per_year = 0;             // new agency workers entering the market
  double leaving_per_year = 0;             // per idle worker, leaving the market
  kernel::Distribution experience = kernel::Distribution::fixed(5 * kDaysPerYear);  // of joiners
};

// Workers of one role seeking permanent posts anywhere in the region, and the flows
// into and out of that pool.
struct LabourPool {
  std::string role;
  int newly_qualified_per_year = 0;  // a cohort joining once a year
  unsigned newly_qualified_month = 9;
  double returners_per_year = 0;
  double arrivals_per_year = 0;  // from outside the region
  double leaving_per_year = 0;   // per seeker, leaving the region or the profession
  kernel::Distribution experience = kernel::Distribution::fixed(5 * kDaysPerYear);
};

// How a scarce agency worker is shared among waiting bookings.
enum class AgencyRanking { highest_rate_first, first_come_first_served };

struct ModelParameters {
  std::int64_t start_day = 0;  // days since 1970-01-01
  std::int64_t end_day = 0;    // exclusive
  // Reporting starts here (after a warm-up); periods before it are simulated but not
  // reported, and flows are counted from it.
  std::int64_t report_start_day = 0;
  std::vector<Authority> authorities;
  std::vector<AgencySupply> agency_supply;  // roles not listed have unlimited supply
  std::vector<LabourPool> labour_pool;
  AgencyRanking agency_ranking = AgencyRanking::highest_rate_first;
  std::vector<AgencyRule> rules;
  // Recount every entity at each period end and fail on any mismatch (tests).
  bool audit = false;
};

}  // namespace wfsim::model
