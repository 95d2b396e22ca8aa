#include "etcd/snapshot_stream.h"

#include <nlohmann/json.hpp>

#include "base/base64.h"

namespace kops::etcd {

Result<std::string> DecodeSnapshotStream(std::string_view body) {
  std::string out;
  bool finished = false;
  size_t pos = 0;
  int chunks = 0;
  while (pos < body.size()) {
    size_t nl = body.find('\n', pos);
    std::string_view line = body.substr(pos, nl == std::string_view::npos ? body.size() - pos : nl - pos);
    pos = nl == std::string_view::npos ? body.size() : nl + 1;
    if (line.find_first_not_of(" \r\t") == std::string_view::npos) continue;
    nlohmann::json j = nlohmann::json::parse(line, nullptr, false);
    if (j.is_discarded() || !j.is_object()) {
      return InvalidArgument("etcd snapshot: chunk " + std::to_string(chunks + 1) + " is not JSON");
    }
    ++chunks;
    if (j.contains("error")) {
      const nlohmann::json& e = j["error"];
      std::string msg = e.is_object() ? e.value("message", e.dump()) : e.dump();
      return Unavailable("etcd snapshot: etcd failed after " + std::to_string(out.size()) +
                         " bytes: " + msg);
    }
    const nlohmann::json& r = j.contains("result") ? j["result"] : j;
    if (r.contains("blob") && r["blob"].is_string()) {
      ASSIGN_OR_RETURN(std::string blob, Base64Decode(r["blob"].get<std::string>()));
      out += blob;
    }
    std::string remaining = "0";
    for (const char* key : {"remaining_bytes", "remainingBytes"}) {
      if (!r.contains(key)) continue;
      remaining = r[key].is_string() ? r[key].get<std::string>() : r[key].dump();
    }
    finished = remaining == "0";
  }
  if (!finished || out.empty()) {
    return Unavailable("etcd snapshot: the stream ended early (" + std::to_string(out.size()) +
                       " bytes in " + std::to_string(chunks) + " chunks, more were announced)");
  }
  return out;
}

}  // namespace kops::etcd
