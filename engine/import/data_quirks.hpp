#pragma once
// What the official data's rows for a council and year stand for where a reorganisation
// or a joint return makes them other than one council's year (Cumberland's 2023 is a
// part year; Northamptonshire's two councils return one row), said beside what is
// made from them.

#include <optional>
#include <string>

namespace wfsim::import {

// The note for `name` (as the data names it) in `year`, or nothing.
std::optional<std::string> data_quirk(const std::string& name, int year);

}  // namespace wfsim::import
