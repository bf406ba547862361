#include "scenario/policy_loader.hpp"

#include <algorithm>
#include <set>

#include "scenario/suggest.hpp"

namespace wfsim::scenario {

void read_policies(const Field& list, model::Authority& authority, std::int64_t start_day) {
  std::set<std::string> names;
  std::vector<std::string> roles;
  for (const auto& r : authority.roles) roles.push_back(r.name);
  for (std::size_t i = 0; i < list.size(); ++i) {
    const Field item = list.element(i);
    MapReader map(item);
    model::Policy p;
    const Field name = map.required("name");
    p.name = name.text();
    if (!names.insert(p.name).second) name.fail("policy '" + p.name + "' appears twice in this authority");
    const std::string kind = map.required("kind").choice();
    const Field role = map.required("role");
    p.role = role.text();
    if (std::find(roles.begin(), roles.end(), p.role) == roles.end()) {
      role.fail("authority '" + authority.name + "' has no role named '" + p.role + "'" + did_you_mean(p.role, roles));
    }
    if (auto f = map.optional("from")) p.from = static_cast<double>(f->date_days() - start_day);
    if (auto f = map.optional("until")) {
      p.until = static_cast<double>(f->date_days() - start_day);
      if (p.until <= p.from) f->fail("must be after 'from'");
    }
    if (auto f = map.optional("one_off_cost")) p.one_off_cost = f->non_negative();
    if (auto f = map.optional("cost_per_year")) p.cost_per_year = f->non_negative();
    if (kind == "recruitment_campaign") {
      p.kind = model::PolicyKind::recruitment_campaign;
      p.extra_applicants_per_year = map.required("extra_applicants_per_year").non_negative();
    } else if (kind == "market_supplement" || kind == "retention_payment") {
      p.kind =
          kind == "market_supplement" ? model::PolicyKind::market_supplement : model::PolicyKind::retention_payment;
      if (auto f = map.optional("amount_per_worker_per_year")) p.amount_per_worker_per_year = f->non_negative();
      if (auto f = map.optional("turnover_reduction")) p.turnover_reduction = f->probability();
      if (auto f = map.optional("applicant_increase")) p.applicant_increase = f->non_negative();
    } else if (kind == "agency_share_cap") {
      p.kind = model::PolicyKind::agency_share_cap;
      p.max_agency_share = map.required("max_share").probability();
    } else if (kind == "induction_overlap") {
      p.kind = model::PolicyKind::induction_overlap;
      p.overlap_days = map.required("overlap").duration_days();
    } else {
      p.kind = model::PolicyKind::cohort;
      p.route = map.required("route").choice();
      p.per_year = map.required("per_year").count();
      if (auto f = map.optional("month")) p.month = static_cast<unsigned>(f->count());
      if (auto f = map.optional("training")) p.training = f->delay();
      if (auto f = map.optional("dropout")) p.dropout = f->probability();
      if (auto f = map.optional("retention_bond")) p.bond_days = f->duration_days();
      if (auto f = map.optional("cost_per_trainee")) p.cost_per_trainee = f->non_negative();
    }
    map.done();
    authority.policies.push_back(std::move(p));
  }
}

}  // namespace wfsim::scenario
