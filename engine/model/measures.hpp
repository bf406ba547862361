#pragma once
// The measures the model reports for each authority and reporting period.
//
// This list is the single source of truth for measure names, units, meanings and how
// each is produced: the model's tallies, the HDF5 writer, `wfsim` messages and the
// test that checks docs/output-format.md all read it. A measure is declared once,
// here: its enum entry and its row in kMeasures. A measure kept as a tally (source T)
// then needs nothing else to be reset at each period end, summed into the region's
// row and recorded: the model only counts it where it happens. A derived one
// (source D) is computed at the period end by the period report.

#include <array>
#include <cstddef>
#include <string_view>

namespace wfsim::model {

enum class Measure : std::size_t {
  permanent_headcount,
  permanent_fte,
  agency_headcount,
  vacancies,
  vacancy_rate,
  long_absences,
  agency_covering_vacancies,
  agency_covering_absences,
  uncovered_gap,
  agency_share,
  starters_permanent,
  starters_agency,
  leavers_permanent,
  leavers_to_outside,
  leavers_to_other_council,
  leavers_to_agency,
  leavers_agency,
  turnover_12m,
  time_to_offer,
  time_to_start,
  time_to_fill,
  agency_time_to_hire,
  offers_failed,
  recruitments_open,
  agency_bookings_waiting,
  sickness_days,
  agency_spend,
  permanent_staff_cost,
  staff_cost,
  starters_from_pool,
  agency_conversions,
  agency_engagements_refused,
  agency_leakage,
  agency_idle_barred,
  agency_rate_paid,
  agency_rate_cap,
  agency_idle,
  seeking_pool,
  policy_cost,
  total_cost,
  cost_per_filled_post,
  caseload,
  agency_off_contract,
  count_  // not a measure: the number of measures
};

constexpr std::size_t kMeasureCount = static_cast<std::size_t>(Measure::count_);

enum class MeasureKind { snapshot, flow };

// How the model produces a measure: kept as a running tally (a snapshot kept current,
// or a flow counted since the period began), or derived at the period end from the
// tallies and the model's state.
enum class MeasureSource { tally, derived };

// What a measure's values are: whole numbers (people, posts, offers, bookings: stored
// as integers, and their quantiles exact), or real numbers (fractions, days, money,
// FTE: stored as float64).
enum class MeasureValues { count, real };

// Whether a measure's values over the periods add up to a total over them (a flow
// counted or paid in each period: leavers, agency spend, a lever's cost, days lost), or
// not (a level at the period's end; a rate or mean within the period). Comparisons
// pair the totals of those that add up, so a cost booked in one month (a trainee
// cohort's) is weighed over the run, not by that month.
enum class MeasureTotal { adds_up, does_not };

// A measure's kind as results files name it in their `kind` attribute.
inline const char* kind_name(MeasureKind kind) { return kind == MeasureKind::snapshot ? "snapshot" : "flow"; }

struct MeasureInfo {
  Measure measure;
  std::string_view name;
  std::string_view units;
  MeasureKind kind;
  MeasureSource source;
  MeasureValues values;
  MeasureTotal total;
  std::string_view description;
};

namespace measure_table {
constexpr auto S = MeasureKind::snapshot;
constexpr auto F = MeasureKind::flow;
constexpr auto T = MeasureSource::tally;
constexpr auto D = MeasureSource::derived;
constexpr auto C = MeasureValues::count;
constexpr auto R = MeasureValues::real;
constexpr auto A = MeasureTotal::adds_up;
constexpr auto X = MeasureTotal::does_not;
}  // namespace measure_table

inline constexpr std::array<MeasureInfo, kMeasureCount> kMeasures = [] {
  using namespace measure_table;
  return std::array<MeasureInfo, kMeasureCount>{{
      {Measure::permanent_headcount, "permanent_headcount", "workers", S, T, C, X,
       "permanent workers in post, including those working notice and those on long absence"},
      {Measure::permanent_fte, "permanent_fte", "FTE", S, T, R, X,
       "permanent headcount weighted by each role's fte_per_worker"},
      {Measure::agency_headcount, "agency_headcount", "workers", S, T, C, X,
       "agency workers present (covering a vacancy or an absence, or kept on beside a new starter by an induction "
       "overlap)"},
      {Measure::vacancies, "vacancies", "posts", S, T, C, X, "permanent-establishment posts with no permanent worker"},
      {Measure::vacancy_rate, "vacancy_rate", "fraction", S, D, R, X, "vacancies / permanent establishment"},
      {Measure::long_absences, "long_absences", "workers", S, T, C, X,
       "permanent workers on a long absence (they keep their post)"},
      {Measure::agency_covering_vacancies, "agency_covering_vacancies", "workers", S, T, C, X,
       "agency workers present in a post with no permanent worker (including temporary establishment)"},
      {Measure::agency_covering_absences, "agency_covering_absences", "workers", S, T, C, X,
       "agency workers present in the post of an absent permanent worker"},
      {Measure::uncovered_gap, "uncovered_gap", "posts", S, D, C, X,
       "vacancies + temporary posts + long absences - agency cover: posts in which no one works"},
      {Measure::agency_share, "agency_share", "fraction", S, D, R, X,
       "agency headcount / (permanent headcount + agency headcount)"},
      {Measure::starters_permanent, "starters_permanent", "workers", F, T, C, A, "permanent workers who started"},
      {Measure::starters_agency, "starters_agency", "workers", F, T, C, A, "agency workers who arrived in a post"},
      {Measure::leavers_permanent, "leavers_permanent", "workers", F, T, C, A,
       "permanent workers who left at the end of their notice"},
      {Measure::leavers_to_outside, "leavers_to_outside", "workers", F, T, C, A,
       "permanent leavers leaving councils' children's social work (neither another council nor agency work)"},
      {Measure::leavers_to_other_council, "leavers_to_other_council", "workers", F, T, C, A,
       "permanent leavers whose destination, drawn at their notice, is a permanent post at another council "
       "(counted as drawn: with no pool to receive them, or none but the council they left, some seek in a "
       "neighbouring region's pool, by labour_market.other_region, and the rest leave the model)"},
      {Measure::leavers_to_agency, "leavers_to_agency", "workers", F, T, C, A,
       "permanent leavers whose destination, drawn at their notice, is agency work (counted as drawn: with no "
       "finite agency market some seek a permanent post in a neighbouring region's pool, by "
       "labour_market.other_region, and the rest leave the model)"},
      {Measure::leavers_agency, "leavers_agency", "workers", F, T, C, A,
       "agency workers who left a post (assignment ended, no longer needed, or taken on as a permanent "
       "worker: agency_conversions)"},
      {Measure::turnover_12m, "turnover_12m", "fraction", F, D, R, X,
       "permanent leavers in the 12 periods ending here / mean permanent headcount at those period "
       "ends, a year's worth: where a period among them is cut short (a run that starts or ends part-way "
       "through a month), the leavers are scaled by 365.25 / the days the 12 periods cover; NaN for the "
       "first 11 periods, but a `warmup` that ends on the 1st of a month lends its whole calendar months to "
       "them (a 6-month warm-up: NaN for the first 5); NaN too where no permanent worker was in post at any "
       "of those period ends"},
      {Measure::time_to_offer, "time_to_offer", "days", F, D, R, X,
       "mean days from the successful applicant coming forward to the accepted offer, over offers "
       "accepted in the period; NaN if none"},
      {Measure::time_to_start, "time_to_start", "days", F, D, R, X,
       "mean days from the successful applicant coming forward to the start, over permanent "
       "starters in the period who came through an offer (agency workers converting are not: "
       "they start the instant they convert); NaN if none"},
      {Measure::time_to_fill, "time_to_fill", "days", F, D, R, X,
       "mean days from a recruitment opening (at the notice or the vacancy) to the start, over "
       "permanent starters in the period; NaN if none"},
      {Measure::agency_time_to_hire, "agency_time_to_hire", "days", F, D, R, X,
       "mean days from an agency booking to the worker's arrival, over arrivals in the period; NaN "
       "if none"},
      {Measure::offers_failed, "offers_failed", "offers", F, T, C, A, "offers made that failed"},
      {Measure::recruitments_open, "recruitments_open", "recruitments", S, T, C, X,
       "recruitments opened and not yet ended by a start"},
      {Measure::agency_bookings_waiting, "agency_bookings_waiting", "bookings", S, T, C, X,
       "agency bookings requested and not yet filled"},
      {Measure::sickness_days, "sickness_days", "days", F, D, R, A,
       "short-sickness days lost by permanent workers at work (not on long absence), at the role's rate per FTE"},
      {Measure::agency_spend, "agency_spend", "GBP", F, T, R, A,
       "agency worker-days present x hourly rate x hours per week / 7"},
      {Measure::permanent_staff_cost, "permanent_staff_cost", "GBP", F, T, R, A,
       "permanent worker-days employed x fte_per_worker x salary x (1 + on-costs) / 365.25"},
      {Measure::staff_cost, "staff_cost", "GBP", F, D, R, A, "permanent_staff_cost + agency_spend"},
      {Measure::starters_from_pool, "starters_from_pool", "workers", F, T, C, A,
       "permanent starters who came from the region's pool of workers seeking posts (movers from "
       "other councils, newly qualified, returners, arrivals) or from the council's own trainees (a "
       "cohort lever)"},
      {Measure::agency_conversions, "agency_conversions", "workers", F, T, C, A,
       "agency workers who took a permanent post at the council they worked for"},
      {Measure::agency_engagements_refused, "agency_engagements_refused", "engagements", F, T, C, A,
       "engagements a rule stopped: available agency workers whose choice (or a booking's choice of "
       "worker) fell on this council and whom a rule barred here, each counted once per period"},
      {Measure::agency_leakage, "agency_leakage", "engagements", F, T, C, A,
       "agency engagements by this council, as a non-member, of workers a rule keeps from its members"},
      {Measure::agency_idle_barred, "agency_idle_barred", "workers", S, D, C, X,
       "available agency workers this council may not engage because of a rule on the period's last day (on the "
       "region's "
       "row: barred from at least one council)"},
      {Measure::agency_rate_paid, "agency_rate_paid", "GBP per hour", F, D, R, X,
       "agency spend / agency hours worked: the mean hourly rate paid; NaN if no agency hours"},
      {Measure::agency_rate_cap, "agency_rate_cap", "GBP per hour", S, D, R, X,
       "the lowest rate cap binding this council for any of its roles at the period end, of the caps that bind "
       "every worker (a cap with qualified_after binds only some, and is left out); NaN if none"},
      {Measure::agency_idle, "agency_idle", "workers", S, D, C, X,
       "agency workers in the council's region's markets (every role), available for bookings (on the total "
       "row: every region's)"},
      {Measure::seeking_pool, "seeking_pool", "workers", S, D, C, X,
       "workers in the council's region's pool seeking a permanent post, including those in a recruitment "
       "pipeline and the region's councils' trainees waiting for a post (on the total row: every region's)"},
      {Measure::policy_cost, "policy_cost", "GBP", F, T, R, A,
       "cost of recruitment and retention levers: supplements and retention payments per worker, "
       "running costs, one-off costs when a lever starts, trainee costs when a cohort starts"},
      {Measure::total_cost, "total_cost", "GBP", F, D, R, A, "staff_cost + policy_cost"},
      {Measure::cost_per_filled_post, "cost_per_filled_post", "GBP", F, D, R, X,
       "total_cost / posts filled at the period end (permanent workers at work + agency workers, an induction "
       "overlap's counted beside its starter); NaN where none is filled"},
      {Measure::caseload, "caseload", "cases per worker", S, D, R, X,
       "with workload feedback: caseload_at_full_cover x posts / people at work (permanent at work + "
       "agency); NaN without it"},
      {Measure::agency_off_contract, "agency_off_contract", "workers", S, T, C, X,
       "agency workers present who were engaged outside the council's supplier contract"},
  }};
}();

constexpr bool measures_in_enum_order() {
  for (std::size_t i = 0; i < kMeasureCount; ++i) {
    if (static_cast<std::size_t>(kMeasures[i].measure) != i) return false;
  }
  return true;
}
static_assert(measures_in_enum_order(), "kMeasures must list the measures in enum order");

constexpr bool only_flows_add_up() {
  for (const MeasureInfo& m : kMeasures) {
    if (m.total == MeasureTotal::adds_up && m.kind != MeasureKind::flow) return false;
  }
  return true;
}
static_assert(only_flows_add_up(), "a level at the period's end does not add up over time");

constexpr const MeasureInfo& info(Measure m) { return kMeasures[static_cast<std::size_t>(m)]; }

constexpr bool adds_up_over_time(Measure m) { return info(m).total == MeasureTotal::adds_up; }

// The measures of one source and, optionally, one kind, in enum order: what the model
// resets and records without a list of its own to keep.
template <MeasureSource source, bool flows_only>
constexpr auto measures_where() {
  constexpr std::size_t n = [] {
    std::size_t count = 0;
    for (const MeasureInfo& m : kMeasures) count += m.source == source && (!flows_only || m.kind == MeasureKind::flow);
    return count;
  }();
  std::array<Measure, n> found{};
  std::size_t i = 0;
  for (const MeasureInfo& m : kMeasures) {
    if (m.source == source && (!flows_only || m.kind == MeasureKind::flow)) found[i++] = m.measure;
  }
  return found;
}
inline constexpr auto kTallyMeasures = measures_where<MeasureSource::tally, false>();
inline constexpr auto kTallyFlows = measures_where<MeasureSource::tally, true>();

}  // namespace wfsim::model
