#include "model/measures.hpp"

namespace wfsim::model {

namespace {
constexpr auto S = MeasureKind::snapshot;
constexpr auto F = MeasureKind::flow;
}  // namespace

const std::array<MeasureInfo, kMeasureCount> kMeasures = {{
    {Measure::permanent_headcount, "permanent_headcount", "workers", S,
     "permanent workers in post, including those working notice and those on long absence"},
    {Measure::permanent_fte, "permanent_fte", "FTE", S, "permanent headcount weighted by each role's fte_per_worker"},
    {Measure::agency_headcount, "agency_headcount", "workers", S,
     "agency workers present (covering a vacancy or an absence)"},
    {Measure::vacancies, "vacancies", "posts", S, "permanent-establishment posts with no permanent worker"},
    {Measure::vacancy_rate, "vacancy_rate", "fraction", S, "vacancies / permanent establishment"},
    {Measure::long_absences, "long_absences", "workers", S,
     "permanent workers on a long absence (they keep their post)"},
    {Measure::agency_covering_vacancies, "agency_covering_vacancies", "workers", S,
     "agency workers present in a post with no permanent worker (including temporary establishment)"},
    {Measure::agency_covering_absences, "agency_covering_absences", "workers", S,
     "agency workers present in the post of an absent permanent worker"},
    {Measure::uncovered_gap, "uncovered_gap", "posts", S,
     "vacancies + temporary posts + long absences - agency cover: posts in which no one works"},
    {Measure::agency_share, "agency_share", "fraction", S,
     "agency headcount / (permanent headcount + agency headcount)"},
    {Measure::starters_permanent, "starters_permanent", "workers", F, "permanent workers who started"},
    {Measure::starters_agency, "starters_agency", "workers", F, "agency workers who arrived in a post"},
    {Measure::leavers_permanent, "leavers_permanent", "workers", F,
     "permanent workers who left at the end of their notice"},
    {Measure::leavers_to_outside, "leavers_to_outside", "workers", F,
     "permanent leavers leaving the region or the profession"},
    {Measure::leavers_to_other_council, "leavers_to_other_council", "workers", F,
     "permanent leavers taking a permanent post at another council"},
    {Measure::leavers_to_agency, "leavers_to_agency", "workers", F, "permanent leavers going to agency work"},
    {Measure::leavers_agency, "leavers_agency", "workers", F,
     "agency workers who left a post (assignment ended, or no longer needed)"},
    {Measure::turnover_12m, "turnover_12m", "fraction", F,
     "permanent leavers in the 12 periods ending here / mean permanent headcount at those period "
     "ends; NaN for the first 11 periods"},
    {Measure::time_to_offer, "time_to_offer", "days", F,
     "mean days from the successful applicant coming forward to the accepted offer, over offers "
     "accepted in the period; NaN if none"},
    {Measure::time_to_start, "time_to_start", "days", F,
     "mean days from the successful applicant coming forward to the start, over permanent "
     "starters in the period; NaN if none"},
    {Measure::time_to_fill, "time_to_fill", "days", F,
     "mean days from a recruitment opening (at the notice or the vacancy) to the start, over "
     "permanent starters in the period; NaN if none"},
    {Measure::agency_time_to_hire, "agency_time_to_hire", "days", F,
     "mean days from an agency booking to the worker's arrival, over arrivals in the period; NaN "
     "if none"},
    {Measure::offers_failed, "offers_failed", "offers", F, "offers made that failed"},
    {Measure::recruitments_open, "recruitments_open", "recruitments", S,
     "recruitments opened and not yet ended by a start"},
    {Measure::agency_bookings_waiting, "agency_bookings_waiting", "bookings", S,
     "agency bookings requested and not yet filled"},
    {Measure::sickness_days, "sickness_days", "days", F,
     "short-sickness days lost by permanent workers at work (not on long absence), at the role's rate per FTE"},
    {Measure::agency_spend, "agency_spend", "GBP", F, "agency worker-days present x hourly rate x hours per week / 7"},
    {Measure::permanent_staff_cost, "permanent_staff_cost", "GBP", F,
     "permanent worker-days employed x fte_per_worker x salary x (1 + on-costs) / 365.25"},
    {Measure::staff_cost, "staff_cost", "GBP", F, "permanent_staff_cost + agency_spend"},
    {Measure::starters_from_pool, "starters_from_pool", "workers", F,
     "permanent starters who came from the region's pool of workers seeking posts (movers from "
     "other councils, newly qualified, returners, arrivals)"},
    {Measure::agency_conversions, "agency_conversions", "workers", F,
     "agency workers who took a permanent post at the council they worked for"},
    {Measure::agency_engagements_refused, "agency_engagements_refused", "engagements", F,
     "available agency workers a rule stopped this council engaging for a booking, each counted "
     "once per period"},
    {Measure::agency_leakage, "agency_leakage", "engagements", F,
     "agency engagements by this council, as a non-member, of workers a rule keeps from its members"},
    {Measure::agency_idle_barred, "agency_idle_barred", "workers", S,
     "available agency workers this council may not engage now because of a rule (on the region's "
     "row: barred from at least one council)"},
    {Measure::agency_rate_paid, "agency_rate_paid", "GBP per hour", F,
     "agency spend / agency hours worked: the mean hourly rate paid; NaN if no agency hours"},
    {Measure::agency_rate_cap, "agency_rate_cap", "GBP per hour", S,
     "the lowest rate cap binding this council for its first role at the period end; NaN if none"},
    {Measure::agency_idle, "agency_idle", "workers", S,
     "agency workers in the region's market, available for bookings (region-wide: on every row)"},
    {Measure::seeking_pool, "seeking_pool", "workers", S,
     "workers in the region's pool seeking a permanent post, including those in a recruitment "
     "pipeline (region-wide: on every row)"},
    {Measure::policy_cost, "policy_cost", "GBP", F,
     "cost of recruitment and retention levers: supplements and retention payments per worker, "
     "running costs, one-off costs when a lever starts, trainee costs when a cohort starts"},
    {Measure::total_cost, "total_cost", "GBP", F, "staff_cost + policy_cost"},
    {Measure::cost_per_filled_post, "cost_per_filled_post", "GBP", F,
     "total_cost / posts filled at the period end (permanent workers at work + agency workers)"},
    {Measure::caseload, "caseload", "cases per worker", S,
     "with workload feedback: caseload_at_full_cover x posts / people at work (permanent at work + "
     "agency); NaN without it"},
}};

}  // namespace wfsim::model
