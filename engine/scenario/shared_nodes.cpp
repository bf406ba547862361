#include "scenario/shared_nodes.hpp"

#include <algorithm>
#include <tuple>
#include <utility>

#include "scenario/key_path.hpp"
#include "scenario/values_walked.hpp"

namespace wfsim::scenario {

namespace {

struct Visit {
  int line;
  int column;
  YAML::Node node;  // a handle, never assigned: that would assign the value in the tree
  std::string path;
};

void walk(const YAML::Node& node, const std::string& path, std::vector<Visit>& visits) {
  if (visits.size() >= kMaxValuesWalked || !node.IsDefined()) return;
  visits.push_back(Visit{node.Mark().line, node.Mark().column, node, path});
  if (node.IsMap()) {
    for (const auto& entry : node) {
      const std::string key = entry.first.IsScalar() ? entry.first.Scalar() : "";
      walk(entry.second, path.empty() ? key : path + "." + key, visits);
    }
  } else if (node.IsSequence()) {
    for (std::size_t i = 0; i < node.size(); ++i) walk(node[i], path + "[" + std::to_string(i) + "]", visits);
  }
}

}  // namespace

SharedNodes::SharedNodes(const YAML::Node& root, FileOf file_of) : file_of_(std::move(file_of)) {
  std::vector<Visit> visits;
  walk(root, "", visits);
  // A node reached twice has one place in the text: those reached at one place are
  // compared by identity (values from --set or another file may share a place by chance).
  // Sorted by index: assigning a YAML::Node assigns the value it holds, in the tree.
  std::vector<std::size_t> order(visits.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  auto place = [&](std::size_t i) { return std::tie(visits[i].line, visits[i].column); };
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return place(a) < place(b); });
  for (std::size_t i = 0; i < order.size();) {
    std::size_t end = i + 1;
    while (end < order.size() && place(order[end]) == place(order[i])) ++end;
    for (std::size_t a = i; a < end; ++a) {
      const Visit& v = visits[order[a]];
      for (std::size_t b = i; b < end; ++b) {
        if (b != a && visits[order[b]].node.is(v.node)) {
          shared_.push_back(Reached{v.node, v.path});
          break;
        }
      }
    }
    i = end;
  }
}

std::string SharedNodes::other_path(const YAML::Node& node, const std::string& path) const {
  const std::string own = canonical_key_path(path);
  for (const Reached& r : shared_) {
    if (r.path != own && r.node.is(node)) return r.path;
  }
  return "";
}

std::string shared_node_problem(const SharedNodes& shared, const YAML::Node& node, const std::string& path,
                                const std::string& change) {
  const std::string other = shared.other_path(node, path);
  if (other.empty()) return "";
  // In an extends chain the anchor is often in another file than the change.
  const std::string file = shared.file_of(other);
  return "one value with " + other + ", through a YAML anchor (line " + std::to_string(node.Mark().line + 1) +
         ", column " + std::to_string(node.Mark().column + 1) + (file.empty() ? "" : " of " + file) +
         ") and its alias: " + change + " would change both; write each out in full where they are to differ";
}

bool leaves_as_it_is(const YAML::Node& existing, const YAML::Node& value) {
  return existing.IsDefined() && existing.IsScalar() && value.IsScalar() && existing.Scalar() == value.Scalar() &&
         existing.Tag() == value.Tag();
}

}  // namespace wfsim::scenario
