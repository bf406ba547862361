#include "scenario/role_notes.hpp"

#include <cmath>

#include "scenario/note_text.hpp"

namespace wfsim::scenario {

namespace {

// Values taken as written that do nothing, or likely not what was meant (an audit:
// each ran without a word).
void add_unused_value_notes(const model::Role& role, bool pooled, const std::string& path,
                            std::vector<std::string>& notes) {
  if (role.pay.agency_employer_costs > 1) {
    notes.push_back(path + ".pay.agency_employer_costs is " + number(role.pay.agency_employer_costs) + ", " +
                    percent(role.pay.agency_employer_costs) +
                    " of an agency worker's pay; a share is written as a fraction (0.143 for 14.3%)");
  }
  if (role.pay.hours_per_week == 0 && role.pay.agency_rate_per_hour > 0) {
    notes.push_back(path + ".pay.hours_per_week is 0: an agency worker is paid for no hours, so agency_spend is 0 " +
                    "whatever agency_rate_per_hour (" + number(role.pay.agency_rate_per_hour) +
                    "); give the hours an agency worker works a week");
  }
  if (role.agency.off_contract_rate_per_hour > 0 && role.agency.off_contract_share == 0) {
    notes.push_back(path + ".agency.off_contract_rate_per_hour is " + number(role.agency.off_contract_rate_per_hour) +
                    ", but off_contract_share is 0: no booking is made off contract, so the rate is never paid");
  }
  if (role.agency.conversion_per_year > 0 && !role.agency.cover_vacancies &&
      role.initial.agency_covering_vacancies == 0) {
    notes.push_back(path + ".agency.conversion_per_year is " + number(role.agency.conversion_per_year) +
                    ", but cover_vacancies is false and no agency worker covers a vacancy at the start: an agency " +
                    "worker converts only into the vacancy they cover, so none converts");
  }
  for (std::size_t k = 0; k < role.absences.size(); ++k) {
    const model::AbsenceKind& absence = role.absences[k];
    const std::string at = path + ".long_absences[" + std::to_string(k) + "] '" + absence.name + "'";
    if (absence.starts_per_year == 0) {
      notes.push_back(at + " starts 0 a year: nobody is absent for it after the start");
    } else if (absence.duration.mean() == 0) {
      notes.push_back(at + " lasts 0 days: its absences end as they start, and cover and count nothing");
    }
  }
  if (role.recruitment.appeal_to_seekers != 0 && !pooled) {
    notes.push_back(path + ".recruitment.appeal_to_seekers is " + number(role.recruitment.appeal_to_seekers) +
                    ", but no labour_pool of " + role.name +
                    " serves the council's region: there are no seekers for it to appeal to");
  }
}

void add_spelling_and_supply_notes(const model::Role& role, const std::string& path, std::vector<std::string>& notes) {
  if (role.turnover_per_year > 1) {
    notes.push_back(path + ".leaving.turnover_per_year is " + number(role.turnover_per_year) + ", a turnover of " +
                    percent(role.turnover_per_year) + " a year; a share is written as a fraction (0.25 for 25%)");
  }
  if (role.pay.on_cost_rate > 1) {
    notes.push_back(path + ".pay.on_costs is " + number(role.pay.on_cost_rate) + ", " + percent(role.pay.on_cost_rate) +
                    " of salary; a share is written as a fraction (0.3 for 30%)");
  }
  if (role.agency.conversion_per_year > 0 && std::isinf(role.recruitment.applicants_per_year)) {
    // A worker converts only into a vacancy waiting for an applicant, and with unlimited
    // applicants none waits: 20 replications of a conversion scenario so gave none.
    notes.push_back(path + ".agency.conversion_per_year is " + number(role.agency.conversion_per_year) +
                    ", but recruitment.applicants_per_year is unlimited: no recruitment waits for an applicant, so "
                    "no agency worker converts; give a number of applicants a year");
  }
  if (!role.agency.cover_vacancies && role.agency.vacancy_cover_share < 1) {
    notes.push_back(path + ".agency.vacancy_cover_share is " + number(role.agency.vacancy_cover_share) +
                    ", but cover_vacancies is false: no vacancy is covered; the share applies only where "
                    "cover_vacancies is true");
  }
}

}  // namespace

void add_role_notes(const model::Role& role, bool pooled, const std::string& path, std::vector<std::string>& notes) {
  add_spelling_and_supply_notes(role, path, notes);
  add_unused_value_notes(role, pooled, path, notes);
}

}  // namespace wfsim::scenario
