#include "import/council_baseline.hpp"

#include <algorithm>

#include "import/year_to_year.hpp"

namespace wfsim::import {

namespace {

std::string who(const CswwRow& council) { return council.name + " " + std::to_string(council.year); }

// Size: permanent workers in post, as headcount (the model counts workers).
Sourced permanent_headcount(CouncilFigures& f, const CswwRow& council) {
  const auto headcount = f.first_of({"inpost_headcount", "inpost_fte"});
  if (headcount && headcount->value <= 0) {
    // Nobody in post: on its own the council has no turnover or starters to size its
    // recruitment from. Its region's scenario sizes it from its vacancies and agency
    // workers, with the region's turnover.
    throw ImportError(who(council) + ": no permanent staff in post (inpost_headcount " +
                      council.figure("inpost_headcount").cell + "), so it cannot be modelled on its own; --region '" +
                      council.region + "' or --england includes it, sized from its vacancies and agency workers");
  }
  if (!headcount) {
    throw ImportError(who(council) + ": both inpost_headcount (" +
                      describe_marker(council.figure("inpost_headcount").cell) + ") and inpost_fte (" +
                      describe_marker(council.figure("inpost_fte").cell) +
                      ") are missing; the council cannot be sized");
  }
  return *headcount;
}

Sourced fte_per_worker(CouncilFigures& f, const CswwRow& council) {
  Sourced fte{1.0, "ASSUMPTION: inpost_fte or inpost_headcount missing, 1 FTE each"};
  if (auto a = f.own("inpost_fte"), b = f.own("inpost_headcount"); a && b && *b > 0) {
    fte = Sourced{std::clamp(*a / *b, 0.05, 1.0), "[DfE inpost_fte / inpost_headcount]"};
    // More FTE than people (Warwickshire 2020: 368.2 for 321) is no worker's contract:
    // capped at 1, and said so rather than written as the data's ratio.
    if (*a / *b > 1.0) {
      fte.source =
          "[DfE inpost_fte / inpost_headcount is " + number_text(*a / *b) + ", more than one FTE each: capped at 1]";
      f.remark("inpost_fte " + council.figure("inpost_fte").cell + " is more than inpost_headcount " +
               council.figure("inpost_headcount").cell + "; used 1 FTE per worker");
    }
  }
  return fte;
}

// Agency workers covering vacancies, in workers. The cover FTE is turned into posts as
// the vacancies are, at the permanent staff's FTE per head: the share of vacancies the
// council reports covered, times its vacant posts. Turned into agency heads instead, a
// council with every vacancy covered (Nottinghamshire 2023: 61.7 FTE of 61.7) started
// 5 of its 70 vacant posts uncovered. Where the cover FTE is not given, the share of the
// agency workers who cover vacancies (agency_cover_rate_fte: of agency FTE, not of
// vacancies) times the agency workers: Sunderland 2023's cover FTE is "low", and its two
// agency workers, all of whose FTE covers vacancies, cover two of them.
Sourced vacancy_cover(CouncilFigures& f, const CswwRow& council, const CouncilBaseline& b) {
  if (b.vacant == 0) return Sourced{0, "no vacancies"};
  if (const auto cover = f.own("agency_cover_fte")) {
    const std::string cover_cell = council.figure("agency_cover_fte").cell;
    if (const auto vacancy = f.own("vacancy_fte"); vacancy && *vacancy > 0) {
      // The ratio of the two, so that rounding the vacant posts cannot leave one uncovered.
      return Sourced{*cover / *vacancy * b.vacant, "[DfE agency_cover_fte " + cover_cell + " / vacancy_fte " +
                                                       council.figure("vacancy_fte").cell + "] x vacant posts"};
    }
    return Sourced{*cover / b.fte_per_worker.value, "[DfE agency_cover_fte " + cover_cell + " / fte_per_worker]"};
  }
  const Sourced share = f.rate("agency_cover_rate_fte");
  f.note("agency_cover_fte", "derived from the share of agency workers covering vacancies");
  return Sourced{share.value * b.agency_workers, share.source + " x agency workers"};
}

// Turnover as councils report it, leavers over headcount.
Sourced turnover_rate(CouncilFigures& f, const CswwRow& council, int in_post) {
  if (auto t = f.own("turnover_rate_headcount")) {
    return Sourced{*t / 100, "[DfE turnover_rate_headcount " + council.figure("turnover_rate_headcount").cell + "%]"};
  }
  if (auto l = f.own("leavers_headcount")) {
    f.note("turnover_rate_headcount", "used leavers_headcount / in post");
    return Sourced{*l / in_post, "[DfE leavers_headcount / inpost_headcount]"};
  }
  return f.rate("turnover_rate_fte");
}

// With a spread, turnover is an uncertain input, spread as much as the council's
// turnover moved from one year to the next up to this year (year_to_year.hpp).
void write_turnover_text(CouncilBaseline& b, const CswwData& data, const CswwRow& council, bool with_spread) {
  b.turnover_text = number_text(b.turnover.value, 4);
  if (!with_spread) return;
  const double sd = one_year_move(data, council, {"turnover_rate_headcount", "turnover_rate_fte"}, false);
  if (sd <= 0) return;
  b.turnover_text = "{mean: " + number_text(b.turnover.value, 4) + ", sd: " + number_text(sd, 4) + "}";
  b.spread_source = "; sd: its typical one-year move to " + std::to_string(council.year) +
                    " (1.4826 x the median absolute change; the region's where it has fewer than three)";
}

Sourced starters_per_year(CouncilFigures& f, const Sourced& turnover, int in_post) {
  if (auto s = f.first_of({"starters_headcount", "starters_fte"})) return *s;
  f.note("starters_headcount", "assumed starters equal leavers (turnover x in post)");
  return Sourced{turnover.value * in_post, "ASSUMPTION: starters = turnover x in post"};
}

// Days lost per FTE: the council's, else its region's, else England's, as for a rate.
Sourced sickness_days(CouncilFigures& f, const CswwRow& council) {
  if (auto d = f.own("working_days_lost_fte"), n = f.own("inpost_fte"); d && n && *n > 0) {
    return Sourced{std::min(*d / *n, 365.0), "[DfE working_days_lost_fte / inpost_fte]"};
  }
  for (const CswwRow* row : {f.region(), f.nation()}) {
    if (row == nullptr) continue;
    const auto d_row = row->figure("working_days_lost_fte").value, n_row = row->figure("inpost_fte").value;
    if (!d_row || !n_row || *n_row <= 0) continue;
    const double days = std::min(*d_row / *n_row, 365.0);
    f.note("working_days_lost_fte", "used the " + row->name + " rate, " + number_text(days, 2) + " days a year");
    return Sourced{days, "[DfE " + row->name + " working_days_lost_fte / inpost_fte: " + council.name + "'s is " +
                             council.figure("working_days_lost_fte").cell + "]"};
  }
  f.note("working_days_lost_fte", "no sickness absence in the scenario");
  return Sourced{0, "no figure"};
}

Sourced caseload(CouncilFigures& f, const CswwRow& council) {
  if (auto c = f.own("caseload_fte")) {
    return Sourced{*c, "[DfE caseload_fte " + council.figure("caseload_fte").cell + "]"};
  }
  const CswwRow* region = f.region();
  const auto& cell = region ? region->figure("caseload_fte") : council.figure("caseload_fte");
  f.note("caseload_fte", region && cell.value ? "used the " + region->name + " figure " + cell.cell : "used 16");
  return Sourced{region && cell.value ? *cell.value : 16.0, "[DfE regional caseload_fte]"};
}

}  // namespace

CouncilBaseline council_baseline(const CswwData& data, const CswwRow& council, std::vector<std::string>& notes,
                                 bool with_spread) {
  CouncilFigures f(data, council, notes);
  CouncilBaseline b;
  b.headcount = permanent_headcount(f, council);
  b.in_post = whole(b.headcount.value);
  b.fte_per_worker = fte_per_worker(f, council);
  b.vacancies = vacancies_in_workers(f, b.fte_per_worker.value, b.in_post);
  b.vacant = whole(b.vacancies.value);
  b.agency = agency_workers(f, b.in_post);
  b.agency_workers = whole(b.agency.value);
  b.cover = vacancy_cover(f, council, b);
  b.covering_vacancies = std::min({whole(b.cover.value), b.vacant, b.agency_workers});
  b.temporary = b.agency_workers - b.covering_vacancies;
  b.turnover = turnover_rate(f, council, b.in_post);
  write_turnover_text(b, data, council, with_spread);
  b.starters = starters_per_year(f, b.turnover, b.in_post);
  b.applicants_per_year = b.starters.value / (1 - kBaselineOfferFailure);
  b.sickness_days = sickness_days(f, council);
  b.caseload = caseload(f, council);
  return b;
}

}  // namespace wfsim::import
