// Output of `validate cluster`:
//   table: "INSTANCE GROUPS" (NAME ROLE MACHINETYPE MIN MAX SUBNETS), "NODE STATUS" (NAME
//          ROLE READY), "ETCD" (CLUSTER MEMBER ZONE HEALTHY LEADER REVISION), then either
//          "VALIDATION ERRORS" (KIND NAME MESSAGE) and "Validation Failed", or "Your
//          cluster NAME is ready" — as kops prints them, plus the ETCD table;
//   json/yaml: kops' ValidationCluster ({"failures": [{type, name, message}], "nodes":
//          [{name, zone, role, hostname, status}]}, empty lists omitted as kops omits
//          them) plus "etcd": [{cluster, member, zone, instance, healthy, leader,
//          learner, revision, error?}].
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "ops/validation_types.h"

namespace kops::ops {

// Columns separated by two spaces at least, as `kops get` aligns them.
void PrintTable(const std::vector<std::vector<std::string>>& rows, std::ostream& out);

void RenderValidationTable(const ClusterValidation& v, std::ostream& out);
nlohmann::json ValidationToJson(const ClusterValidation& v);

}  // namespace kops::ops
