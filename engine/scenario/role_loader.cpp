#include "scenario/role_loader.hpp"

#include <cmath>
#include <iomanip>
#include <locale>
#include <sstream>
#include <string>
#include <vector>

#include "scenario/name_characters.hpp"
#include "scenario/suggest.hpp"
#include "scenario/unique_name.hpp"

namespace wfsim::scenario {

namespace {

using model::Role;

model::Destinations read_destinations(const Field& field) {
  MapReader map(field);
  model::Destinations d;
  // Shares not given are zero; the three must then add up to one.
  d.outside = d.other_council = d.agency = 0;
  if (auto f = map.optional("outside")) d.outside = f->probability();
  if (auto f = map.optional("other_council")) d.other_council = f->probability();
  if (auto f = map.optional("agency")) d.agency = f->probability();
  map.done();
  const double total = d.outside + d.other_council + d.agency;
  if (std::abs(total - 1.0) > 1e-9) {
    // To the digits that show the slip: 1 + 1.1e-9 was said as "1.000000".
    std::ostringstream sum;
    sum.imbue(std::locale::classic());
    sum << std::setprecision(12) << total;
    field.fail_across("the shares of outside, other_council and agency must add up to 1, but add up to " + sum.str());
  }
  return d;
}

void read_leaving(const Field& field, Role& role) {
  MapReader map(field);
  map.read_bound(&role);  // turnover, notice, redundancy share
  if (auto f = map.optional("destinations")) role.destinations = read_destinations(*f);
  map.done();
  // Turnover counts leavers against a headcount that includes those on notice; that is
  // only possible while a year's turnover cannot all be working notice at once.
  if (role.turnover_per_year * role.notice.mean() / model::kDaysPerYear >= 1) {
    // A turnover of 25 meant 25%: said too, as validate's note says it of 2 or 3.
    std::ostringstream percentage;
    percentage.imbue(std::locale::classic());
    if (role.turnover_per_year > 1) {
      percentage << " (a turnover of " << role.turnover_per_year << " a year is " << role.turnover_per_year * 100
                 << "%; a share is written as a fraction, 0.25 for 25%)";
    }
    field.fail_across(
        "turnover_per_year x the mean notice (in years) must be below 1: at this turnover nobody "
        "would ever be at work between notices" +
        percentage.str());
  }
}

void read_recruitment(const Field& field, Role& role) {
  MapReader map(field);
  model::RecruitmentSettings& r = role.recruitment;
  if (auto f = map.optional("opens_at")) {
    r.opens_at = f->choice() == "notice" ? model::RecruitmentTrigger::at_notice : model::RecruitmentTrigger::at_vacancy;
  }
  map.read_bound(&r);
  map.done();
}

void read_agency(const Field& field, Role& role) {
  MapReader map(field);
  map.read_bound(&role.agency);
  map.done();
}

void read_pay(const Field& field, Role& role) {
  MapReader map(field);
  map.read_bound(&role.pay);
  map.done();
}

void read_absences(const Field& field, Role& role) {
  std::set<std::string> kinds;
  for (std::size_t i = 0; i < field.size(); ++i) {
    const Field item = field.element(i);
    MapReader map(item);
    model::AbsenceKind kind;
    kind.name = take_unique_name(map.required("kind"), "absence kind", kinds, "",
                                 ", and the two would look alike in every table");
    kind.starts_per_year = map.required("starts_per_year").non_negative();
    kind.duration = map.required("duration").delay();
    map.done();
    role.absences.push_back(std::move(kind));
  }
}

void read_initial(const Field& field, Role& role) {
  MapReader map(field);
  model::InitialState& s = role.initial;
  const Field in_post = map.required("in_post");
  const auto absent = map.optional("absent");
  const auto covering_absences = map.optional("agency_covering_absences");
  const auto covering_vacancies = map.optional("agency_covering_vacancies");
  // An unknown key first: a misspelt 'absent' would otherwise be blamed on the cover
  // that may not exceed it.
  map.done();
  s.in_post = in_post.count();
  if (s.in_post > role.permanent_posts) {
    in_post.fail_across("cannot exceed permanent_posts (" + std::to_string(role.permanent_posts) + ")");
  }
  if (absent) {
    s.absent = absent->count();
    if (s.absent > s.in_post) absent->fail_across("cannot exceed in_post (" + std::to_string(s.in_post) + ")");
  }
  if (covering_absences) {
    s.agency_covering_absences = covering_absences->count();
    if (s.agency_covering_absences > s.absent)
      covering_absences->fail_across("cannot exceed absent (" + std::to_string(s.absent) + ")");
  }
  if (covering_vacancies) {
    s.agency_covering_vacancies = covering_vacancies->count();
    const int open = role.permanent_posts + role.temporary_posts - s.in_post;
    if (s.agency_covering_vacancies > open) {
      covering_vacancies->fail_across("cannot exceed the posts with no permanent worker (" + std::to_string(open) +
                                      ")");
    }
  }
}

}  // namespace

model::Role read_role(const Field& field) {
  MapReader map(field);
  Role role;
  role.name = map.required("name").text();
  role.permanent_posts = map.required("permanent_posts").count();
  if (auto f = map.optional("temporary_posts")) role.temporary_posts = f->count();
  // A role of no posts simulates nothing: every share of it had no value, and the
  // charts and reports of a run that ended well refused its file (a hostile-input audit).
  if (role.permanent_posts + role.temporary_posts == 0) {
    map.required("permanent_posts")
        .fail(
            "a role needs at least one post, and permanent_posts and temporary_posts are both 0 here "
            "(a role of no posts simulates nothing: leave it out)");
  }
  if (auto f = map.optional("fte_per_worker")) role.fte_per_worker = f->number();
  if (auto f = map.optional("initial")) {
    read_initial(*f, role);
  } else {
    role.initial.in_post = role.permanent_posts;
  }
  read_leaving(map.required("leaving"), role);
  if (auto f = map.optional("recruitment")) read_recruitment(*f, role);
  if (auto f = map.optional("agency")) read_agency(*f, role);
  if (auto f = map.optional("pay")) read_pay(*f, role);
  if (auto f = map.optional("experience")) role.experience = f->delay();
  if (auto f = map.optional("long_absences")) read_absences(*f, role);
  double absence_rate = 0;
  for (const auto& kind : role.absences) absence_rate += kind.starts_per_year;
  if (role.initial.absent > 0 && absence_rate <= 0) {
    field.fail_across("initial.absent is " + std::to_string(role.initial.absent) +
                      ", but no long_absences with starts_per_year > 0 say how long absences last");
  }
  if (auto f = map.optional("short_sickness_days_per_year")) {
    role.short_sickness_days_per_year = f->non_negative();
  }
  map.done();
  return role;
}

}  // namespace wfsim::scenario
