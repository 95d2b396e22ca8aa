#include "create/set_fields.h"

#include "base/strings.h"
#include "create/csv.h"
#include "create/field_setter.h"

namespace kops::create {

namespace setter {

Result<std::vector<Segment>> ParsePath(const std::string& path) {
  std::vector<Segment> out;
  for (const std::string& part : Split(path, '.')) {
    Segment seg;
    size_t open = part.find('[');
    seg.name = part.substr(0, open);
    if (open != std::string::npos) {
      std::string idx = part.substr(open + 1);
      if (idx.empty() || idx.back() != ']' || idx.size() < 2 ||
          idx.find_first_not_of("0123456789") != idx.size() - 1)
        return InvalidArgument("field path \"" + path + "\": bad index in \"" + part +
                               "\"; expected name[N]");
      seg.index = std::stoi(idx.substr(0, idx.size() - 1));
    }
    if (seg.name.empty())
      return InvalidArgument("field path \"" + path + "\": empty field name");
    out.push_back(seg);
  }
  return out;
}

}  // namespace setter

Result<std::vector<std::string>> SplitSetFlags(const std::vector<std::string>& occurrences) {
  std::vector<std::string> out;
  for (const std::string& occ : occurrences) {
    ASSIGN_OR_RETURN(auto fields, ParseCsvRecord(occ, {.lazy_quotes = true}));
    for (auto& f : fields)
      if (!f.empty()) out.push_back(std::move(f));
  }
  return out;
}

namespace {

Status ApplyOne(const std::string& setting, bool unset, api::Cluster& cluster,
                std::vector<api::InstanceGroup>& groups) {
  const char* flag = unset ? "--unset" : "--set";
  setter::Target t;
  std::string path = setting;
  if (!unset) {
    size_t eq = setting.find('=');
    if (eq == std::string::npos)
      return InvalidArgument(std::string(flag) + " \"" + setting +
                             "\": expected path=value, e.g. cluster.spec.nodePortAccess=1.2.3.4/32");
    path = setting.substr(0, eq);
    t.value = setting.substr(eq + 1);
  }
  t.unset = unset;
  t.text = path;
  bool for_groups = false;
  if (StartsWith(path, "cluster.")) {
    path = path.substr(8);
  } else if (StartsWith(path, "instancegroup.")) {
    path = path.substr(14);
    for_groups = true;
  } else if (!StartsWith(path, "spec.") && !StartsWith(path, "metadata.")) {
    return InvalidArgument(std::string(flag) + " \"" + setting +
                           "\": the path must start with cluster.spec., spec. or "
                           "instancegroup.spec.");
  }
  auto segments = setter::ParsePath(path);
  if (!segments.ok()) return segments.status().WithContext(flag);
  t.path = *segments;
  if (!for_groups) return setter::SetField(cluster, t).WithContext(flag);
  for (auto& g : groups) RETURN_IF_ERROR(setter::SetField(g, t).WithContext(flag));
  return Status::Ok();
}

}  // namespace

Status ApplySetsAndUnsets(const std::vector<std::string>& sets,
                          const std::vector<std::string>& unsets, api::Cluster& cluster,
                          std::vector<api::InstanceGroup>& groups) {
  for (const auto& u : unsets) RETURN_IF_ERROR(ApplyOne(u, true, cluster, groups));
  for (const auto& s : sets) RETURN_IF_ERROR(ApplyOne(s, false, cluster, groups));
  return Status::Ok();
}

}  // namespace kops::create
