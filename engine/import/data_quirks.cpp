#include "import/data_quirks.hpp"

namespace wfsim::import {

namespace {

// Reorganisations and joint returns over 2017 to 2023, said where the year's data shows
// them (the data lists each year's councils as they reported).
struct DataQuirk {
  std::string name;  // as the data names the council
  int from_year, to_year;
  std::string what;
};
const DataQuirk kQuirks[] = {
    {"Kingston upon Thames / Richmond upon Thames", 2017, 2023,
     "a joint return for two boroughs whose children's services one company runs (Achieving for Children): one "
     "authority here"},
    {"Northamptonshire", 2017, 2020,
     "the county, which became North and West Northamptonshire on 1 April 2021 (one joint row from 2021)"},
    {"North Northamptonshire / West Northamptonshire", 2021, 2023,
     "Northamptonshire became North and West Northamptonshire on 1 April 2021; the data has one joint row (their "
     "children's trust): one authority here"},
    {"Bournemouth", 2017, 2018, "merged into Bournemouth, Christchurch and Poole on 1 April 2019"},
    {"Poole", 2017, 2018, "merged into Bournemouth, Christchurch and Poole on 1 April 2019"},
    {"Bournemouth, Christchurch and Poole", 2019, 2023,
     "formed on 1 April 2019 from Bournemouth, Poole and part of Dorset"},
    {"Dorset", 2019, 2023,
     "a unitary council from 1 April 2019 (Dorset Council): the county of 2017 and 2018 without Christchurch, which "
     "went to Bournemouth, Christchurch and Poole"},
    {"Buckinghamshire", 2020, 2023,
     "a unitary council from 1 April 2020; its children's services were already the county's"},
    {"Cumbria", 2017, 2022, "the county, split into Cumberland and Westmorland and Furness on 1 April 2023"},
    {"Cumberland", 2023, 2023,
     "formed on 1 April 2023 from part of Cumbria (with Westmorland and Furness): its leavers and starters "
     "count the months from April only, a part year (Cumbria's turnover was 7.5% to 12.4% a year from 2017 to "
     "2022)"},
    {"Westmorland and Furness", 2023, 2023,
     "formed on 1 April 2023 from part of Cumbria (with Cumberland): its leavers and starters count the months "
     "from April only, a part year (Cumbria's turnover was 7.5% to 12.4% a year from 2017 to 2022)"},
    {"North Yorkshire", 2023, 2023,
     "a unitary council from 1 April 2023; its children's services were already the county's"},
    {"Somerset", 2023, 2023, "a unitary council from 1 April 2023; its children's services were already the county's"},
    {"City of London", 2017, 2023, "the smallest authority (a handful of social workers); kept"},
};

}  // namespace

std::optional<std::string> data_quirk(const std::string& name, int year) {
  for (const DataQuirk& q : kQuirks) {
    if (q.name == name && year >= q.from_year && year <= q.to_year) return q.what;
  }
  return std::nullopt;
}

}  // namespace wfsim::import
