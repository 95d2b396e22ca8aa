// Field-level comparison of an expected state against an actual one.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "engine/value.h"

namespace kops::engine {

// One field that differs: old_value is the actual value (null when the resource or the
// field is absent), new_value the expected one.
struct FieldChange {
  std::string field;
  Value old_value;
  Value new_value;
  bool operator==(const FieldChange&) const = default;
};

// What a Reference stands for right now (e.g. "vpc-0abc"), or nullopt when unknown.
using ReferenceResolver = std::function<std::optional<std::string>(const Reference&)>;

// True when `actual` satisfies `expected`. Lists compare element-wise, maps key-wise,
// objects on the fields set in expected (as DiffFields does);
// a Reference matches an equal Reference, or a string equal to what `resolve` (may be
// empty) says the reference stands for.
bool ValuesMatch(const Value& expected, const Value& actual, const ReferenceResolver& resolve);

// The fields of `expected` that are set (non-null) and do not match `actual`, in
// expected's order. Fields only in `actual`, and null expected fields, are not
// compared: an unset expected field means "don't care", as in kops.
std::vector<FieldChange> DiffFields(const Fields& expected, const Fields& actual,
                                    const ReferenceResolver& resolve = nullptr);

// Every set field of `expected` as a change from null: what creating it means.
std::vector<FieldChange> CreationChanges(const Fields& expected);

}  // namespace kops::engine
