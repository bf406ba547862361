#include "model/parameters.hpp"
#include "scenario/key_binding.hpp"
#include "scenario/scenario_format.hpp"

// The sections for an authority: its roles (establishment, starting position, leaving,
// recruitment, agency cover, pay, absences) and its workload feedback; the rest of the
// format is in scenario_format.cpp, policy_format.cpp and region_format.cpp.

namespace wfsim::scenario::format {

namespace {

const Section& initial_section() {
  static const Section section{
      .name = "initial",
      .title = "The state at the start date",
      .keys =
          {
              {.name = "in_post",
               .type = Type::count,
               .required = true,
               .description = "permanent workers in post, including the absent; at most permanent_posts",
               .unit = "workers"},
              {.name = "absent",
               .type = Type::count,
               .description = "of those, on long absence; at most in_post",
               .unit = "workers"},
              {.name = "agency_covering_absences",
               .type = Type::count,
               .description = "agency workers covering absent permanent workers; at most absent",
               .unit = "workers"},
              {.name = "agency_covering_vacancies",
               .type = Type::count,
               .description = "agency workers in posts with no permanent worker",
               .unit = "workers"},
          },
  };
  return section;
}

const Section& destinations_section() {
  static const Section section{
      .name = "destinations",
      .title = "Where permanent leavers go; the three shares add up to 1",
      .keys =
          {
              {.name = "outside",
               .type = Type::probability,
               .description = "leaves councils' children's social work: neither another council nor agency work"},
              {.name = "other_council",
               .type = Type::probability,
               .description = "takes a permanent post at another council"},
              {.name = "agency", .type = Type::probability, .description = "goes to agency work"},
          },
  };
  return section;
}

const Section& leaving_section() {
  static const Section section{
      .name = "leaving",
      .title = "Permanent turnover, notice and destinations",
      .keys =
          {
              {.name = "turnover_per_year",
               .type = Type::non_negative,
               .required = true,
               .description = "leavers in a year over headcount (0.173 for 17.3%)",
               .unit = "per head per year",
               .store = store_into<&model::Role::turnover_per_year>},
              {.name = "notice",
               .type = Type::delay,
               .description = "notice worked before leaving",
               .store = store_into<&model::Role::notice>},
              {.name = "destinations",
               .type = Type::mapping,
               .description = "where leavers go",
               .section = &destinations_section()},
              {.name = "redundancy_share",
               .type = Type::probability,
               .description = "chance that a worker giving notice is being made redundant",
               .store = store_into<&model::Role::redundancy_share>},
          },
  };
  return section;
}

const Section& recruitment_section() {
  static const Section section{
      .name = "recruitment",
      .title = "The recruitment pipeline",
      .keys =
          {
              {.name = "opens_at",
               .type = Type::choice,
               .description = "when a leaver's post opens a recruitment",
               .choices = {"notice", "vacancy"}},
              {.name = "approval_to_offer",
               .type = Type::delay,
               .description = "from an applicant coming forward to the offer",
               .store = store_into<&model::RecruitmentSettings::approval_to_offer>},
              {.name = "offer_to_start",
               .type = Type::delay,
               .description = "from an accepted offer to the day the new hire could start",
               .store = store_into<&model::RecruitmentSettings::offer_to_start>},
              {.name = "offer_failure_probability",
               .type = Type::probability,
               .description = "chance an offer fails; below 1",
               .maximum = 1,
               .exclusive_maximum = true,
               .why = "or no post could ever be filled",
               .store = store_into<&model::RecruitmentSettings::offer_failure_probability>},
              {.name = "applicants_per_year",
               .type = Type::non_negative_or_unlimited,
               .description = "suitable applicants for this authority and role",
               .unit = "applicants per year",
               .store = store_into<&model::RecruitmentSettings::applicants_per_year>},
              {.name = "applicants_per_vacancy_per_year",
               .type = Type::non_negative,
               .description = "more applicants for each post waiting for one, added to applicants_per_year",
               .unit = "applicants per waiting post per year",
               .store = store_into<&model::RecruitmentSettings::applicants_per_vacancy_per_year>},
              {.name = "appeal_to_seekers",
               .type = Type::number,
               .description = "the council's pull on the region's pool seekers beyond pay, travel and workload, in "
                              "the labour market's logit units: its posts' weight is multiplied by e^appeal_to_seekers",
               .minimum = -50,
               .maximum = 50,
               .why = "larger weights overflow the choice probabilities",
               .store = store_into<&model::RecruitmentSettings::appeal_to_seekers>},
          },
  };
  return section;
}

const Section& agency_section() {
  static const Section section{
      .name = "agency",
      .title = "When and how agency cover is booked, and how long it stays",
      .keys =
          {
              {.name = "cover_vacancies",
               .type = Type::boolean,
               .description = "book agency cover for vacant permanent posts",
               .store = store_into<&model::AgencySettings::cover_vacancies>},
              {.name = "vacancy_cover_share",
               .type = Type::probability,
               .description = "where cover_vacancies, the share of vacancies the council books agency cover for, "
                              "decided for each vacancy when it opens",
               .store = store_into<&model::AgencySettings::vacancy_cover_share>},
              {.name = "cover_absences",
               .type = Type::boolean,
               .description = "book agency cover for workers on long absence",
               .store = store_into<&model::AgencySettings::cover_absences>},
              {.name = "booking_delay",
               .type = Type::delay,
               .description = "from a booking to the agency market being asked",
               .store = store_into<&model::AgencySettings::booking_delay>},
              {.name = "leaving_per_year",
               .type = Type::non_negative,
               .description = "hazard of an agency assignment ending",
               .unit = "per agency worker per year",
               .store = store_into<&model::AgencySettings::leaving_per_year>},
              {.name = "conversion_per_year",
               .type = Type::non_negative,
               .description = "hazard of an agency worker taking the vacant post as a permanent worker",
               .unit = "per agency worker per year",
               .store = store_into<&model::AgencySettings::conversion_per_year>},
              {.name = "off_contract_share",
               .type = Type::probability,
               .description = "share of bookings made outside the council's supplier contract",
               .store = store_into<&model::AgencySettings::off_contract_share>},
              {.name = "off_contract_rate_per_hour",
               .type = Type::non_negative,
               .description = "the charge rate of a booking made off contract",
               .unit = "GBP per hour",
               .store = store_into<&model::AgencySettings::off_contract_rate_per_hour>},
          },
  };
  return section;
}

const Section& pay_section() {
  static const Section section{
      .name = "pay",
      .title = "Salaries and agency rates, for costs",
      .keys =
          {
              {.name = "salary_per_year",
               .type = Type::non_negative,
               .description = "a full-time salary",
               .unit = "GBP per year",
               .store = store_into<&model::Pay::salary_per_year>},
              {.name = "on_costs",
               .type = Type::non_negative,
               .description = "employer's on-costs as a fraction of salary (0.3 adds 30%)",
               .store = store_into<&model::Pay::on_cost_rate>},
              {.name = "agency_rate_per_hour",
               .type = Type::non_negative,
               .description = "the cost of an agency worker",
               .unit = "GBP per hour",
               .store = store_into<&model::Pay::agency_rate_per_hour>},
              {.name = "hours_per_week",
               .type = Type::non_negative,
               .description = "agency hours per week",
               .unit = "hours",
               .maximum = 168,
               .why = "a week has 168 hours",
               .store = store_into<&model::Pay::hours_per_week>},
              {.name = "agency_margin_per_hour",
               .type = Type::non_negative,
               .description = "the agency's margin in the charge rate, not paid to the worker",
               .unit = "GBP per hour",
               .store = store_into<&model::Pay::agency_margin_per_hour>},
              {.name = "agency_employer_costs",
               .type = Type::non_negative,
               .description =
                   "employer's costs on an agency worker's pay (national insurance, levy), as a fraction of it",
               .store = store_into<&model::Pay::agency_employer_costs>},
          },
  };
  return section;
}

const Section& absence_section() {
  static const Section section{
      .name = "absence_kind",
      .title = "A kind of long absence",
      .keys =
          {
              {.name = "kind",
               .type = Type::text,
               .required = true,
               .description = "a label such as maternity; unique within the role"},
              {.name = "starts_per_year",
               .type = Type::non_negative,
               .required = true,
               .description = "rate at which this kind of absence starts",
               .unit = "per permanent worker not absent, per year"},
              {.name = "duration", .type = Type::delay, .required = true, .description = "how long it lasts"},
          },
  };
  return section;
}

const Section& role_section() {
  static const Section section{
      .name = "role",
      .title = "A job family of an authority and its establishment",
      .keys =
          {
              {.name = "name",
               .type = Type::text,
               .required = true,
               .description = "the role's name; roles with the same name share a labour market"},
              {.name = "permanent_posts",
               .type = Type::count,
               .required = true,
               .description = "permanent establishment",
               .unit = "posts"},
              {.name = "temporary_posts",
               .type = Type::count,
               .description = "temporary establishment, covered by agency only",
               .unit = "posts"},
              {.name = "fte_per_worker",
               .type = Type::number,
               .description = "FTE of each permanent worker",
               .unit = "FTE",
               .minimum = 0,
               .maximum = 1,
               .exclusive_minimum = true},
              {.name = "initial",
               .type = Type::mapping,
               .description = "the state at the start date (default: every permanent post filled)",
               .section = &initial_section()},
              {.name = "leaving",
               .type = Type::mapping,
               .required = true,
               .description = "permanent turnover, notice, destinations",
               .section = &leaving_section()},
              {.name = "recruitment",
               .type = Type::mapping,
               .description = "the recruitment pipeline",
               .section = &recruitment_section()},
              {.name = "agency", .type = Type::mapping, .description = "agency cover", .section = &agency_section()},
              {.name = "pay", .type = Type::mapping, .description = "pay and rates", .section = &pay_section()},
              {.name = "experience",
               .type = Type::delay,
               .description = "post-qualified experience of workers new to the region through this role"},
              {.name = "long_absences",
               .type = Type::list,
               .description = "kinds of long absence",
               .section = &absence_section(),
               .element = Type::mapping},
              {.name = "short_sickness_days_per_year",
               .type = Type::non_negative,
               .description = "short-sickness days lost per FTE a year",
               .unit = "days per FTE per year",
               .maximum = 365.25,
               .why = "cannot exceed the days in a year"},
          },
  };
  return section;
}

const Section& workload_section() {
  static const Section section{
      .name = "workload_feedback",
      .title = "Caseload pressure raising turnover",
      .keys =
          {
              {.name = "enabled", .type = Type::boolean, .description = "switch the feedback on or off"},
              {.name = "caseload_at_full_cover",
               .type = Type::non_negative,
               .required = true,
               .description = "cases per worker when every post is covered",
               .unit = "cases per worker"},
              {.name = "turnover_elasticity",
               .type = Type::non_negative,
               .required = true,
               .description = "relative rise in turnover per relative rise in caseload"},
          },
  };
  return section;
}

}  // namespace

const Section& authority_section() {
  static const Section section{
      .name = "authority",
      .title = "A council",
      .keys =
          {
              {.name = "name", .type = Type::text, .required = true, .description = "the authority's name; unique"},
              {.name = "roles",
               .type = Type::list,
               .required = true,
               .description = "its job families (at least one; names unique)",
               .section = &role_section(),
               .element = Type::mapping,
               .non_empty = true},
              {.name = "policies",
               .type = Type::list,
               .description = "levers: campaigns, supplements, cohorts and more",
               .section = &policy_section(),
               .element = Type::mapping},
              {.name = "workload_feedback",
               .type = Type::mapping,
               .description = "caseload pressure raising turnover",
               .section = &workload_section()},
              {.name = "neighbours",
               .type = Type::list,
               .description = "the authorities next to this one (by name), nearer for workers' travel",
               .element = Type::text},
              {.name = "region",
               .type = Type::text,
               .description = "the region whose markets and pools it shares (one of 'regions'; required when "
                              "the scenario lists regions)"},
          },
  };
  return section;
}

}  // namespace wfsim::scenario::format
