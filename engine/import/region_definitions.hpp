#pragma once
// England's regions as data/regions.yaml defines them (or a user's own file given by
// --regions-data): each region's name, the data's region names that make it up (London
// is the data's Inner London and Outer London) and the regions it shares a land
// boundary with.

#include <string>
#include <vector>

#include "import/csww_data.hpp"

namespace wfsim::import {

struct RegionDefinition {
  std::string name;
  std::vector<std::string> data_names;
  std::vector<std::string> neighbours;
};

// The file's regions, in its order; ImportError, with the file and line, for a key it
// does not know or a neighbour that is no region of the file.
std::vector<RegionDefinition> read_regions(const std::string& path);

// The regions file must place every council of the year: a data region that no region
// of the file lists (Outer London left out of London's data_names) dropped its councils
// without a word from England's run and from London's alone, and the header counted the
// rest as "the data's council rows".
void refuse_councils_in_no_region(const CswwData& data, int year, const std::vector<RegionDefinition>& all,
                                  const std::string& regions_file);

// The chosen regions as the regions file defines them, matched by name in any case, as
// councils' names are ("south west", "Yorkshire and the Humber").
std::vector<const RegionDefinition*> chosen_regions(const std::vector<RegionDefinition>& all,
                                                    const std::vector<std::string>& chosen,
                                                    const std::string& regions_file);

// The council rows of a region as the regions file defines it, named in any case, for
// the year.
std::vector<const CswwRow*> region_rows(const CswwData& data, const std::string& region, int year,
                                        const std::string& regions_file);

// The names the regions file lists, in its order.
std::vector<std::string> region_names(const std::string& regions_file);

}  // namespace wfsim::import
