// Shared by the Statement of Applicability builder (soa.cpp) and its model-evidence rules
// (soa_applicability.cpp).
#pragma once

#include <string>
#include <vector>

#include "zonepath/models/soa.hpp"

namespace zonepath::models::detail {

// Appends `value` unless it is empty or already listed (first-seen order).
void add_unique(std::vector<std::string>& list, const std::string& value);
std::string join(const std::vector<std::string>& items, const char* separator = ", ");

// What the model shows for a control beyond its requirement records (vendor zones, WAN
// conduits, walk-in actors, maintenance windows, ...): adds the places, change records and
// owners to `row`, may set its status, and returns the sentence for the justification (empty
// when the model holds nothing for the control).
std::string model_evidence(const Site& site, const Report& report, SoaRow& row);

} // namespace zonepath::models::detail
