// Lever kind `cohort`: a yearly cohort of trainees (a newly qualified programme, a
// degree or apprenticeship route, overseas recruitment) who qualify after their
// training and join the council that trained them, bound to stay there for a bond.
#include <algorithm>
#include <cmath>
#include <string>

#include "kernel/calendar.hpp"
#include "scenario/kind_registry.hpp"

namespace wfsim::kinds {

namespace {

enum Step : std::uint32_t { kCohortStarts = 0, kTraineeQualifies = 1 };

class TraineeCohort final : public model::Lever {
 public:
  // Cohorts start on the 1st of their month, from the policy's start on (simulated days).
  double first_cohort(const model::Policy& p, std::int64_t start_day) const {
    const std::int64_t from_day = start_day + static_cast<std::int64_t>(std::max(0.0, std::ceil(p.from)));
    kernel::CivilDate first = kernel::civil_from_days(from_day);
    first.day = 1;
    first.month = month;
    std::int64_t day = kernel::days_from_civil(first);
    if (day < from_day) day = kernel::add_months(day, 12);
    return static_cast<double>(day - start_day);
  }

  std::string route;  // nqsw, degree, postgraduate, apprenticeship, overseas: a label
  int per_year = 0;
  unsigned month = 9;                                              // trainees start on the 1st of this month each year
  kernel::Distribution training = kernel::Distribution::fixed(0);  // or registration delay
  double dropout = 0;
  double bond_days = 0;  // a qualified trainee does not resign from this council during the bond
  double cost_per_trainee = 0;

  void start(model::LeverSteps& steps, std::uint32_t policy) const override {
    if (per_year == 0) return;
    const model::Policy& p = steps.policy(policy);
    const double t = first_cohort(p, steps.start_day());
    if (t < p.until) steps.schedule_at(t, policy, kCohortStarts);
  }

  std::string note(const model::Policy& p, const model::Role& role, std::int64_t start_day, double reported_from,
                   double run_days) const override {
    const double t = first_cohort(p, start_day);
    if (per_year == 0) return "";
    if (t >= std::min(p.until, run_days)) {
      return "no 1st of month " + std::to_string(month) + " falls between its start and its end within the run (" +
             kernel::format_iso_date(start_day + static_cast<std::int64_t>(t)) +
             " would be the first): no cohort starts";
    }
    const std::string warmup = warmup_cohorts_note(t, p, start_day, reported_from);
    // A qualified trainee goes through the role's recruitment: assessed to an offer
    // (again after each offer that fails), then the wait from offer to start.
    const model::RecruitmentSettings& r = role.recruitment;
    const double wait = r.approval_to_offer.mean() / (1 - r.offer_failure_probability) + r.offer_to_start.mean();
    const std::string late = late_cohorts_note(t, p, wait, start_day, run_days);
    return warmup + (!warmup.empty() && !late.empty() ? "; " : "") + late;
  }

  // A cohort paid for in the warm-up, which is simulated but not reported: its cost is
  // in no period of the results, while its trainees work in them once they qualify.
  // The note said only that the cohorts' cost was counted.
  std::string warmup_cohorts_note(double first, const model::Policy& p, std::int64_t start_day,
                                  double reported_from) const {
    if (cost_per_trainee <= 0 || first >= reported_from) return "";
    int early = 0;
    for (std::int64_t day = start_day + static_cast<std::int64_t>(first);
         static_cast<double>(day - start_day) < std::min(p.until, reported_from); day = kernel::add_months(day, 12)) {
      ++early;
    }
    if (early == 0) return "";
    // Ended within the warm-up: no 'from' counts a cohort of it (one after 'until' is
    // refused), so the note does not offer one.
    if (p.until <= reported_from) {
      return "every cohort of it starts in the warm-up, before the results start on " +
             kernel::format_iso_date(start_day + static_cast<std::int64_t>(reported_from)) +
             ": their cost is not counted, their trainees' work is";
    }
    return std::to_string(early) + (early == 1 ? " cohort starts" : " cohorts start") + " in the warm-up (from " +
           kernel::format_iso_date(start_day + static_cast<std::int64_t>(first)) + "), before the results start on " +
           kernel::format_iso_date(start_day + static_cast<std::int64_t>(reported_from)) +
           (early == 1 ? ": its cost is not counted, its trainees' work is; give 'from: "
                       : ": their cost is not counted, their trainees' work is; give 'from: ") +
           kernel::format_iso_date(start_day + static_cast<std::int64_t>(reported_from)) +
           "' for cohorts that start once the results do";
  }

