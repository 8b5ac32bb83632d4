// Suggestions for misspelt names: "did you mean" and "known: a, b, c" in error messages.
#pragma once

#include <string>
#include <vector>

namespace anvil {

// The candidate closest to `word` if it is close enough to be a likely typo, else "".
// Closeness is the optimal-string-alignment distance (a swap of two neighbours counts as one
// edit, so "tyep" is one edit from "type").
std::string closest_name(const std::string& word, const std::vector<std::string>& candidates);

// " (did you mean \"x\"?)" or "" when nothing is close.
std::string did_you_mean(const std::string& word, const std::vector<std::string>& candidates);

// "a, b, c"
std::string join_names(const std::vector<std::string>& names);

}  // namespace anvil
