#include "import/region_definitions.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <map>
#include <set>

#include "import/data_file.hpp"
#include "import/place_name.hpp"
#include "scenario/suggest.hpp"

namespace wfsim::import {

namespace {

// A neighbour must be a region of the file: a misspelt one ('South Est') was dropped
// without a word, and workers no longer moved there.
void refuse_unknown_neighbours(const std::string& path, const YAML::Node& root,
                               const std::vector<RegionDefinition>& regions) {
  std::vector<std::string> names;
  for (const RegionDefinition& r : regions) names.push_back(r.name);
  for (const YAML::Node& r : root) {
    for (const YAML::Node& n : list_at(r, path, "neighbours", false)) {
      const std::string neighbour = n.as<std::string>();
      if (std::find(names.begin(), names.end(), neighbour) == names.end()) {
        entry_error(path, n,
                    "region '" + r["name"].as<std::string>() + "': neighbour '" + neighbour +
                        "' is no region of this file" + scenario::did_you_mean(neighbour, names));
      }
    }
  }
}

}  // namespace

std::vector<RegionDefinition> read_regions(const std::string& path) {
  return read_data_file(path, [&](const YAML::Node& root) {
    if (!root.IsSequence()) layout_error(path, "expected a list of regions, each with name, data_names and neighbours");
    std::vector<RegionDefinition> regions;
    for (const YAML::Node& r : root) {
      if (!r.IsMap() || !r["name"]) layout_error(path, "each region must be a mapping with a 'name'");
      for (const auto& entry : r) {
        const std::string key = entry.first.as<std::string>();
        if (key != "name" && key != "data_names" && key != "neighbours") {
          entry_error(path, entry.first,
                      "region '" + r["name"].as<std::string>() + "': unknown key '" + key + "'" +
                          scenario::did_you_mean(key, {"name", "data_names", "neighbours"}) +
                          "; a region gives name, data_names and neighbours");
        }
      }
      RegionDefinition d;
      d.name = r["name"].as<std::string>();
      for (const auto& n : list_at(r, path, "data_names", false)) d.data_names.push_back(n.as<std::string>());
      for (const auto& n : list_at(r, path, "neighbours", false)) d.neighbours.push_back(n.as<std::string>());
      regions.push_back(std::move(d));
    }
    refuse_unknown_neighbours(path, root, regions);
    return regions;
  });
}

void refuse_councils_in_no_region(const CswwData& data, int year, const std::vector<RegionDefinition>& all,
                                  const std::string& regions_file) {
  std::set<const CswwRow*> listed;
  for (const RegionDefinition& r : all) {
    for (const std::string& data_name : r.data_names) {
      try {
        for (const CswwRow* row : data.region(data_name, year)) listed.insert(row);
      } catch (const ImportError& e) {
        // A misspelt data name was blamed on the CSV alone.
        throw ImportError(regions_file + ": region '" + r.name + "' lists '" + data_name +
                          "' in its data_names: " + e.what());
      }
    }
  }
  std::map<std::string, int> unlisted;
  for (const CswwRow* row : data.councils(year)) {
    if (!listed.contains(row)) ++unlisted[row->region];
  }
  if (unlisted.empty()) return;
  std::string which;
  for (const auto& [region, count] : unlisted) {
    which += (which.empty() ? "'" : ", '") + region + "' (" + std::to_string(count) + " councils)";
  }
  throw ImportError(regions_file + ": no region's data_names holds the data's " + which + " of " +
                    std::to_string(year) +
                    ", so a run would leave them out: add each to its region's "
                    "data_names (data/README.md describes the file)");
}

std::vector<const RegionDefinition*> chosen_regions(const std::vector<RegionDefinition>& all,
                                                    const std::vector<std::string>& chosen,
                                                    const std::string& regions_file) {
  std::vector<const RegionDefinition*> regions;
  for (const std::string& name : chosen) {
    const auto found = std::find_if(all.begin(), all.end(), [&](const RegionDefinition& r) {
      return normalised_name(r.name) == normalised_name(name);
    });
    if (found == all.end()) {
      std::string known;
      std::vector<std::string> names;
      for (const auto& r : all) {
        known += (known.empty() ? "" : ", ") + r.name;
        names.push_back(r.name);
      }
      // The data's own name for part of a region (London's councils are "Inner London"
      // and "Outer London" there): the region it belongs to, whole.
      const auto part_of = std::find_if(all.begin(), all.end(), [&](const RegionDefinition& r) {
        return std::any_of(r.data_names.begin(), r.data_names.end(),
                           [&](const std::string& d) { return normalised_name(d) == normalised_name(name); });
      });
      const std::string hint = normalised_name(name) == "england" ? "; for every region together, give --england"
                               : part_of != all.end()
                                   ? "; '" + name + "' is the data's name for part of " + part_of->name +
                                         ": give --region '" + part_of->name + "' for all its councils, or --la for one"
                                   : scenario::did_you_mean(name, names);
      throw ImportError("no region named '" + name + "' in " + regions_file + " (the regions: " + known + ")" + hint);
    }
    regions.push_back(&*found);
  }
  return regions;
}

std::vector<const CswwRow*> region_rows(const CswwData& data, const std::string& region, int year,
                                        const std::string& regions_file) {
  const std::vector<RegionDefinition> all = read_regions(regions_file);
  std::vector<const CswwRow*> rows;
  for (const RegionDefinition* r : chosen_regions(all, {region}, regions_file)) {
    for (const std::string& data_name : r->data_names) {
      for (const CswwRow* row : data.region(data_name, year)) rows.push_back(row);
    }
  }
  return rows;
}

std::vector<std::string> region_names(const std::string& regions_file) {
  std::vector<std::string> names;
  for (const RegionDefinition& r : read_regions(regions_file)) names.push_back(r.name);
  return names;
}

}  // namespace wfsim::import