  // A cohort paid for at its start whose trainees start work, on average, after the run
  // ends: the run counts its cost and none of its work. Over the three years init
  // writes, an NQSW programme paid for three cohorts and saw one start work, and came
  // out dearer than over six years, where it saves. A trainee starts once qualified and
  // through the role's recruitment (`wait`, on average): a cohort qualifying a month
  // before the end, counted as one that works, added half a starter of its ten.
  std::string late_cohorts_note(double first, const model::Policy& p, double wait, std::int64_t start_day,
                                double run_days) const {
    int cohorts = 0, late = 0;
    std::int64_t first_late = 0;
    for (std::int64_t day = start_day + static_cast<std::int64_t>(first);
         static_cast<double>(day - start_day) < std::min(p.until, run_days); day = kernel::add_months(day, 12)) {
      ++cohorts;
      if (static_cast<double>(day - start_day) + training.mean() + wait >= run_days && late++ == 0) {
        first_late = day;
      }
    }
    if (late == 0) return "";
    return std::to_string(late) + " of its " + std::to_string(cohorts) + " cohorts within the run (from " +
           kernel::format_iso_date(first_late) +
           ") start work after it ends, on average (training, then the role's recruitment): their cost is "
           "counted, their work is not; a longer duration weighs both";
  }
  void step(model::LeverSteps& steps, std::uint32_t policy, std::uint32_t step) const override {
    if (step == kTraineeQualifies) {
      steps.trainee_qualifies(policy, bond_days);
      return;
    }
    const auto today = steps.start_day() + static_cast<std::int64_t>(std::floor(steps.now()));
    const double next = static_cast<double>(kernel::add_months(today, 12) - steps.start_day());
    if (next < steps.policy(policy).until) steps.schedule_at(next, policy, kCohortStarts);
    steps.pay(policy, cost_per_trainee * per_year);
    kernel::RandomStream& s = steps.stream(policy);
    for (int i = 0; i < per_year; ++i) {
      // Each trainee's training is drawn whether or not they stay, so that the same
      // trainee takes as long in every variant: drawn only for those who stay, a
      // dropout sweep gave the trainees who qualify in both runs different trainings
      // (an audit). A fixed training draws nothing.
      const double trained_in = training.sample(s);
      if (s.bernoulli(dropout)) continue;  // leaves the programme before qualifying
      steps.schedule_qualifying_in(trained_in, policy, kTraineeQualifies);
    }
  }
};

std::shared_ptr<const model::Lever> load(scenario::MapReader& map, const model::ModelParameters&) {
  auto lever = std::make_shared<TraineeCohort>();
  lever->route = map.required("route").choice();
  lever->per_year = map.required("per_year").count();
  if (auto f = map.optional("month")) lever->month = static_cast<unsigned>(f->count());
  if (auto f = map.optional("training")) lever->training = f->delay();
  if (auto f = map.optional("dropout")) lever->dropout = f->probability();
  if (auto f = map.optional("retention_bond")) lever->bond_days = f->duration_days();
  if (auto f = map.optional("cost_per_trainee")) lever->cost_per_trainee = f->non_negative();
  return lever;
}

using scenario::format::Type;

const scenario::Registration<model::Lever> registration({
    .name = "cohort",
    .keys =
        {
            {.name = "route",
             .type = Type::choice,
             .required = true,
             .description = "the trainee route",
             .choices = {"nqsw", "degree", "postgraduate", "apprenticeship", "overseas"}},
            {.name = "per_year",
             .type = Type::count,
             .required = true,
             .description = "trainees in each yearly cohort",
             .unit = "trainees"},
            {.name = "month",
             .type = Type::count,
             .description = "the month whose 1st each cohort starts",
             .minimum = 1,
             .maximum = 12,
             .why = "a month number from 1 to 12"},
            {.name = "training", .type = Type::delay, .description = "training or registration before taking a post"},
            {.name = "dropout", .type = Type::probability, .description = "chance a trainee never takes a post"},
            {.name = "retention_bond",
             .type = Type::duration,
             .description = "time from qualifying during which a trainee does not resign from the council that "
                            "trained them"},
            {.name = "cost_per_trainee",
             .type = Type::non_negative,
             .description = "cost of each trainee",
             .unit = "GBP"},
        },
    .load = &load,
});

}  // namespace

}  // namespace wfsim::kinds
