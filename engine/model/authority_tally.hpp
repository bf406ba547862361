#pragma once
// Running tallies for one authority: the measures kept as tallies (measures.hpp), the
// sums that derived measures divide, and costs integrated over time.
//
// Snapshots are kept current as the model changes; flows count from the last period
// end. Everything is indexed by an enum, so a new tally is one declaration: resetting,
// summing into the region's row and recording follow from the tables.

#include <algorithm>
#include <array>
#include <cstddef>

#include "model/measures.hpp"
#include "model/workload_factor.hpp"

namespace wfsim::model {

// What derived measures need besides the measures themselves.
enum class Aux : std::size_t {
  temporary_posts,     // snapshot: every temporary post (agency workers in them count as covering vacancies)
  offers_accepted,     // the rest are flows
  offer_days,          // summed over accepted offers
  start_days,          // summed over recruited starters
  recruited_starters,  // permanent starters through an offer, conversions not
  fill_days,           // summed over permanent starters
  agency_hire_days,    // summed over agency arrivals
  agency_hours,        // integral of agency hours
  sickness_expected,   // integral of the expected short-sickness days
  count_
};
constexpr std::size_t kAuxCount = static_cast<std::size_t>(Aux::count_);

// Rates per day that accrue over time into a measure or an Aux sum.
enum class Rate : std::size_t { permanent_cost, agency_cost, agency_hours, policy_cost, sickness, count_ };
constexpr std::size_t kRateCount = static_cast<std::size_t>(Rate::count_);

// What one post contributes to its authority's cover tallies.
struct CoverContribution {
  int vacant = 0;  // permanent establishment without a permanent worker
  int temporary_posts = 0;
  int absent = 0;
  int agency_vacancy = 0;
  int agency_absence = 0;
};

struct AuthorityTally {
  std::array<double, kMeasureCount> measures{};  // only the tally-sourced ones are used
  std::array<double, kAuxCount> aux{};
  std::array<double, kRateCount> rates{};
  double accrued_until = 0;

  double& operator[](Measure m) { return measures[static_cast<std::size_t>(m)]; }
  double operator[](Measure m) const { return measures[static_cast<std::size_t>(m)]; }
  double& operator[](Aux a) { return aux[static_cast<std::size_t>(a)]; }
  double operator[](Aux a) const { return aux[static_cast<std::size_t>(a)]; }
  double& operator[](Rate r) { return rates[static_cast<std::size_t>(r)]; }
  double operator[](Rate r) const { return rates[static_cast<std::size_t>(r)]; }

  // Adds each rate times the time since the last accrual to what it accrues into.
  void accrue(double now) {
    const double dt = now - accrued_until;
    (*this)[Measure::permanent_staff_cost] += (*this)[Rate::permanent_cost] * dt;
    (*this)[Measure::agency_spend] += (*this)[Rate::agency_cost] * dt;
    (*this)[Aux::agency_hours] += (*this)[Rate::agency_hours] * dt;
    (*this)[Measure::policy_cost] += (*this)[Rate::policy_cost] * dt;
    (*this)[Aux::sickness_expected] += (*this)[Rate::sickness] * dt;
    accrued_until = now;
  }

  void apply(const CoverContribution& c, int sign) {
    (*this)[Measure::vacancies] += sign * c.vacant;
    (*this)[Aux::temporary_posts] += sign * c.temporary_posts;
    (*this)[Measure::long_absences] += sign * c.absent;
    (*this)[Measure::agency_covering_vacancies] += sign * c.agency_vacancy;
    (*this)[Measure::agency_covering_absences] += sign * c.agency_absence;
  }

  // Starts a new period: every flow back to zero, snapshots and rates kept.
  void reset_flows() {
    for (const Measure m : kTallyFlows) (*this)[m] = 0;
    const double temporary = (*this)[Aux::temporary_posts];
    aux.fill(0);
    (*this)[Aux::temporary_posts] = temporary;
  }

  // Adds another authority's tallies: the region's row is the sum of its authorities'.
  AuthorityTally& operator+=(const AuthorityTally& o) {
    for (const Measure m : kTallyMeasures) (*this)[m] += o[m];
    for (std::size_t i = 0; i < kAuxCount; ++i) aux[i] += o.aux[i];
    return *this;
  }
};

// Posts per person at work (workload_factor.hpp), from the tallies. Caseloads rise with
// it (workload feedback, and the caseload measure).
inline double posts_per_worker_at_work(const AuthorityTally& t, int all_posts) {
  return posts_per_person_at_work(
      static_cast<double>(all_posts),
      t[Measure::permanent_headcount] - t[Measure::long_absences] + t[Measure::agency_headcount]);
}

}  // namespace wfsim::model
