// The text `kops update cluster` prints without --yes, in kops' layout:
//
//   Will create resources:
//     VPC/ha.example.com
//     	CIDR                	172.20.0.0/16
//
//   Will modify resources:
//     Subnet/a.ha.example.com
//     	CIDR                	 172.20.32.0/19 -> 172.20.64.0/19
//
//   Will delete items:
//     SecurityGroupRule    old-rule
//
// Resources are sorted by "Kind/name", deletions by kind then item. Creates list every
// set field except Name and Lifecycle (kops hides them) and file contents (shown as
// "<resource>" by kops, so hidden); modifies list only the changed fields as
// " old -> new", or a line diff for file contents.
#pragma once

#include <string>
#include <vector>

#include "engine/change.h"

namespace kops::engine {

struct RenderedChange {
  std::string kind;
  std::string name;
  Change change;
};

std::string FormatDryRunReport(std::vector<RenderedChange> changes,
                               std::vector<Deletion> deletions);

}  // namespace kops::engine
